/** Date, party size and time, within the venue's rules, with the day's slots and what is left. */
import { useEffect, useState } from "react";
import { formatLongDate, venueDate, zoneAbbreviation } from "../../../lib/time";
import { Loading, LoadError } from "../../../components/Status";
import { SelectField, TextField } from "../../../components/Field";
import { SlotPicker, type SlotOption } from "../../../components/SlotPicker";
import { useAvailability } from "../api/get-availability";
import { bookableDates, type BookingRules } from "../visit-rules";

export interface Visit {
  date: string;
  partySize: number;
  time: string | null;
}

export interface VenueRules extends BookingRules {
  slug: string;
  max_party_size: number;
}

interface Props {
  venue: VenueRules;
  visit: Visit;
  onChange: (visit: Visit) => void;
  timeError?: string;
  /** The booking being moved: its time is marked on its own day. */
  current?: Visit;
  /** A time just refused as full: shown full even while the day's availability, read through a
   * cache that the refusal's event has not yet reached, still offers it. */
  taken?: { date: string; time: string } | null;
  idPrefix?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dateProblem(date: string, range: { first: string; last: string }): string | undefined {
  if (!ISO_DATE.test(date)) return "Enter a date, like 9 December";
  if (date < range.first || date > range.last) {
    return `Choose a date from ${formatLongDate(range.first)} to ${formatLongDate(range.last)}`;
  }
  return undefined;
}

export function toSlotOptions(slots: { time?: string; remaining?: number; bookable?: boolean }[]): SlotOption[] {
  return slots
    .filter((slot): slot is { time: string } & typeof slot => !!slot.time)
    .map((slot) => ({ time: slot.time, remaining: slot.remaining ?? 0, bookable: slot.bookable ?? false }));
}

export function VisitPicker({ venue, visit, onChange, timeError, current, taken, idPrefix = "visit" }: Props) {
  const range = bookableDates(venue);
  // What the date field holds while it is typed in, segment by segment: "" until it is a whole date.
  // Only a whole date becomes the visit's, so the field is never reset under the typist's fingers.
  const [draft, setDraft] = useState(visit.date);
  const [left, setLeft] = useState(false);
  useEffect(() => setDraft(visit.date), [visit.date]);
  const dateError = draft || left ? dateProblem(draft, range) : undefined;
  const slots = useAvailability({ venue: venue.slug, date: visit.date, partySize: visit.partySize }, !dateError && !!draft);
  const zone = zoneAbbreviation(new Date(`${ISO_DATE.test(visit.date) ? visit.date : range.first}T12:00:00Z`), venue.timezone);
  const sizes = Array.from({ length: venue.max_party_size }, (_, i) => i + 1);

  return (
    <div>
      <div className="grid gap-x-4 sm:grid-cols-2">
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
            if (event.target.value) onChange({ ...visit, date: event.target.value, time: null });
          }}
        />
        <SelectField
          id={`${idPrefix}-party`}
          label="Number of people"
          hint={`Up to ${venue.max_party_size} online`}
          value={visit.partySize}
          onChange={(event) => onChange({ ...visit, partySize: Number(event.target.value), time: null })}
        >
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size === 1 ? "1 person" : `${size} people`}
            </option>
          ))}
        </SelectField>
      </div>
      {dateError || !draft ? null : slots.isPending ? (
        <Loading>Finding free tables…</Loading>
      ) : slots.isError ? (
        <LoadError error={slots.error} onRetry={() => slots.refetch()} />
      ) : (
        <>
          <p className="mb-2 text-gray-700">Times are the venue's local time ({zone}).</p>
          <SlotPicker
            name={`${idPrefix}-time`}
            legend={`Times on ${formatLongDate(visit.date)}`}
            slots={toSlotOptions(slots.data).map((slot) =>
              taken?.date === visit.date && taken.time === slot.time ? { ...slot, remaining: 0, bookable: false } : slot,
            )}
            value={visit.time}
            error={timeError}
            currentTime={current && current.date === visit.date ? current.time : null}
            onChange={(time) => onChange({ ...visit, time })}
          />
        </>
      )}
    </div>
  );
}
