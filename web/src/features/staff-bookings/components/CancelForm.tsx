/** Cancel a booking with one of the reasons staff may give (all of them). */
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { FieldError } from "../../../components/Field";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { errorSentence } from "../../../lib/error-messages";
import { useCancellationReasons, useCancelStaffBooking } from "../api/bookings";

interface Props {
  venue: string;
  reference: string;
  onDone: () => void;
  onBack: () => void;
}

export function CancelForm({ venue, reference, onDone, onBack }: Props) {
  const reasons = useCancellationReasons();
  const cancel = useCancelStaffBooking(venue, reference);
  const [reason, setReason] = useState<number | null>(null);
  const [missing, setMissing] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (reason === null) return setMissing(true);
    cancel.mutate(reason, { onSuccess: onDone });
  };

  return (
    <section aria-labelledby="cancel-title" className="mt-2">
      <Heading level={2} id="cancel-title" focusOnMount>
        Cancel this booking
      </Heading>
      {(missing || cancel.isError) && (
        <ErrorSummary
          items={missing ? [{ fieldId: "cancel-reason", message: "Choose why the booking is cancelled" }] : []}
          description={cancel.isError ? errorSentence(cancel.error) : undefined}
          focusKey={attempt}
        />
      )}
      {reasons.isPending ? (
        <Loading>Loading the reasons…</Loading>
      ) : reasons.isError ? (
        <LoadError error={reasons.error} onRetry={() => reasons.refetch()} />
      ) : (
        <form noValidate onSubmit={submit}>
          <fieldset
            id="cancel-reason"
            aria-describedby={missing ? "cancel-reason-error" : undefined}
            className={`mb-6 ${missing ? "border-l-4 border-red-700 pl-3" : ""}`}
          >
            <legend className="mb-2 text-lg font-semibold text-gray-900">Why is it cancelled?</legend>
            {missing && <FieldError id="cancel-reason-error" message="Choose why the booking is cancelled" />}
            {reasons.data.map((item) => (
              <div key={item.id} className="mb-3 flex items-start gap-3">
                <input
                  id={`cancel-reason-${item.id}`}
                  type="radio"
                  name="cancel-reason"
                  checked={reason === item.id}
                  onChange={() => {
                    setReason(item.id);
                    setMissing(false);
                  }}
                  aria-describedby={`cancel-reason-${item.id}-hint`}
                  className="mt-1 size-6 shrink-0 accent-indigo-800"
                />
                <div>
                  <label htmlFor={`cancel-reason-${item.id}`} className="font-semibold text-gray-900">
                    {item.reason}
                  </label>
                  <p id={`cancel-reason-${item.id}-hint`} className="text-gray-700">
                    {item.description}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          <p className="mb-4">The covers go back on sale. The guest is told by e-mail if they gave an address.</p>
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="warning" disabled={cancel.isPending}>
              {cancel.isPending ? "Cancelling…" : "Cancel the booking"}
            </Button>
            <Button variant="secondary" onClick={onBack}>
              Keep it
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
