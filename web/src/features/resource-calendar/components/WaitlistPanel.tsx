/**
 * A resource's waitlist as the staff see it beside its week: who waits for which range, in the order
 * they joined, and where each stands (waiting, or offered until a time); anyone can be removed, and
 * an offer they held goes to the next in line at once.
 */
import { useState } from "react";
import { Button } from "../../../components/Button";
import { Loading, LoadError, Notice } from "../../../components/Status";
import { errorSentence } from "../../../lib/error-messages";
import { useRemoveFromWaitlist, useResourceWaitlist, WAITLIST_PAGE, type Resource } from "../api/resource-calendar";
import { waiterName, waitingRange, waitingState } from "../calendar";

export function WaitlistPanel({ venue, resource }: { venue: string; resource: Resource }) {
  const list = useResourceWaitlist(venue, resource.id);
  const remove = useRemoveFromWaitlist(venue);
  const [removed, setRemoved] = useState<{ who: string; key: number } | null>(null);
  const items = list.data?.items ?? [];

  const onRemove = (entryId: string, who: string) => {
    setRemoved(null);
    remove.mutate(entryId, { onSuccess: () => setRemoved({ who, key: Date.now() }) });
  };

  return (
    <section aria-labelledby="waitlist-title" className="mb-6">
      <h2 id="waitlist-title" className="mb-2 text-2xl font-bold text-gray-900">
        Waitlist for the {resource.name}
      </h2>
      <p className="mb-3 text-gray-700">
        People waiting for a time that is taken, first joined first. When such a time is freed, the first in line gets it held for them
        and an e-mail.
      </p>
      {removed && <Notice key={removed.key} title={`${removed.who} is no longer on the waitlist`} />}
      {remove.isError && (
        <p role="alert" className="mb-3 rounded border-l-8 border-red-700 bg-red-50 p-4">
          {errorSentence(remove.error)}
        </p>
      )}
      {list.isPending && <Loading>Loading the waitlist…</Loading>}
      {list.isError && !list.data && <LoadError error={list.error} onRetry={() => list.refetch()} />}
      {list.data && items.length === 0 && <p>Nobody is waiting for the {resource.name}.</p>}
      {items.length > 0 && (
        <ol aria-label={`Waiting for the ${resource.name}`} className="divide-y divide-gray-300 border-y border-gray-300">
          {items.map((entry) => {
            const who = waiterName(entry.customer);
            return (
              <li key={entry.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0 [overflow-wrap:anywhere]">
                  <p className="font-semibold">{who}</p>
                  {entry.customer.email && who !== entry.customer.email && <p className="text-gray-700">{entry.customer.email}</p>}
                  <p>{waitingRange(entry)}</p>
                  <p className="text-gray-700">{waitingState(entry)}</p>
                </div>
                <Button
                  variant="secondary"
                  aria-label={`Remove ${who} from the waitlist`}
                  disabled={remove.isPending && remove.variables === entry.id}
                  onClick={() => onRemove(entry.id, who)}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      {list.data?.next_cursor && <p className="mt-2 text-gray-700">The first {WAITLIST_PAGE} in line are shown.</p>}
    </section>
  );
}
