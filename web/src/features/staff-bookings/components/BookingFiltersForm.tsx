/** The bookings list's filters: applied together when the form is sent, checked first. */
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { SelectField, TextField } from "../../../components/Field";
import { statusLabel } from "../../../lib/staff-labels";
import { filterProblems, MAX_WORDS, PAGE_SIZES, statusesFor, type BookingFilters, type FilterField } from "../filters";

const IDS: Record<FilterField, string> = { from: "filter-from", to: "filter-to", q: "filter-q" };

interface Props {
  initial: BookingFilters;
  onApply: (filters: BookingFilters) => void;
  /** What the API refused of the filters last applied (a 422), until they are applied again. */
  serverProblems?: Partial<Record<FilterField, string>>;
  /** What the venue's bookings are: a hotel's stays have their own statuses ("In house", "Checked out"). */
  kind?: "stay" | "slot";
}

export function BookingFiltersForm({ initial, onApply, serverProblems = {}, kind = "slot" }: Props) {
  const [filters, setFilters] = useState(initial);
  const [submitted, setSubmitted] = useState(0);
  const problems = submitted ? filterProblems(filters) : serverProblems;
  const items: SummaryItem[] = (Object.keys(IDS) as FilterField[])
    .filter((field) => problems[field])
    .map((field) => ({ fieldId: IDS[field], message: problems[field]! }));
  const set = (change: Partial<BookingFilters>) => setFilters({ ...filters, ...change });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted((n) => n + 1);
    if (Object.keys(filterProblems(filters)).length === 0) onApply(filters);
  };

  return (
    <form noValidate onSubmit={submit} aria-label="Filter bookings" className="mb-6 rounded border-2 border-gray-300 p-4">
      {items.length > 0 && <ErrorSummary items={items} focusKey={submitted} />}
      <TextField
        id={IDS.q}
        label="Search"
        hint={`Name, e-mail address or booking reference; every word must match (at most ${MAX_WORDS} words).`}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={filters.q}
        error={problems.q}
        onChange={(event) => set({ q: event.target.value })}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          id={IDS.from}
          label="From"
          hint="Leave empty for any date."
          type="date"
          value={filters.from}
          error={problems.from}
          onChange={(event) => set({ from: event.target.value })}
        />
        <TextField
          id={IDS.to}
          label="To"
          hint="Leave empty for no end."
          type="date"
          value={filters.to}
          error={problems.to}
          onChange={(event) => set({ to: event.target.value })}
        />
        <SelectField id="filter-status" label="Status" value={filters.status} onChange={(event) => set({ status: event.target.value })}>
          <option value="">Any status</option>
          {statusesFor(kind).map((status) => (
            <option key={status} value={status}>
              {statusLabel(status, kind)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-order"
          label="Order"
          value={filters.order}
          onChange={(event) => set({ order: event.target.value === "desc" ? "desc" : "asc" })}
        >
          <option value="asc">Soonest first</option>
          <option value="desc">Latest first</option>
        </SelectField>
        <SelectField
          id="filter-per-page"
          label="Bookings per page"
          value={filters.perPage}
          onChange={(event) => set({ perPage: Number(event.target.value) })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit">Show bookings</Button>
    </form>
  );
}
