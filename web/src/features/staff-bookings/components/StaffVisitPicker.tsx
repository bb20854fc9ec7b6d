/** Date, party size and time for a booking staff make or move: the customers' slot picker, fed by the venue's ledger. */
import { useEffect, useState } from "react";
import { SelectField, TextField } from "../../../components/Field";
import { SlotPicker } from "../../../components/SlotPicker";
import { Loading, LoadError } from "../../../components/Status";
import { formatLongDate } from "../../../lib/time";
import { staffSlotOptions, type CurrentVisit, type LedgerSlot, type StaffVisit } from "../visit";

interface SlotsQuery {
  data?: LedgerSlot[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface Props {
  idPrefix: string;
  visit: StaffVisit;
  onChange: (visit: StaffVisit) => void;
  maxPartySize: number;
  range: { first: string; last: string };
  slots: SlotsQuery;
  /** The venue zone's abbreviation that day ("GMT"). */
  zone: string;
  current?: CurrentVisit;
  timeError?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function visitDateProblem(date: string, range: { first: string; last: string }): string | undefined {
  if (!ISO_DATE.test(date)) return "Enter a date, like 9 December";
  if (date < range.first || date > range.last) {
    return `Choose a date from ${formatLongDate(range.first)} to ${formatLongDate(range.last)}`;
  }
  return undefined;
}

export function StaffVisitPicker({ idPrefix, visit, onChange, maxPartySize, range, slots, zone, current, timeError }: Props) {
  const [draft, setDraft] = useState(visit.date);
  const [left, setLeft] = useState(false);
  useEffect(() => setDraft(visit.date), [visit.date]);
  const dateError = draft || left ? visitDateProblem(draft, range) : undefined;
  const sizes = Array.from({ length: Math.max(maxPartySize, current?.partySize ?? 0) }, (_, i) => i + 1);

  return (
    <div>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          id={`${idPrefix}-date`}
          label="Date"
          type="date"
          hint={`From ${formatLongDate(range.first)} to ${formatLongDate(range.last)}`}
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
        <Loading>Finding the day's times…</Loading>
      ) : slots.isError ? (
        <LoadError error={slots.error} onRetry={() => slots.refetch()} />
      ) : (
        <>
          <p className="mb-2 text-gray-700">Times are the venue's local time ({zone}).</p>
          <SlotPicker
            name={`${idPrefix}-time`}
            legend={`Times on ${formatLongDate(visit.date)}`}
            slots={staffSlotOptions(slots.data ?? [], visit.date, visit.partySize, current)}
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
