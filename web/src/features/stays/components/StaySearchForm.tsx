/** Arrival, departure and guests, within the hotel's rules; checked on "Search", then as they change. */
import type { FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { SelectField, TextField } from "../../../components/Field";
import { guestsText, nightsBetween, nightsText, stayDates } from "../../../lib/stays";
import { formatLongDate, venueDate } from "../../../lib/time";
import { arrivalDates, departureDates, followArrival, type StayField, type StayProblems, type StayRules, type StaySearch } from "../stay-rules";

interface Props {
  rules: StayRules;
  search: StaySearch;
  onChange: (search: StaySearch) => void;
  onSubmit: () => void;
  /** Shown once the guest has tried to search; empty before. */
  problems: StayProblems;
  /** Changes on each refused search, so the summary takes focus again. */
  focusKey: unknown;
  idPrefix?: string;
  submitLabel?: string;
}

const ORDER: StayField[] = ["arrival", "departure", "guests"];

export function StaySearchForm({ rules, search, onChange, onSubmit, problems, focusKey, idPrefix = "stay", submitLabel = "Search rooms" }: Props) {
  const arrivals = arrivalDates(rules);
  const departures = /^\d{4}-\d{2}-\d{2}$/.test(search.arrival) ? departureDates(search.arrival, rules) : null;
  const id = (field: StayField) => `${idPrefix}-${field}`;
  const items: SummaryItem[] = ORDER.flatMap((field) => (problems[field] ? [{ fieldId: id(field), message: problems[field] }] : []));
  const nights = nightsBetween(search.arrival, search.departure);
  const readable = !Object.keys(problems).length && nights >= 1 && nights <= rules.max_stay_nights;
  const guests = Array.from({ length: rules.max_party_size }, (_, i) => i + 1);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form noValidate onSubmit={submit}>
      {items.length > 0 && <ErrorSummary id={`${idPrefix}-error-summary`} items={items} focusKey={focusKey} />}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          id={id("arrival")}
          label="Arrival"
          type="date"
          hint={
            arrivals.first === venueDate(new Date(), rules.timezone)
              ? `From today up to ${formatLongDate(arrivals.last)}`
              : `From ${formatLongDate(arrivals.first)} to ${formatLongDate(arrivals.last)}`
          }
          min={arrivals.first}
          max={arrivals.last}
          value={search.arrival}
          error={problems.arrival}
          required
          onChange={(event) => onChange(followArrival(search, event.target.value))}
        />
        <TextField
          id={id("departure")}
          label="Departure"
          type="date"
          hint={`The morning you leave: at most ${nightsText(rules.max_stay_nights)}`}
          min={departures?.first}
          max={departures?.last}
          value={search.departure}
          error={problems.departure}
          required
          onChange={(event) => onChange({ ...search, departure: event.target.value })}
        />
      </div>
      <div className="sm:w-1/2 sm:pr-2">
        <SelectField
          id={id("guests")}
          label="Guests"
          hint={`Up to ${guestsText(rules.max_party_size)} in one room`}
          value={search.guests}
          error={problems.guests}
          onChange={(event) => onChange({ ...search, guests: Number(event.target.value) })}
        >
          {guests.map((count) => (
            <option key={count} value={count}>
              {guestsText(count)}
            </option>
          ))}
        </SelectField>
      </div>
      {readable && (
        <p className="mb-4 text-gray-900">
          {nightsText(nights)}: {stayDates(search)}
        </p>
      )}
      <Button type="submit">{submitLabel}</Button>
    </form>
  );
}
