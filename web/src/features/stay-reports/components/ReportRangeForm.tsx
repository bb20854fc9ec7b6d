/** The nights a report covers: a first and a last night, both included, checked by the API when sent. */
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { TextField } from "../../../components/Field";
import { rangeProblems, type RangeField, type RangeProblems, type ReportRange } from "../report";

const IDS: Record<RangeField, string> = { from: "report-from", to: "report-to" };

interface Props {
  initial: ReportRange;
  onApply: (range: ReportRange) => void;
  /** What the API refused of the range last applied (its 422), until another is applied. */
  serverProblems?: RangeProblems;
  /** Changes whenever the API refuses anew, so the summary takes focus again. */
  serverKey?: unknown;
}

export function ReportRangeForm({ initial, onApply, serverProblems = {}, serverKey }: Props) {
  const [range, setRange] = useState(initial);
  const [submitted, setSubmitted] = useState(0);
  const ownProblems = submitted ? rangeProblems(range) : {};
  const problems = Object.keys(ownProblems).length ? ownProblems : serverProblems;
  const items: SummaryItem[] = (["from", "to"] as const).flatMap((field) =>
    problems[field] ? [{ fieldId: IDS[field], message: problems[field] }] : [],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted((n) => n + 1);
    if (Object.keys(rangeProblems(range)).length === 0) onApply(range);
  };

  return (
    <form noValidate onSubmit={submit} aria-label="Nights to report on" className="mb-4 rounded border-2 border-gray-300 p-4">
      {items.length > 0 && <ErrorSummary id="report-error-summary" items={items} focusKey={`${submitted}-${String(serverKey)}`} />}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          id={IDS.from}
          label="First night"
          hint="A guest arriving on this date is counted."
          type="date"
          value={range.from}
          error={problems.from}
          onChange={(event) => setRange({ ...range, from: event.target.value })}
        />
        <TextField
          id={IDS.to}
          label="Last night"
          hint="Included: the night of this date is counted."
          type="date"
          value={range.to}
          error={problems.to}
          onChange={(event) => setRange({ ...range, to: event.target.value })}
        />
      </div>
      <Button type="submit">Show the report</Button>
    </form>
  );
}
