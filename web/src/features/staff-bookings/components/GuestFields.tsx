/** How the booking was taken and who it is for; every guest detail may be left out. */
import { useState } from "react";
import { TextArea, TextField } from "../../../components/Field";
import { EMPTY_GUEST, GUEST_FIELD_IDS, type Channel, type GuestField, type GuestProblems, type StaffGuest } from "../guest";

/** The guest being typed and what is wrong with it; a field's problem goes once it is changed. `fields` are GuestFields' props. */
export function useGuestForm() {
  const [guest, setGuest] = useState<StaffGuest>(EMPTY_GUEST);
  const [problems, setProblems] = useState<GuestProblems>({});
  const onChange = (next: StaffGuest, field: GuestField) => {
    setGuest(next);
    setProblems(({ [field]: _, ...rest }) => rest);
  };
  return { guest, problems, setProblems, fields: { guest, problems, onChange } };
}

export function ChannelField({ channel, onChange }: { channel: Channel; onChange: (channel: Channel) => void }) {
  const options: [Channel, string, string][] = [
    ["walk_in", "Walk-in", "The guests are here now, or came to the door"],
    ["phone", "Phone", "The guest called the venue"],
  ];
  return (
    <fieldset className="mb-6">
      <legend className="mb-2 text-lg font-semibold text-gray-900">How was it booked?</legend>
      <div className="flex flex-wrap gap-x-8 gap-y-2">
        {options.map(([value, label, hint]) => (
          <div key={value} className="flex items-start gap-3">
            <input
              id={`channel-${value}`}
              type="radio"
              name="channel"
              value={value}
              checked={channel === value}
              onChange={() => onChange(value)}
              aria-describedby={`channel-${value}-hint`}
              className="mt-1 size-6 shrink-0 accent-indigo-800"
            />
            <div>
              <label htmlFor={`channel-${value}`} className="font-semibold text-gray-900">
                {label}
              </label>
              <p id={`channel-${value}-hint`} className="text-gray-700">
                {hint}
              </p>
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

interface Props {
  guest: StaffGuest;
  problems: GuestProblems;
  onChange: (guest: StaffGuest, field: GuestField) => void;
}

export function GuestFields({ guest, problems, onChange }: Props) {
  const field = (name: GuestField) => ({
    id: GUEST_FIELD_IDS[name],
    value: guest[name],
    error: problems[name],
    onChange: (event: { target: { value: string } }) => onChange({ ...guest, [name]: event.target.value }, name),
  });
  return (
    <fieldset className="mb-6">
      <legend className="mb-2 text-lg font-semibold text-gray-900">The guest</legend>
      <p className="mb-4 text-gray-700">Every detail is optional: a first name is enough for a walk-in.</p>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label="First name (optional)" autoComplete="off" {...field("firstName")} />
        <TextField label="Surname (optional)" autoComplete="off" {...field("surname")} />
      </div>
      <TextField
        label="E-mail address (optional)"
        hint="The guest gets a confirmation with a link to manage the booking."
        type="email"
        autoComplete="off"
        spellCheck={false}
        {...field("email")}
      />
      <TextField label="Phone number (optional)" hint="Include the country code for a number from abroad." type="tel" autoComplete="off" {...field("mobile")} />
      <TextArea label="Special requests (optional)" rows={3} {...field("requests")} />
    </fieldset>
  );
}
