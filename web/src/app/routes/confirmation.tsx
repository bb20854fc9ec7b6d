import type { ReactNode } from "react";
import { Link, Navigate, useLocation, useParams } from "react-router";
import { BookingSummary } from "../../components/BookingSummary";
import { StayRate } from "../../components/StayRate";
import { PriceLines } from "../../components/PriceLines";
import { Heading } from "../../components/Heading";
import { Loading } from "../../components/Status";
import type { CreatedBooking } from "../../features/bookings/api/create-booking";
import type { CalendarVisit } from "../../features/bookings/calendar";
import { CalendarLink } from "../../features/bookings/components/CalendarLink";
import { useVenue, type Venue } from "../../features/venues/api/get-venue";
import { appointmentOf, formatAppointment, whatRows } from "../../lib/appointments";
import { formatMoney } from "../../lib/money";
import { guestsText, nightsText, stayOf, totalOf } from "../../lib/stays";
import { formatLongDate, formatVisit } from "../../lib/time";
import { useShowVenue } from "../venue-on-screen";

interface ConfirmationState {
  booking: CreatedBooking;
  email: string;
  /** An appointment booked with anyone available: the confirmation says who it will be. */
  anyone?: boolean;
}

type Row = [string, ReactNode];

export function ConfirmationRoute() {
  const { reference = "" } = useParams();
  const state = useLocation().state as ConfirmationState | null;
  // Opened without the booking just made (another tab, a bookmark): the booking is found by reference.
  if (!state?.booking || state.booking.reference !== reference) return <Navigate to={`/bookings/${reference}`} replace />;
  return <Confirmation {...state} />;
}

/** What each kind of booking confirms: its facts, its calendar entry, and what can be changed. */
interface Confirmed {
  rows: Row[];
  price?: ReactNode;
  calendar: Partial<CalendarVisit>;
  changes: string;
}

function Confirmation({ booking, email, anyone }: ConfirmationState) {
  const venue = useVenue(booking.venue);
  useShowVenue(booking.venue);
  const confirmed = whatIsConfirmed(booking, venue.data, anyone);
  const venueName = venue.data?.name ?? booking.venue;
  const name = `${booking.customer?.first_name ?? ""} ${booking.customer?.surname ?? ""}`.trim();

  return (
    <>
      <title>{`Booking confirmed · ${venueName}`}</title>
      <ConfirmedBanner reference={booking.reference} />
      {venue.isPending && <Loading>Loading the venue's details…</Loading>}
      <BookingSummary
        rows={[
          ...confirmed.rows,
          ["Name", name],
          ...(booking.special_requests ? [["Special requests", booking.special_requests] as Row] : []),
        ]}
      />
      {confirmed.price}
      <p className="mb-4 break-words">We have sent a confirmation to {email}.</p>
      <p className="mb-8">
        <CalendarLink
          visit={{
            bookingId: booking.id,
            reference: booking.reference,
            startsAt: booking.starts_at,
            endsAt: booking.ends_at,
            partySize: booking.party_size,
            venueName,
            venueAddress: venue.data?.address,
            manageUrl: `${window.location.origin}/bookings/${booking.reference}`,
            ...confirmed.calendar,
          }}
        />
      </p>
      <h2 className="mb-2 text-2xl font-bold">Changing or cancelling</h2>
      <p className="mb-2">
        Use the link in your confirmation e-mail, or{" "}
        <Link to={`/bookings/${booking.reference}`} state={{ email }} className="font-semibold text-indigo-800 underline">
          manage your booking here
        </Link>{" "}
        with your reference {booking.reference} and your e-mail address. {confirmed.changes}
      </p>
    </>
  );
}

/** The page's heading: confirmed, and the reference to quote (a waitlist offer taken shows it too). */
export function ConfirmedBanner({ reference }: { reference: string }) {
  return (
    <div className="mb-6 rounded bg-green-800 p-6 text-center text-white">
      <Heading focusOnMount>
        <span className="text-white">Booking confirmed</span>
      </Heading>
      <p className="text-xl">
        Your reference is
        <br />
        <strong className="text-3xl tracking-widest">{reference}</strong>
      </p>
    </div>
  );
}

/**
 * A table: when, where and for how many. A stay: its dates (the hotel's calendar dates), nights, room,
 * guests, and the lines and total it was sold at. An appointment: the service, who it is with (the one
 * chosen for them, said so, when they asked for anyone), when, and its price. The booking stands whether
 * or not the venue's details load; its time needs the venue's zone.
 */
function whatIsConfirmed(booking: CreatedBooking, venue: Venue | undefined, anyone?: boolean): Confirmed {
  const where = `${venue?.name ?? booking.venue}${venue?.address ? `, ${venue.address}` : ""}`;
  const stay = stayOf(booking);
  const total = totalOf(booking);
  if (stay) {
    const roomName = stay.room_type_name ?? stay.room_type;
    return {
      rows: [
        ["Hotel", where],
        ["Arrival", formatLongDate(stay.arrival)],
        ["Departure", formatLongDate(stay.departure)],
        ["Nights", nightsText(stay.nights)],
        ["Room", roomName],
        ["Rate", <StayRate key="rate" stay={stay} />],
        ["Guests", guestsText(stay.guests)],
      ],
      price: total && <PriceLines caption="Your stay's price" lines={stay.lines} total={total} totalLabel="Total, taxes included" />,
      calendar: { partySize: stay.guests, stay: { arrival: stay.arrival, departure: stay.departure, nights: stay.nights, roomName } },
      changes: "You can change the dates or the number of guests, or cancel it, until you check in.",
    };
  }
  const appointment = appointmentOf(booking);
  if (appointment) {
    const who = appointment.staff.name;
    return {
      rows: [
        ...whatRows(appointment),
        [
          "With",
          anyone ? (
            <span key="with">
              {who}
              <span className="block text-gray-700">You asked for anyone available: {who} was free.</span>
            </span>
          ) : (
            who
          ),
        ],
        ["When", venue ? formatAppointment(booking.starts_at, booking.ends_at, venue.timezone) : `${booking.date}, ${booking.time}`],
        ["Where", where],
        ...(total ? [["Price", formatMoney(total)] as Row] : []),
      ],
      calendar: { partySize: 1, appointment: { serviceName: appointment.service_name, staffName: who } },
      changes: "You can move it to another date or time, or to someone else, or cancel it.",
    };
  }
  return {
    rows: [
      ["When", venue ? formatVisit(booking.starts_at, venue.timezone) : `${booking.date}, ${booking.time}`],
      ["Where", where],
      ["Table for", booking.party_size === 1 ? "1 person" : `${booking.party_size} people`],
    ],
    calendar: {},
    changes: "You can move it to another date or time, change the number of people, or cancel it.",
  };
}
