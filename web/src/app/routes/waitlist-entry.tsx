/**
 * A waitlist entry's page, opened from the link in its e-mails (`/waitlist/{id}?token=...`): an open
 * offer taken ("Reserve it", then a confirmation) or declined, a place on the list left, or a sentence
 * for an offer that ran out, was taken or declined. Loaded lazily: few customers ever open one.
 */
import { useParams, useSearchParams } from "react-router";
import { BookingSummary } from "../../components/BookingSummary";
import { Button } from "../../components/Button";
import { Heading } from "../../components/Heading";
import { Loading, LoadError } from "../../components/Status";
import { useEntryAction, useWaitlistEntry, type Booking, type WaitlistEntry } from "../../features/waitlist/api/waitlist-entry";
import { entryState, entryText, entryWhen } from "../../features/waitlist/waitlist-rules";
import { useVenue } from "../../features/venues/api/get-venue";
import { ApiError } from "../../lib/api-client";
import { formatAppointment } from "../../lib/appointments";
import { errorSentence } from "../../lib/error-messages";
import { formatVisit } from "../../lib/time";
import { ConfirmedBanner } from "./confirmation";

export function Component() {
  const { entryId = "" } = useParams();
  const token = useSearchParams()[0].get("token");
  if (!token) return <NotOpened />;
  return <EntryPage id={entryId} token={token} />;
}

function NotOpened() {
  return (
    <LinkProblem
      heading="We could not open your place on the waitlist"
      sentence="This link is not complete, or not for this entry. Open the whole link from your e-mail, or copy all of it into the address bar."
    />
  );
}

function LinkProblem({ heading, sentence }: { heading: string; sentence: string }) {
  return (
    <>
      <title>{`${heading} · Tessera`}</title>
      <Heading focusOnMount>{heading}</Heading>
      <p>{sentence}</p>
    </>
  );
}

function EntryPage({ id, token }: { id: string; token: string }) {
  const entry = useWaitlistEntry(id, token);
  const { accept, decline, leave } = useEntryAction(id, token);

  if (entry.isPending) return <Loading>Loading your place on the waitlist…</Loading>;
  if (entry.isError) {
    const error = entry.error;
    if (error instanceof ApiError && error.code === "link_expired") {
      return (
        <LinkProblem
          heading="This link has expired"
          sentence="The time it was for has passed, so there is nothing left to reserve or to leave."
        />
      );
    }
    if (error instanceof ApiError && (error.status === 404 || error.status === 422)) return <NotOpened />;
    return (
      <>
        <title>Your place on the waitlist · Tessera</title>
        <Heading focusOnMount>Your place on the waitlist</Heading>
        <LoadError error={error} onRetry={() => entry.refetch()} />
      </>
    );
  }
  if (accept.data) return <Taken booking={accept.data} entry={entry.data} />;

  const state = entryState(entry.data, new Date());
  const { heading, sentence } = entryText(entry.data, state);
  const busy = accept.isPending || decline.isPending || leave.isPending;
  const failed = accept.error ?? decline.error ?? leave.error;
  return (
    <>
      <title>{`${heading} · Tessera`}</title>
      {/* A new state (declined, left, taken by now) is a new heading: focus moves to it. */}
      <Heading key={state} focusOnMount>
        {heading}
      </Heading>
      <p className="mb-4">{sentence}</p>
      <EntrySummary entry={entry.data} until={state === "open" ? entry.data.offer_expires_at : null} />
      {failed && (
        <p role="alert" className="mb-4 rounded border-l-8 border-red-700 bg-red-50 p-4">
          {errorSentence(failed)}
        </p>
      )}
      {state === "open" && (
        <div className="flex flex-wrap gap-3">
          <Button onClick={() => accept.mutate()} disabled={busy}>
            {accept.isPending ? "Reserving…" : "Reserve it"}
          </Button>
          <Button variant="secondary" onClick={() => decline.mutate()} disabled={busy}>
            {decline.isPending ? "Declining…" : "Decline it"}
          </Button>
        </div>
      )}
      {state === "waiting" && (
        <Button variant="secondary" onClick={() => leave.mutate()} disabled={busy}>
          {leave.isPending ? "Leaving…" : "Leave the waitlist"}
        </Button>
      )}
    </>
  );
}

function EntrySummary({ entry, until }: { entry: WaitlistEntry; until?: string | null }) {
  const venue = useVenue(entry.venue);
  const name = entry.venue_name ?? venue.data?.name ?? entry.venue;
  return (
    <BookingSummary
      rows={[
        ["Resource", entry.resource.name],
        ["When", entryWhen(entry)],
        ["Where", name],
        ...(until ? [["Held for you until", formatVisit(until, entry.timezone)] as [string, string]] : []),
      ]}
    />
  );
}

/** The offer taken: confirmed as a reservation is, its reference first. */
function Taken({ booking, entry }: { booking: Booking; entry: WaitlistEntry }) {
  const venue = useVenue(entry.venue);
  const name = entry.venue_name ?? venue.data?.name ?? entry.venue;
  const email = booking.customer?.email;
  return (
    <>
      <title>{`Booking confirmed · ${name}`}</title>
      <ConfirmedBanner reference={booking.reference} />
      <BookingSummary
        rows={[
          ["Resource", entry.resource.name],
          ["When", formatAppointment(booking.starts_at, booking.ends_at, entry.timezone)],
          ["Where", name],
          ["Name", `${booking.customer?.first_name ?? ""} ${booking.customer?.surname ?? ""}`.trim()],
        ]}
      />
      <p className="mb-4 break-words">
        {email ? `We have sent a confirmation to ${email}. ` : ""}It has a link to see or cancel your reservation.
      </p>
    </>
  );
}
