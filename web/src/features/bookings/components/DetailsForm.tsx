/**
 * The guest's details. Each field is checked as it is typed once it has been left (or after a
 * submit), with the API's rules; the API's own verdict on a field (a 422) shows beside it too.
 */
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { Checkbox, TextArea, TextField } from "../../../components/Field";
import { LIMITS, validateDetails, type Details, type DetailsErrors, type DetailsField } from "../details-rules";

const FIELD_IDS: Record<DetailsField, string> = {
  firstName: "first-name",
  surname: "surname",
  email: "email",
  countryCode: "country-code",
  mobile: "mobile",
  specialRequests: "special-requests",
};
const ORDER: DetailsField[] = ["firstName", "surname", "email", "countryCode", "mobile", "specialRequests"];

interface Props {
  venueName: string;
  details: Details;
  onChange: (details: Details, field: keyof Details) => void;
  /** Per-field messages from the API's 422, cleared by the caller when a field changes. */
  serverErrors: DetailsErrors;
  /** A refusal that belongs to no field, as a sentence (with what to do). */
  problem: string | null;
  /** Changes on each failed submit, so the summary takes focus again. */
  problemKey: number;
  submitting: boolean;
  onSubmit: () => void;
  /** What the button says: "Book this table", "Book this room". */
  submitLabel?: string;
  /** Examples of what a guest may ask for. */
  requestsExamples?: string;
}

export function DetailsForm({
  venueName,
  details,
  onChange,
  serverErrors,
  problem,
  problemKey,
  submitting,
  onSubmit,
  submitLabel = "Book this table",
  requestsExamples = "Allergies, a high chair, an occasion",
}: Props) {
  const [touched, setTouched] = useState<Set<DetailsField>>(new Set());
  const [submitted, setSubmitted] = useState(0);
  const checked = validateDetails(details);
  const visible = (field: DetailsField) => (submitted > 0 || touched.has(field) ? checked[field] : undefined) ?? serverErrors[field];
  const summary: SummaryItem[] =
    submitted > 0 || Object.keys(serverErrors).length
      ? ORDER.flatMap((field) => {
          const message = visible(field);
          return message ? [{ fieldId: FIELD_IDS[field], message }] : [];
        })
      : [];

  const leave = (field: DetailsField) => setTouched((current) => new Set(current).add(field));
  const text = (field: DetailsField & keyof Details) => ({
    id: FIELD_IDS[field],
    value: details[field] as string,
    error: visible(field),
    onChange: (event: { target: { value: string } }) => onChange({ ...details, [field]: event.target.value }, field),
    onBlur: () => leave(field),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted((count) => count + 1);
    if (Object.keys(checked).length === 0) onSubmit();
  };

  const showSummary = summary.length > 0 || problem;
  return (
    <form noValidate onSubmit={submit}>
      {showSummary && (
        <ErrorSummary items={summary} description={problem ?? undefined} focusKey={`${submitted}-${problemKey}`} />
      )}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField label="First name" autoComplete="given-name" maxLength={LIMITS.name + 50} {...text("firstName")} />
        <TextField label="Surname" autoComplete="family-name" maxLength={LIMITS.name + 50} {...text("surname")} />
      </div>
      <TextField
        label="E-mail address"
        type="email"
        autoComplete="email"
        spellCheck={false}
        hint="We send your confirmation here. You also need it to find your booking."
        {...text("email")}
      />
      <fieldset className="mb-1">
        <legend className="mb-1 font-semibold">Mobile number (optional)</legend>
        <p className="mb-2 text-gray-700">In case the venue needs to reach you on the day.</p>
        <div className="grid grid-cols-[8.5rem_1fr] gap-x-3">
          <TextField label="Country code" inputMode="tel" autoComplete="tel-country-code" {...text("countryCode")} />
          <TextField label="Mobile number" type="tel" autoComplete="tel-national" {...text("mobile")} />
        </div>
      </fieldset>
      <TextArea
        label="Special requests (optional)"
        hint={`${requestsExamples}: up to ${LIMITS.specialRequests.toLocaleString("en-GB")} characters.`}
        rows={3}
        {...text("specialRequests")}
      />
      <fieldset className="mb-6">
        <legend className="mb-2 font-semibold">Keeping in touch (optional)</legend>
        <Checkbox
          id="venue-marketing-email"
          label={`E-mail me news and offers from ${venueName}`}
          checked={details.venueMarketingEmail}
          onChange={(event) => onChange({ ...details, venueMarketingEmail: event.target.checked }, "venueMarketingEmail")}
        />
        <Checkbox
          id="venue-marketing-sms"
          label={`Text me news and offers from ${venueName}`}
          checked={details.venueMarketingSms}
          onChange={(event) => onChange({ ...details, venueMarketingSms: event.target.checked }, "venueMarketingSms")}
        />
        <Checkbox
          id="marketing-email"
          label="E-mail me news and offers from other Tessera venues"
          checked={details.marketingEmail}
          onChange={(event) => onChange({ ...details, marketingEmail: event.target.checked }, "marketingEmail")}
        />
        <Checkbox
          id="marketing-sms"
          label="Text me news and offers from other Tessera venues"
          checked={details.marketingSms}
          onChange={(event) => onChange({ ...details, marketingSms: event.target.checked }, "marketingSms")}
        />
      </fieldset>
      <Button type="submit" disabled={submitting} aria-disabled={submitting}>
        {submitting ? "Booking…" : submitLabel}
      </Button>
    </form>
  );
}
