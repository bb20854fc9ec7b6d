/** The front desk of a hotel: a day's arrivals (check in, to a room picked or the best free one), the guests in house,
 * and the day's departures (check out); it keeps itself up to date while it is on screen. */
import { useState } from "react";
import { Link, Navigate } from "react-router";
import { Button } from "../../../components/Button";
import { DateNav } from "../../../components/DateNav";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError, Notice } from "../../../components/Status";
import { useCheckIn, useCheckOut, useFrontDesk, useRoomBoard, useRoomTypeName, type StayBooking } from "../../../features/front-desk/api/front-desk";
import { CheckInControl } from "../../../features/front-desk/components/CheckInControl";
import { DeskList } from "../../../features/front-desk/components/DeskList";
import { deskAction, deskCountsText, deskDay, guestName } from "../../../features/front-desk/front-desk";
import { errorSentence } from "../../../lib/error-messages";
import { stayOf } from "../../../lib/stays";
import { formatClock, formatLongDate, venueDate } from "../../../lib/time";
import { staffPath, useChosenDate, useStaffVenue } from "./context";

export function FrontDeskPage() {
  const { venue } = useStaffVenue();
  if (venue.kind !== "hotel") return <Navigate to={staffPath(venue.slug)} replace />;
  return <FrontDesk />;
}

interface Done {
  title: string;
  reference: string;
  key: number;
}

function FrontDesk() {
  const { venue } = useStaffVenue();
  const [date, setDate] = useChosenDate(venue.timezone);
  const today = venueDate(new Date(), venue.timezone);
  const desk = useFrontDesk(venue.slug, date);
  const board = useRoomBoard(venue.slug, date);
  const roomTypeName = useRoomTypeName(venue.slug);
  const checkIn = useCheckIn(venue.slug);
  const checkOut = useCheckOut(venue.slug);
  const [done, setDone] = useState<Done | null>(null);
  const [failure, setFailure] = useState<{ sentence: string; key: number } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const day = desk.data ? deskDay(desk.data) : null;
  const linkTo = (reference: string) => `${staffPath(venue.slug, `stays/${reference}`)}?from=desk&date=${date}`;

  const act = (booking: StayBooking, run: () => Promise<StayBooking>, said: (after: StayBooking) => string) => {
    setBusy(booking.reference);
    setDone(null);
    setFailure(null);
    run()
      .then((after) => setDone({ title: said(after), reference: after.reference, key: Date.now() }))
      .catch((error: unknown) => setFailure({ sentence: errorSentence(error, "stay"), key: Date.now() }))
      .finally(() => setBusy(null));
  };
  const roomOf = (booking: StayBooking) => stayOf(booking)?.room ?? "its room";
  const doCheckIn = (booking: StayBooking, room: string | null) =>
    act(
      booking,
      () => checkIn.mutateAsync({ reference: booking.reference, room }),
      (after) => `${guestName(after)} is checked in to room ${roomOf(after)}`,
    );
  const doCheckOut = (booking: StayBooking) =>
    act(booking, () => checkOut.mutateAsync(booking.reference), (after) => `${guestName(after)} has checked out of room ${roomOf(after)}`);

  const checkOutButton = (booking: StayBooking) => (
    <Button variant="secondary" onClick={() => doCheckOut(booking)} disabled={busy === booking.reference}>
      {busy === booking.reference ? "Checking out…" : "Check out"}
      <span className="sr-only"> {guestName(booking)}</span>
    </Button>
  );

  return (
    <>
      <title>{`Front desk, ${formatLongDate(date)} · ${venue.name}`}</title>
      <Heading focusOnMount>Front desk</Heading>
      <p className="mb-4 text-lg">
        {venue.name} · <strong>{formatLongDate(date)}</strong>
      </p>
      <DateNav id="desk-date" date={date} onChange={setDate} />
      {done && (
        <Notice key={done.key} title={done.title}>
          <Link to={linkTo(done.reference)} className="font-semibold text-indigo-800 underline">
            Open the stay, its folio and invoice
          </Link>
        </Notice>
      )}
      {failure && <ErrorSummary id="desk-error-summary" description={failure.sentence} focusKey={failure.key} />}
      {!day && !desk.error && <Loading>Loading the day…</Loading>}
      {!day && desk.error && <LoadError error={desk.error} onRetry={() => desk.refetch()} />}
      {day && (
        <>
          <div className="mb-6 flex flex-wrap items-baseline justify-between gap-2 rounded bg-gray-100 p-4">
            {/* Announced when it changes: a guest booked or checked in elsewhere is heard, not only seen. */}
            <p role="status" className="text-xl font-bold">
              {deskCountsText(day.counts)}
            </p>
            <p className="text-gray-700">Updates by itself every few seconds · last at {formatClock(desk.dataUpdatedAt, venue.timezone)}</p>
          </div>
          {desk.error && (
            <p role="alert" className="mb-6 rounded border-l-8 border-red-700 bg-red-50 p-4">
              The front desk could not be updated just now: {errorSentence(desk.error)} It will try again by itself.
            </p>
          )}
          <DeskList
            id="arrivals"
            title="Arrivals"
            bookings={day.arrivals}
            empty="No one arrives on this day."
            roomTypeName={roomTypeName}
            linkTo={linkTo}
            action={(booking) => {
              const action = deskAction(booking, today);
              const stay = stayOf(booking);
              if (action.kind === "check-in" && stay) {
                return (
                  <CheckInControl
                    reference={booking.reference}
                    guest={guestName(booking)}
                    stay={stay}
                    rooms={board.data?.rooms}
                    pending={busy === booking.reference}
                    onCheckIn={(room) => doCheckIn(booking, room)}
                  />
                );
              }
              if (action.kind === "check-in-later") return <p className="text-gray-700">Check-in from {formatLongDate(action.from)}</p>;
              return null;
            }}
          />
          <DeskList
            id="departures"
            title="Departures"
            bookings={day.departures}
            empty="No one leaves on this day."
            roomTypeName={roomTypeName}
            linkTo={linkTo}
            action={(booking) =>
              booking.status === "checked_in" ? checkOutButton(booking) : <p className="text-gray-700">Not checked in</p>
            }
          />
          <DeskList
            id="in-house"
            title="In house now"
            bookings={day.inHouse}
            empty="No guest is checked in."
            roomTypeName={roomTypeName}
            linkTo={linkTo}
            action={(booking) => {
              // Due to have left before this day: checked out here (those leaving on it are under Departures).
              const stay = stayOf(booking);
              return stay && stay.departure < date ? checkOutButton(booking) : null;
            }}
          />
        </>
      )}
    </>
  );
}
