/** Dates the venue is closed: add one (its booked times close and keep their bookings), reopen one. */
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { TextField } from "../../../components/Field";
import { Loading, LoadError } from "../../../components/Status";
import { errorSentence, fieldErrors } from "../../../lib/error-messages";
import { formatLongDate } from "../../../lib/time";
import { useAddClosure, useClosures, useRemoveClosure, type ClosureMade } from "../api/closures";

interface Props {
  venue: string;
  /** The first date that can be closed (the venue's today). */
  today: string;
  mayChange: boolean;
  daySheetLink: (date: string) => string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function Outcome({ made, daySheetLink }: { made: ClosureMade; daySheetLink: Props["daySheetLink"] }) {
  const covers = made.kept.reduce((sum, slot) => sum + slot.booked, 0);
  return (
    <div className="mb-6 rounded border-l-8 border-green-700 bg-green-50 p-4 text-gray-900">
      <p className="font-semibold">The venue is closed on {formatLongDate(made.date)}.</p>
      {made.kept.length > 0 ? (
        <p>
          Bookings already made that day are kept: {covers === 1 ? "1 cover" : `${covers} covers`} at{" "}
          {made.kept.map((slot) => slot.time).join(", ")}. Those times are closed to new bookings. Tell the guests, then
          move or cancel their bookings from{" "}
          <Link to={daySheetLink(made.date)} className="font-semibold text-indigo-800 underline">
            the day sheet for {formatLongDate(made.date)}
          </Link>
          .
        </p>
      ) : (
        <p>There were no bookings that day.</p>
      )}
    </div>
  );
}

export function Closures({ venue, today, mayChange, daySheetLink }: Props) {
  const closures = useClosures(venue);
  const add = useAddClosure(venue);
  const remove = useRemoveClosure(venue);
  const [date, setDate] = useState("");
  const [note, setNote] = useState("");
  const [problems, setProblems] = useState<{ date?: string; note?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<{ made?: ClosureMade; reopened?: string; sentence?: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setOutcome(null);
    const found: typeof problems = {};
    if (!ISO_DATE.test(date)) found.date = "Enter the date to close, like 24 December";
    else if (date < today) found.date = `Choose ${formatLongDate(today)} or a later date`;
    if (note.length > 500) found.note = "The note must be 500 characters or fewer";
    setProblems(found);
    if (Object.keys(found).length) return;
    add.mutate(
      { date, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (made) => {
          setOutcome({ made });
          setDate("");
          setNote("");
        },
        onError: (error) => {
          const fields = fieldErrors(error);
          setProblems({
            ...("date" in fields ? { date: "Enter a date the venue can close, like 24 December" } : {}),
            ...("note" in fields ? { note: "Check the note: 500 characters or fewer, no control characters" } : {}),
          });
          setOutcome({ sentence: errorSentence(error) });
          setAttempt((n) => n + 1);
        },
      },
    );
  };

  const reopen = (day: string) => {
    setOutcome(null);
    remove.mutate(day, {
      onSuccess: () => setOutcome({ reopened: day }),
      onError: (error) => {
        setOutcome({ sentence: errorSentence(error) });
        setAttempt((n) => n + 1);
      },
    });
  };

  const items: SummaryItem[] = [
    ...(problems.date ? [{ fieldId: "closure-date", message: problems.date }] : []),
    ...(problems.note ? [{ fieldId: "closure-note", message: problems.note }] : []),
  ];

  return (
    <section aria-labelledby="closures-title">
      <h2 id="closures-title" className="mb-4 text-2xl font-bold text-gray-900">
        Closed dates
      </h2>
      {(items.length > 0 || outcome?.sentence) && (
        <ErrorSummary id="closures-errors" items={items} description={outcome?.sentence} focusKey={`closures-${attempt}`} />
      )}
      <div role="status">
        {outcome?.made && <Outcome made={outcome.made} daySheetLink={daySheetLink} />}
        {outcome?.reopened && (
          <p className="mb-6 rounded border-l-8 border-green-700 bg-green-50 p-4 font-semibold text-gray-900">
            The venue is open again on {formatLongDate(outcome.reopened)}: its times are back from the opening hours.
          </p>
        )}
      </div>
      {closures.isPending ? (
        <Loading>Loading the closed dates…</Loading>
      ) : closures.isError ? (
        <LoadError error={closures.error} onRetry={() => closures.refetch()} />
      ) : closures.data.length === 0 ? (
        <p className="mb-6">The venue has no closed dates.</p>
      ) : (
        <ul className="mb-6 divide-y divide-gray-300 border-y border-gray-300">
          {closures.data.map((closure) => (
            <li key={closure.date} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <span>
                <span className="font-semibold">{formatLongDate(closure.date)}</span>
                {closure.note && <span className="block break-words text-gray-700">{closure.note}</span>}
              </span>
              {mayChange && closure.date >= today && (
                <Button
                  variant="secondary"
                  disabled={remove.isPending}
                  onClick={() => reopen(closure.date)}
                  aria-label={`Reopen on ${formatLongDate(closure.date)}`}
                >
                  Reopen
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayChange && (
        <form noValidate onSubmit={submit} aria-labelledby="closure-form-title" className="rounded border-2 border-gray-300 p-4">
          <h3 id="closure-form-title" className="mb-3 text-xl font-bold text-gray-900">
            Close the venue for a day
          </h3>
          <TextField
            id="closure-date"
            label="Date to close"
            hint="Free times that day are withdrawn; times with bookings close to new bookings and keep them."
            type="date"
            min={today}
            value={date}
            error={problems.date}
            onChange={(event) => setDate(event.target.value)}
          />
          <TextField
            id="closure-note"
            label="Note (optional)"
            hint="For the team, like “Private party”."
            value={note}
            error={problems.note}
            onChange={(event) => setNote(event.target.value)}
          />
          <Button type="submit" variant="warning" disabled={add.isPending}>
            {add.isPending ? "Closing…" : "Close the venue on this date"}
          </Button>
        </form>
      )}
    </section>
  );
}
