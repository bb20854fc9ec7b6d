/** Each time of a day: covers booked, its capacity and whether it is open, each saved on its own. */
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Checkbox, TextField } from "../../../components/Field";
import { ApiError } from "../../../lib/api-client";
import { errorSentence } from "../../../lib/error-messages";
import { useChangeSlot, type SlotLedger } from "../api/slots";
import { belowHeldText, capacityProblem, slotChange } from "../capacity-rules";

interface Problem {
  time: string;
  /** Beside the capacity field (and linked from the summary), when it is about the number. */
  field?: string;
  sentence?: string;
  attempt: number;
}

interface Props {
  venue: string;
  date: string;
  slots: SlotLedger[];
  /** Staff without the venue's write permission see the capacity but cannot change it. */
  mayChange: boolean;
}

const fieldId = (time: string) => `capacity-${time.replace(":", "")}`;

export function SlotCapacityList({ venue, date, slots, mayChange }: Props) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      {problem && (
        <ErrorSummary
          items={problem.field ? [{ fieldId: fieldId(problem.time), message: problem.field }] : []}
          description={problem.sentence}
          focusKey={problem.attempt}
        />
      )}
      <p role="status" className="mb-4 font-semibold text-green-900">
        {saved}
      </p>
      {slots.length === 0 ? (
        <p className="mb-6">The venue has no times on this day.</p>
      ) : (
        <ul className="mb-8 grid gap-4 sm:grid-cols-2">
          {slots.map((slot) => (
            <SlotRow
              key={slot.time}
              venue={venue}
              date={date}
              slot={slot}
              mayChange={mayChange}
              fieldError={problem?.time === slot.time ? problem.field : undefined}
              onProblem={(found) => {
                setSaved(null);
                setProblem(found && { ...found, attempt: (problem?.attempt ?? 0) + 1 });
              }}
              onSaved={(text) => {
                setProblem(null);
                setSaved(text);
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}

interface RowProps {
  venue: string;
  date: string;
  slot: SlotLedger;
  mayChange: boolean;
  fieldError?: string;
  onProblem: (problem: Omit<Problem, "attempt"> | null) => void;
  onSaved: (text: string) => void;
}

function SlotRow({ venue, date, slot, mayChange, fieldError, onProblem, onSaved }: RowProps) {
  const [capacity, setCapacity] = useState(String(slot.capacity));
  const [open, setOpen] = useState(slot.is_open);
  // What the API holds now (saved here or changed elsewhere) becomes what the fields show; a refused
  // change leaves the API as it was, so what was typed stays.
  useEffect(() => {
    setCapacity(String(slot.capacity));
    setOpen(slot.is_open);
  }, [slot.capacity, slot.is_open]);
  const change = useChangeSlot(venue);
  const id = fieldId(slot.time);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const typo = capacityProblem(capacity, slot.time);
    if (typo) return onProblem({ time: slot.time, field: typo });
    const body = slotChange(slot, { capacity, open });
    if (Object.keys(body).length === 0) {
      return onProblem({ time: slot.time, sentence: `Nothing to save at ${slot.time}: change its capacity or whether it is open first.` });
    }
    change.mutate(
      { date, time: slot.time, change: body },
      {
        onSuccess: (updated) =>
          onSaved(`Saved: ${updated.time} takes ${updated.capacity} covers and is ${updated.is_open ? "open" : "closed"} for bookings.`),
        onError: (error) => {
          if (error instanceof ApiError && error.code === "capacity_below_held") {
            onProblem({ time: slot.time, field: belowHeldText(slot.time, error.details), sentence: errorSentence(error) });
          } else {
            onProblem({ time: slot.time, sentence: errorSentence(error) });
          }
        },
      },
    );
  };

  return (
    <li className="rounded border-2 border-gray-300 p-4">
      <form noValidate onSubmit={save} aria-labelledby={`${id}-title`}>
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3">
          <h3 id={`${id}-title`} className="text-xl font-bold text-gray-900">
            {slot.time}
          </h3>
          <p className="text-gray-900">
            {slot.booked === 1 ? "1 cover" : `${slot.booked} covers`} booked
            {slot.is_open ? "" : " · closed"}
            {slot.staff_override ? " · set by staff" : ""}
          </p>
        </div>
        <TextField
          id={id}
          label={`Capacity at ${slot.time}`}
          hint="Covers in total, booked ones included."
          inputMode="numeric"
          autoComplete="off"
          className="sm:w-32"
          value={capacity}
          error={fieldError}
          readOnly={!mayChange}
          onChange={(event) => setCapacity(event.target.value)}
        />
        <Checkbox
          id={`${id}-open`}
          label={`Open for bookings at ${slot.time}`}
          checked={open}
          disabled={!mayChange}
          onChange={(event) => setOpen(event.target.checked)}
        />
        {mayChange && (
          <Button type="submit" disabled={change.isPending} aria-label={`Save ${slot.time}`}>
            {change.isPending ? "Saving…" : "Save"}
          </Button>
        )}
      </form>
    </li>
  );
}
