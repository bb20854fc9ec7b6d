/** A day to look at: the date field, and buttons for the day before and after. */
import { useEffect, useState } from "react";
import { addDays, formatLongDate } from "../lib/time";
import { Button } from "./Button";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Props {
  id: string;
  date: string;
  onChange: (date: string) => void;
  label?: string;
}

export function DateNav({ id, date, onChange, label = "Date" }: Props) {
  // What the field holds while it is typed in: only a whole date is taken.
  const [draft, setDraft] = useState(date);
  useEffect(() => setDraft(date), [date]);
  return (
    <div className="mb-6 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor={id} className="mb-1 block font-semibold text-gray-900">
          {label}
        </label>
        <input
          id={id}
          type="date"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            if (ISO_DATE.test(event.target.value)) onChange(event.target.value);
          }}
          className="block rounded border-2 border-gray-800 bg-white px-3 py-2 text-base text-gray-900"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => onChange(addDays(date, -1))} aria-label={`Day before: ${formatLongDate(addDays(date, -1))}`}>
          ← Day before
        </Button>
        <Button variant="secondary" onClick={() => onChange(addDays(date, 1))} aria-label={`Day after: ${formatLongDate(addDays(date, 1))}`}>
          Day after →
        </Button>
      </div>
    </div>
  );
}
