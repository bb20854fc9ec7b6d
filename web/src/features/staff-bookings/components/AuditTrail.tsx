/** Who did what to a booking, and when (in the venue's time), oldest first. */
import { Loading, LoadError } from "../../../components/Status";
import { formatVisit } from "../../../lib/time";
import { useAudit, useCancellationReasons } from "../api/bookings";
import { auditSentence } from "../audit";

interface Props {
  venue: string;
  reference: string;
  timezone: string;
  meId: string;
}

export function AuditTrail({ venue, reference, timezone, meId }: Props) {
  const audit = useAudit(venue, reference);
  const reasons = useCancellationReasons();
  const names = new Map((reasons.data ?? []).map((reason) => [reason.id, reason.reason]));
  return (
    <section aria-labelledby="history-title" className="mt-10">
      <h2 id="history-title" className="mb-3 text-2xl font-bold text-gray-900">
        History
      </h2>
      {audit.isPending ? (
        <Loading>Loading the history…</Loading>
      ) : audit.isError && !audit.data ? (
        <LoadError error={audit.error} onRetry={() => audit.refetch()} />
      ) : audit.data.length === 0 ? (
        <p>Nothing recorded yet: changes appear here a moment after they are made.</p>
      ) : (
        <ol className="divide-y divide-gray-300 border-y border-gray-300">
          {audit.data.map((entry) => (
            <li key={entry.id} className="grid gap-1 py-3 sm:grid-cols-[16rem_1fr]">
              <time dateTime={entry.occurred_at} className="font-semibold text-gray-900">
                {formatVisit(entry.occurred_at, timezone)}
              </time>
              <span>{auditSentence(entry, { meId, reasons: names })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
