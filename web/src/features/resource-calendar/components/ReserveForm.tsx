/**
 * Reserve a range of a resource for someone, once or every week for some weeks ("all or nothing" or
 * "book what is free"), or put them on the waitlist for a busy range. A series' answer is reported date by
 * date: what was booked, and each date that was not and why. A refusal keeps what was typed.
 */
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { Checkbox, TextField } from "../../../components/Field";
import { Notice } from "../../../components/Status";
import { ApiError } from "../../../lib/api-client";
import { errorSentence, fieldErrors } from "../../../lib/error-messages";
import { formatLongDate } from "../../../lib/time";
import { useJoinWaitlist, useReserve, type Booking, type Customer, type Resource, type ReservationView } from "../api/resource-calendar";
import {
  bookedText, conflictsOf, conflictText, countOf, rangeErrors, rangeText, refusalSentence, weeklyRule, type Conflict, type RangeInput,
} from "../calendar";

export interface Picked {
  date: string;
  start: string;
  end: string;
  key: number;
}

interface Props {
  venue: string;
  resource: Resource;
  picked: Picked | null;
  bookingLink: (reference: string) => string;
}

type Outcome =
  | { kind: "booked"; booking: Booking; reservation: ReservationView; who: string; key: number }
  | { kind: "waiting"; who: string; range: string; key: number };

type Failure = { sentence: string; conflicts: Conflict[]; fields: Record<string, string>; key: number };

/** The API's field paths to this form's fields. */
const FIELD_IDS: Record<string, string> = {
  start: "reserve-start",
  end: "reserve-end",
  recurrence: "reserve-weeks",
  "customer.first_name": "reserve-first-name",
  "customer.surname": "reserve-surname",
  "customer.email": "reserve-email",
};

function customerOf(firstName: string, surname: string, email: string): Customer | null {
  const customer: Customer = {};
  if (firstName.trim()) customer.first_name = firstName.trim();
  if (surname.trim()) customer.surname = surname.trim();
  if (email.trim()) customer.email = email.trim();
  return Object.keys(customer).length ? customer : null;
}

