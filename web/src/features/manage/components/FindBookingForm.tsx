import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { TextField } from "../../../components/Field";

// References are 7 letters and digits (booking_service/references.py); checked loosely here, the API decides.
const REFERENCE = /^[A-Za-z0-9]{4,16}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface Lookup {
  reference: string;
  email: string;
}

type LookupProblems = Partial<Record<keyof Lookup, string>>;

interface Props {
  initial: Lookup;
  onFind: (lookup: Lookup) => void;
  /** What the API said of the fields last sent (a 422), until they are sent again. */
  serverProblems?: LookupProblems;
}

export const FORMAT_PROBLEMS: Required<LookupProblems> = {
  reference: "Enter the reference from your confirmation, like EKL6NJ4",
  email: "Enter an e-mail address in the correct format, like name@example.com",
};

export function findProblems({ reference, email }: Lookup): LookupProblems {
  const problems: LookupProblems = {};
  if (!reference.trim()) problems.reference = "Enter your booking reference";
  else if (!REFERENCE.test(reference.trim())) problems.reference = FORMAT_PROBLEMS.reference;
  if (!email.trim()) problems.email = "Enter the e-mail address you booked with";
  else if (!EMAIL.test(email.trim())) problems.email = FORMAT_PROBLEMS.email;
  return problems;
}

export function FindBookingForm({ initial, onFind, serverProblems = {} }: Props) {
  const [lookup, setLookup] = useState(initial);
  const [submitted, setSubmitted] = useState(0);
  const problems = submitted ? findProblems(lookup) : serverProblems;
  const items: SummaryItem[] = [
    ...(problems.reference ? [{ fieldId: "reference", message: problems.reference }] : []),
    ...(problems.email ? [{ fieldId: "lookup-email", message: problems.email }] : []),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted((count) => count + 1);
    if (Object.keys(findProblems(lookup)).length === 0) {
      onFind({ reference: lookup.reference.trim().toUpperCase(), email: lookup.email.trim() });
    }
  };

  return (
    <form noValidate onSubmit={submit}>
      {items.length > 0 && <ErrorSummary items={items} focusKey={submitted} />}
      <TextField
        id="reference"
        label="Booking reference"
        hint="It is in your confirmation e-mail, like EKL6NJ4."
        autoComplete="off"
        spellCheck={false}
        className="uppercase sm:w-60"
        value={lookup.reference}
        error={problems.reference}
        onChange={(event) => setLookup({ ...lookup, reference: event.target.value })}
      />
      <TextField
        id="lookup-email"
        label="E-mail address"
        hint="The one you booked with."
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={lookup.email}
        error={problems.email}
        onChange={(event) => setLookup({ ...lookup, email: event.target.value })}
      />
      <Button type="submit">Find my booking</Button>
    </form>
  );
}
