/** One stay as the front desk sees it: its facts, check-in and check-out, its folio (charges posted from the catalogue)
 * and, once the guest has left, its invoice and the invoice's PDF. */
import { useState } from "react";
import { Link, Navigate, useParams, useSearchParams } from "react-router";
import { BookingSummary } from "../../../components/BookingSummary";
import { Button } from "../../../components/Button";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Heading } from "../../../components/Heading";
import { PriceLines } from "../../../components/PriceLines";
import { Loading, LoadError, Notice } from "../../../components/Status";
import { StatusBadge } from "../../../components/StatusBadge";
import { StayRate } from "../../../components/StayRate";
import { useCatalogue, useDownloadInvoice, useFolio, useInvoice, usePostCharge } from "../../../features/front-desk/api/folio";
import {
  useCheckIn,
  useCheckOut,
  useRoomBoard,
  useRoomTypeName,
  useStay,
  type DeskBooking,
} from "../../../features/front-desk/api/front-desk";
import { ChargeForm } from "../../../features/front-desk/components/ChargeForm";
import { CheckInControl } from "../../../features/front-desk/components/CheckInControl";
import { deskAction, guestName, invoiceNumber } from "../../../features/front-desk/front-desk";
import { ApiError } from "../../../lib/api-client";
import { errorSentence, isTransient } from "../../../lib/error-messages";
import { formatMoney } from "../../../lib/money";
import { channelLabel } from "../../../lib/staff-labels";
import { guestsText, nightsText, stayOf, type Stay } from "../../../lib/stays";
import { formatLongDate, formatVisit, venueDate } from "../../../lib/time";
import { staffPath, useStaffVenue } from "./context";

function BackLink({ venue }: { venue: string }) {
  const [params] = useSearchParams();
  const date = params.get("date");
  const fromDesk = params.get("from") === "desk" && date;
  return (
    <p className="mb-4">
      <Link to={fromDesk ? `${staffPath(venue, "front-desk")}?date=${date}` : staffPath(venue, "front-desk")} className="font-semibold text-indigo-800 underline">
        ← {fromDesk ? `Back to the front desk for ${formatLongDate(date)}` : "Back to the front desk"}
      </Link>
    </p>
  );
}

export function StayPage() {
  const { venue } = useStaffVenue();
  const { reference = "" } = useParams();
  const booking = useStay(venue.slug, reference);
  if (booking.isPending) return <Loading>Finding stay {reference}…</Loading>;
  if (booking.isError) {
    const missing = booking.error instanceof ApiError && booking.error.status === 404;
    return (
      <>
        <title>{`Stay ${reference} · ${venue.name}`}</title>
        <BackLink venue={venue.slug} />
        <Heading focusOnMount>{missing ? "Stay not found" : `Stay ${reference}`}</Heading>
        {missing ? (
          <p role="alert">There is no stay {reference.toUpperCase()} at {venue.name}. Check the reference, or find it in the bookings.</p>
        ) : (
          <LoadError error={booking.error} onRetry={isTransient(booking.error) ? () => booking.refetch() : undefined} />
        )}
      </>
    );
  }
  const stay = stayOf(booking.data);
  // A table's booking has its own page.
  if (!stay) return <Navigate to={staffPath(venue.slug, `bookings/${booking.data.reference}`)} replace />;
  return <StayDetails key={booking.data.reference} booking={booking.data} stay={stay} />;
}

type Done = "checked-in" | "checked-out" | "charged";

function StayDetails({ booking, stay }: { booking: DeskBooking; stay: Stay }) {
  const { venue } = useStaffVenue();
  const today = venueDate(new Date(), venue.timezone);
  const roomTypeName = useRoomTypeName(venue.slug);
  const action = deskAction(booking, today);
  const board = useRoomBoard(venue.slug, today, action.kind === "check-in");
  const checkIn = useCheckIn(venue.slug);
  const checkOut = useCheckOut(venue.slug);
  const [done, setDone] = useState<{ what: Done; said: string; key: number } | null>(null);
  const [failure, setFailure] = useState<{ sentence: string; key: number } | null>(null);
  const name = guestName(booking);
  const at = (instant: string | null) => (instant ? formatVisit(instant, venue.timezone) : "Not yet");

  const run = (what: Done, promise: Promise<DeskBooking>, said: (after: DeskBooking) => string) => {
    setDone(null);
    setFailure(null);
    promise
      .then((after) => setDone({ what, said: said(after), key: Date.now() }))
      .catch((error: unknown) => setFailure({ sentence: errorSentence(error, "stay"), key: Date.now() }));
  };

  return (
    <>
      <title>{`Stay ${booking.reference}, ${name} · ${venue.name}`}</title>
      <BackLink venue={venue.slug} />
      <Heading focusOnMount>
        Stay {booking.reference}: {name}
      </Heading>
      {done && done.what !== "charged" && <Notice key={done.key} title={done.said} />}
      {failure && <ErrorSummary id="stay-error-summary" description={failure.sentence} focusKey={failure.key} />}
      <BookingSummary
        rows={[
          ["Status", <StatusBadge key="status" status={booking.status} kind="stay" />],
          ["Arrival", formatLongDate(stay.arrival)],
          ["Departure", formatLongDate(stay.departure)],
          ["Nights", nightsText(stay.nights)],
          ["Room type", roomTypeName(stay.room_type)],
          ["Room", stay.room ?? "None yet: one is given at check-in"],
          ["Rate", <StayRate key="rate" stay={stay} />],
          ["Guests", guestsText(stay.guests)],
          ["E-mail", booking.customer?.email ?? "Not given"],
          ["Phone", booking.customer?.mobile ?? booking.customer?.phone ?? "Not given"],
          ["Special requests", booking.special_requests || "None"],
          ["Checked in", at(stay.checked_in_at)],
          ["Checked out", at(stay.checked_out_at)],
          ["Booked", `${channelLabel(booking.channel)}, ${booking.created_at ? formatVisit(booking.created_at, venue.timezone) : ""}`],
        ]}
      />
      {action.kind === "check-in" && (
        <section aria-labelledby="check-in-title" className="mb-8">
          <h2 id="check-in-title" className="mb-2 text-2xl font-bold">
            Check in
          </h2>
          <CheckInControl
            reference={booking.reference}
            guest={name}
            stay={stay}
            rooms={board.data?.rooms}
            pending={checkIn.isPending}
            onCheckIn={(room) =>
              run("checked-in", checkIn.mutateAsync({ reference: booking.reference, room }), (after) => `Checked in to room ${stayOf(after)?.room}`)
            }
          />
        </section>
      )}
      {action.kind === "check-in-later" && <p className="mb-8">The guest can check in from {formatLongDate(action.from)}.</p>}
      {action.kind === "check-out" && (
        <p className="mb-8">
          <Button
            onClick={() => run("checked-out", checkOut.mutateAsync(booking.reference), (after) => `Checked out of room ${stayOf(after)?.room}`)}
            disabled={checkOut.isPending}
          >
            {checkOut.isPending ? "Checking out…" : "Check out"}
          </Button>
        </p>
      )}
      {booking.status === "completed" ? (
        <InvoicePanel reference={booking.reference} />
      ) : (
        <FolioPanel
          reference={booking.reference}
          inHouse={booking.status === "checked_in"}
          onCharged={(said) => setDone({ what: "charged", said, key: Date.now() })}
          charged={done?.what === "charged" ? done : null}
        />
      )}
    </>
  );
}