export function ReserveForm({ venue, resource, picked, bookingLink }: Props) {
  const [input, setInput] = useState<RangeInput>({ date: "", start: "", end: "", repeat: false, weeks: "8" });
  const [mode, setMode] = useState<"all_or_nothing" | "partial">("all_or_nothing");
  const [firstName, setFirstName] = useState("");
  const [surname, setSurname] = useState("");
  const [email, setEmail] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const reserve = useReserve(venue);
  const join = useJoinWaitlist(venue);

  useEffect(() => {
    if (!picked) return;
    setInput((before) => ({ ...before, date: picked.date, start: picked.start, end: picked.end }));
    setFailure(null);
    setOutcome(null);
    document.getElementById("reserve-start")?.focus();
  }, [picked]);

  const set = (field: keyof RangeInput) => (value: string | boolean) => setInput((before) => ({ ...before, [field]: value }));
  const who = () => [firstName.trim(), surname.trim()].filter(Boolean).join(" ") || "you";

  const check = (): boolean => {
    const errors = rangeErrors(input);
    if (Object.keys(errors).length === 0) return true;
    setOutcome(null);
    setFailure({ sentence: "", conflicts: [], fields: errors, key: Date.now() });
    return false;
  };

  const refused = (error: unknown) => {
    const conflicts = conflictsOf(error);
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(fieldErrors(error))) fields[FIELD_IDS[path] ?? "reserve-date"] = message;
    const sentence = error instanceof ApiError && conflicts.length > 0 ? refusalSentence(error, conflicts) : errorSentence(error, "reservation");
    setFailure({ sentence, conflicts, fields, key: Date.now() });
  };

  const onReserve = (event: FormEvent) => {
    event.preventDefault();
    if (!check()) return;
    setFailure(null);
    setOutcome(null);
    const name = who();
    reserve.mutate(
      {
        resource: resource.id,
        start: `${input.date}T${input.start}`,
        end: `${input.date}T${input.end}`,
        recurrence: input.repeat ? weeklyRule(Number(input.weeks)) : null,
        mode,
        customer: customerOf(firstName, surname, email),
        special_requests: null,
      },
      {
        onSuccess: (booking) => {
          const reservation = booking.reservation as ReservationView;
          setOutcome({ kind: "booked", booking, reservation, who: name, key: Date.now() });
        },
        onError: refused,
      },
    );
  };

  const onWait = () => {
    if (!check()) return;
    setFailure(null);
    setOutcome(null);
    const name = who();
    join.mutate(
      { resource: resource.id, start: `${input.date}T${input.start}`, end: `${input.date}T${input.end}`, customer: customerOf(firstName, surname, email) },
      {
        onSuccess: (entry) =>
          setOutcome({ kind: "waiting", who: name, range: `${formatLongDate(entry.start.slice(0, 10))}, ${rangeText(entry)}`, key: Date.now() }),
        onError: refused,
      },
    );
  };

  const items: SummaryItem[] = Object.entries(failure?.fields ?? {}).map(([fieldId, message]) => ({ fieldId, message }));
  const error = (id: string) => failure?.fields[id];
  const pending = reserve.isPending || join.isPending;

  return (
    <section aria-labelledby="reserve-title" className="mb-8">
      <h2 id="reserve-title" className="mb-2 text-2xl font-bold text-gray-900">
        Reserve the {resource.name}
      </h2>
      <p className="mb-4 text-gray-700">
        Choose a free time above to fill in the date and times, or type them.
        {resource.min_minutes || resource.max_minutes
          ? ` A reservation is ${[resource.min_minutes && `at least ${resource.min_minutes} minutes`, resource.max_minutes && `at most ${resource.max_minutes} minutes`].filter(Boolean).join(" and ")}.`
          : ""}
      </p>
      {outcome?.kind === "booked" && <BookedReport outcome={outcome} resource={resource.name} link={bookingLink(outcome.booking.reference)} />}
      {outcome?.kind === "waiting" && (
        <Notice key={outcome.key} title={`${outcome.who === "you" ? "You are" : `${outcome.who} is`} on the waitlist`}>
          <p>
            For the {resource.name} on {outcome.range}. If that time is freed, the first in line is offered it by e-mail.
          </p>
        </Notice>
      )}
      {failure && (
        <ErrorSummary id="reserve-error-summary" description={failure.sentence || undefined} items={items} focusKey={failure.key}>
          {failure.conflicts.length > 0 && (
            <ul aria-label="Dates that could not be booked" className="mt-2 list-disc space-y-1 pl-6 text-gray-900">
              {failure.conflicts.map((conflict) => (
                <li key={conflict.start}>{conflictText(conflict)}</li>
              ))}
            </ul>
          )}
        </ErrorSummary>
      )}
      <form noValidate onSubmit={onReserve} className="max-w-xl">
        <TextField id="reserve-date" label="Date" type="date" value={input.date} error={error("reserve-date")} onChange={(e) => set("date")(e.target.value)} />
        <div className="grid grid-cols-2 gap-4">
          <TextField
            id="reserve-start"
            label="Start"
            type="time"
            value={input.start}
            error={error("reserve-start")}
            onChange={(e) => set("start")(e.target.value)}
          />
          <TextField id="reserve-end" label="End" type="time" value={input.end} error={error("reserve-end")} onChange={(e) => set("end")(e.target.value)} />
        </div>
        <fieldset className="mb-5">
          <legend className="mb-1 font-semibold text-gray-900">Who it is for</legend>
          <p className="mb-2 text-gray-700">Leave these empty to reserve it for yourself.</p>
          <TextField id="reserve-first-name" label="First name" autoComplete="off" value={firstName} error={error("reserve-first-name")} onChange={(e) => setFirstName(e.target.value)} />
          <TextField id="reserve-surname" label="Surname" autoComplete="off" value={surname} error={error("reserve-surname")} onChange={(e) => setSurname(e.target.value)} />
          <TextField
            id="reserve-email"
            label="E-mail address (optional)"
            hint="The confirmation, and any waitlist offer, goes to it."
            type="email"
            autoComplete="off"
            value={email}
            error={error("reserve-email")}
            onChange={(e) => setEmail(e.target.value)}
          />
        </fieldset>
        <Checkbox id="reserve-repeat" label="Repeat every week" checked={input.repeat} onChange={(e) => set("repeat")(e.target.checked)} />
        {input.repeat && (
          <div className="mb-5 border-l-4 border-gray-400 pl-4">
            <TextField
              id="reserve-weeks"
              label="For how many weeks?"
              hint="The first date included, from 2 to 52."
              inputMode="numeric"
              className="max-w-32"
              value={input.weeks}
              error={error("reserve-weeks")}
              onChange={(e) => set("weeks")(e.target.value)}
            />
            <fieldset>
              <legend className="mb-2 font-semibold text-gray-900">If some dates are taken</legend>
              {(
                [
                  ["all_or_nothing", "Book nothing, and tell me which dates are taken"],
                  ["partial", "Book the dates that are free, and tell me which are not"],
                ] as const
              ).map(([value, label]) => (
                <div key={value} className="mb-2 flex items-start gap-3">
                  <input
                    id={`reserve-mode-${value}`}
                    type="radio"
                    name="reserve-mode"
                    value={value}
                    checked={mode === value}
                    onChange={() => setMode(value)}
                    className="mt-0.5 size-6 shrink-0 accent-indigo-800"
                  />
                  <label htmlFor={`reserve-mode-${value}`} className="text-gray-900">
                    {label}
                  </label>
                </div>
              ))}
            </fieldset>
          </div>
        )}
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending}>
            {reserve.isPending ? "Reserving…" : input.repeat ? "Reserve the series" : "Reserve"}
          </Button>
          {!input.repeat && (
            <Button variant="secondary" onClick={onWait} disabled={pending}>
              {join.isPending ? "Joining…" : "Join the waitlist for this time"}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}

function BookedReport({ outcome, resource, link }: { outcome: Extract<Outcome, { kind: "booked" }>; resource: string; link: string }) {
  const { reservation, booking } = outcome;
  const asked = countOf(reservation.recurrence);
  const booked = reservation.occurrences.length;
  return (
    <Notice key={outcome.key} title={`${bookedText(booked, asked)}: the ${resource} for ${outcome.who}`}>
      <p className="mb-2">
        Reference{" "}
        <Link to={link} className="font-semibold text-indigo-800 underline">
          {booking.reference}
        </Link>
      </p>
      {reservation.conflicts.length > 0 && (
        <div className="mb-3 rounded border-l-8 border-amber-500 bg-white p-3">
          <h3 id="not-booked-title" className="font-bold text-gray-900">
            {reservation.conflicts.length === 1 ? "1 date not booked" : `${reservation.conflicts.length} dates not booked`}
          </h3>
          <ul aria-labelledby="not-booked-title" className="list-disc pl-6">
            {reservation.conflicts.map((conflict) => (
              <li key={conflict.start}>{conflictText(conflict)}</li>
            ))}
          </ul>
        </div>
      )}
      <details>
        <summary className="cursor-pointer font-semibold">{booked === 1 ? "The date booked" : `The ${booked} dates booked`}</summary>
        <ul className="list-disc pl-6">
          {reservation.occurrences.map((occurrence) => (
            <li key={occurrence.start}>
              {formatLongDate(occurrence.start.slice(0, 10))}, {rangeText(occurrence)}
            </li>
          ))}
        </ul>
      </details>
    </Notice>
  );
}
