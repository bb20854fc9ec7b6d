/**
 * Who, which day and what time: a staff member who performs the service or anyone available, a date
 * within the service's notice and horizon, and the day's free times for that choice.
 */
import { useEffect, useState } from "react";
import { Button } from "../../../components/Button";
import { TextField } from "../../../components/Field";
import { Loading, LoadError } from "../../../components/Status";
import { minutesText } from "../../../lib/appointments";
import { addDays, formatLongDate, venueDate, zoneAbbreviation } from "../../../lib/time";
import type { Service } from "../api/catalogue";
import { useAppointmentSearch, type MovingBooking } from "../api/search-appointments";
import { appointmentDates, dateProblem, withoutTaken, type AppointmentChoice, type Performer } from "../appointment-rules";
import { AppointmentTimes } from "./AppointmentTimes";

export interface Taken {
  date: string;
  time: string;
  staff: number | null;
}

/**
 * A form's state around the picker: the choice, a time just refused as taken (said above the picker,
 * left out of its times) and the time's error. `change` is the picker's `onChange`; `refuse` notes a
 * time taken meanwhile and unchooses it.
 */
export function useAppointmentChoice(initial: AppointmentChoice) {
  const [choice, setChoice] = useState(initial);
  const [taken, setTaken] = useState<Taken | null>(null);
  const [timeError, setTimeError] = useState<string | undefined>();
  const change = (next: AppointmentChoice) => {
    setTimeError(undefined);
    if (next.date !== taken?.date || next.staff !== taken?.staff) setTaken(null);
    setChoice(next);
  };
  const refuse = (refused: AppointmentChoice & { time: string }) => {
    setTaken({ date: refused.date, time: refused.time, staff: refused.staff });
    setChoice({ ...refused, time: null });
  };
  return { choice, setChoice, taken, setTaken, timeError, setTimeError, change, refuse };
}

interface Props {
  venue: { slug: string; timezone: string };
  service: Service;
  performers: Performer[];
  choice: AppointmentChoice;
  onChange: (choice: AppointmentChoice) => void;
  timeError?: string;
  /** A time just refused as taken: not offered even while a cache the refusal has not reached still offers it. */
  taken?: Taken | null;
  idPrefix?: string;
  /** Moving an appointment: its staff member is named as the one it is with now. */
  currentStaff?: number;
  /** Moving an appointment: the booking's own times, its own time and those overlapping it free. */
  moving?: MovingBooking;
  /** Who is choosing: the customer ("Who would you like to see?"), or the venue's desk for them. */
  audience?: "customer" | "desk";
}

const WORDS = {
  customer: {
    who: "Who would you like to see?",
    anyone: "Whoever is free at the time you choose: your confirmation will say who.",
    current: " (your appointment is with them now)",
  },
  desk: {
    who: "Which member of staff?",
    anyone: "Whoever is free at the time chosen: the one with the fewest appointments that day.",
    current: " (booked with them now)",
  },
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function AppointmentPicker({
  venue,
  service,
  performers,
  choice,
  onChange,
  timeError,
  taken,
  idPrefix = "appointment",
  currentStaff,
  moving,
  audience = "customer",
}: Props) {
  const words = WORDS[audience];
  const range = appointmentDates({ ...service, timezone: venue.timezone });
  // What the date field holds while it is typed in: only a whole date becomes the choice's.
  const [draft, setDraft] = useState(choice.date);
  const [left, setLeft] = useState(false);
  useEffect(() => setDraft(choice.date), [choice.date]);
  const dateError = draft || left ? dateProblem(draft, range) : undefined;
  const search = useAppointmentSearch(
    { venue: venue.slug, service: service.code, date: choice.date, staff: choice.staff, moving },
    !dateError && !!draft,
  );
  const zone = zoneAbbreviation(new Date(`${ISO_DATE.test(choice.date) ? choice.date : range.first}T12:00:00Z`), venue.timezone);
  const chosen = performers.find((member) => member.id === choice.staff);
  const nextDay = ISO_DATE.test(choice.date) ? addDays(choice.date, 1) : null;
  const staffName = `${idPrefix}-staff`;

  return (
    <div>
      <fieldset id={staffName} className="mb-5">
        <legend className="mb-2 text-lg font-semibold text-gray-900">{words.who}</legend>
        {[{ id: null, name: "Anyone available", description: words.anyone }, ...performers].map(
          (member) => {
            const id = `${staffName}-${member.id ?? "any"}`;
            return (
              <div key={id} className="mb-3 flex items-start gap-3">
                <input
                  id={id}
                  type="radio"
                  name={staffName}
                  checked={choice.staff === member.id}
                  onChange={() => onChange({ ...choice, staff: member.id, time: null })}
                  className="mt-0.5 size-6 shrink-0 accent-indigo-800"
                />
                <label htmlFor={id} className="text-gray-900">
                  <span className="font-semibold">{member.name}</span>
                  {member.id !== null && member.id === currentStaff && words.current}
                  {member.description && <span className="block text-gray-700">{member.description}</span>}
                </label>
              </div>
            );
          },
        )}
      </fieldset>
      <div className="sm:w-1/2 sm:pr-2">
        <TextField
          id={`${idPrefix}-date`}
          label="Date"
          type="date"
          hint={
            range.first === venueDate(new Date(), venue.timezone)
              ? `From today up to ${formatLongDate(range.last)}`
              : `From ${formatLongDate(range.first)} to ${formatLongDate(range.last)}`
          }
          min={range.first}
          max={range.last}
          value={draft}
          error={dateError}
          required
          onBlur={() => setLeft(true)}
          onChange={(event) => {
            setDraft(event.target.value);
            if (event.target.value) onChange({ ...choice, date: event.target.value, time: null });
          }}
        />
      </div>
      {dateError || !draft ? null : search.isPending ? (
        <Loading>Finding free times…</Loading>
      ) : search.isError ? (
        <LoadError error={search.error} onRetry={() => search.refetch()} />
      ) : (
        <>
          <p className="mb-2 text-gray-700">
            Times are the venue's local time ({zone}). {service.name} takes about {minutesText(service.duration_minutes)}.
          </p>
          <AppointmentTimes
            name={`${idPrefix}-time`}
            legend={`Times on ${formatLongDate(choice.date)}${chosen ? ` with ${chosen.name}` : ""}`}
            slots={withoutTaken(search.data.slots, taken ?? null, choice)}
            timezone={venue.timezone}
            value={choice.time}
            error={timeError}
            none={
              chosen
                ? `${chosen.name} has no free time for this on ${formatLongDate(choice.date)}. Choose another date, or anyone available.`
                : `No one is free for this on ${formatLongDate(choice.date)}. Please choose another date.`
            }
            onChange={(time) => onChange({ ...choice, time })}
          />
          {search.data.slots.length === 0 && nextDay && nextDay <= range.last && (
            <Button variant="secondary" className="mb-5" onClick={() => onChange({ ...choice, date: nextDay, time: null })}>
              Show {formatLongDate(nextDay)}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