/** The folio so far, and (for a guest in house) a charge to post to it. */
function FolioPanel({
  reference,
  inHouse,
  charged,
  onCharged,
}: {
  reference: string;
  inHouse: boolean;
  charged: { said: string; key: number } | null;
  onCharged: (said: string) => void;
}) {
  const { venue } = useStaffVenue();
  const folio = useFolio(venue.slug, reference);
  const catalogue = useCatalogue(venue.slug);
  const post = usePostCharge(venue.slug, reference);
  const [formKey, setFormKey] = useState(0);
  return (
    <section aria-labelledby="folio-title">
      <Heading level={2} id="folio-title">
        Folio
      </Heading>
      {charged && <Notice key={charged.key} title={charged.said} />}
      {folio.isPending ? (
        <Loading>Loading the folio…</Loading>
      ) : folio.isError ? (
        <LoadError error={folio.error} onRetry={() => folio.refetch()} />
      ) : (
        <PriceLines
          caption="What the stay has cost so far"
          lines={folio.data.lines}
          total={folio.data.total}
          totalLabel="Total so far"
          note={(line) => ("posted_at" in line && line.posted_at ? `Posted ${formatVisit(line.posted_at, venue.timezone)}` : null)}
        />
      )}
      {inHouse &&
        (catalogue.isPending ? (
          <Loading>Loading the catalogue…</Loading>
        ) : catalogue.isError ? (
          <LoadError error={catalogue.error} onRetry={() => catalogue.refetch()} />
        ) : (
          <ChargeForm
            key={formKey}
            catalogue={catalogue.data}
            pending={post.isPending}
            problem={post.isError ? errorSentence(post.error, "stay") : null}
            problemKey={post.submittedAt}
            onPost={(charge) =>
              post.mutate(charge, {
                onSuccess: (after) => {
                  const line = after.lines.filter((each) => each.kind === "charge").at(-1);
                  setFormKey((n) => n + 1);
                  onCharged(line ? `Posted ${line.quantity} × ${line.description}, ${formatMoney(line.amount)}` : "Charge posted");
                },
              })
            }
          />
        ))}
      {!inHouse && <p className="mb-8 text-gray-700">Charges are posted while the guest is in house.</p>}
    </section>
  );
}

/** The invoice issued at check-out, as issued, and its PDF. */
function InvoicePanel({ reference }: { reference: string }) {
  const { venue } = useStaffVenue();
  const invoice = useInvoice(venue.slug, reference, true);
  const download = useDownloadInvoice(reference);
  if (invoice.isPending) return <Loading>Loading the invoice…</Loading>;
  if (invoice.isError) return <LoadError error={invoice.error} onRetry={() => invoice.refetch()} />;
  const number = invoiceNumber(invoice.data.number);
  return (
    <section aria-labelledby="invoice-title">
      <Heading level={2} id="invoice-title">
        Invoice
      </Heading>
      <p className="mb-4">
        Issued {formatVisit(invoice.data.issued_at, venue.timezone)} to {invoice.data.guest}
        {invoice.data.room ? `, room ${invoice.data.room}` : ""}.
      </p>
      <PriceLines caption={`Invoice ${number}`} lines={invoice.data.lines} total={invoice.data.total} />
      <div className="flex flex-wrap items-center gap-4">
        <Button onClick={() => download.mutate(invoice.data)} disabled={download.isPending}>
          {download.isPending ? "Downloading…" : "Download PDF"}
        </Button>
        <p role="status">{download.isSuccess ? `Downloaded ${download.data}.` : ""}</p>
      </div>
      {download.isError && <LoadError error={download.error} onRetry={() => download.mutate(invoice.data)} />}
    </section>
  );
}
