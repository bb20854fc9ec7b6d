import { Link, Navigate, useLocation, useParams } from "react-router";
import { BookingSummary } from "../../components/BookingSummary";
import { StayRate } from "../../components/StayRate";
import { PriceLines } from "../../components/PriceLines";
import { Heading } from "../../components/Heading";
import { Loading } from "../../components/Status";
import type { CreatedBooking } from "../../features/bookings/api/create-booking";
import { CalendarLink } from "../../features/bookings/components/CalendarLink";
import { useVenue } from "../../features/venues/api/get-venue";
import { appointmentOf, formatAppointment, whatRows, type Appointment } from "../../lib/appointments";
import { formatMoney } from "../../lib/money";
import { guestsText, nightsText, stayOf, totalOf, type Stay } from "../../lib/stays";
import { formatLongDate, formatVisit } from "../../lib/time";

interface ConfirmationState {
  booking: CreatedBooking;
  email: string;
  /** An appointment booked with anyone available: the confirmation says who it will be. */
  anyone?: boolean;
}

export function ConfirmationRoute() {
  const { reference = "" } = useParams();
  const state = useLocation().state as ConfirmationState | null;
  // Opened without the booking just made (another tab, a bookmark): the booking is found by reference.
  if (!state?.booking || state.booking.reference !== reference) return <Navigate to={`/bookings/${reference}`} replace />;
  return <Confirmation {...state} />;
}

function Confirmation({ booking, email, anyone }: ConfirmationState) {
  const stay = stayOf(booking);
  if (stay) return <StayConfirmation booking={booking} stay={stay} email={email} />;
  const appointment = appointmentOf(booking);
  if (appointment) return <AppointmentConfirmation booking={booking} appointment={appointment} email={email} anyone={anyone} />;
  return <TableConfirmation booking={booking} email={email} />;
}

function Confirmed({ reference }: { reference: string }) {
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

function TableConfirmation({ booking, email }: ConfirmationState) {
  const venue = useVenue(booking.venue);
  // The booking stands whether or not the venue's details load; its time needs the venue's zone.
  const when = venue.data ? formatVisit(booking.starts_at, venue.data.timezone) : `${booking.date}, ${booking.time}`;
  const venueName = venue.data?.name ?? booking.venue;
  const manageUrl = `${window.location.origin}/bookings/${booking.reference}`;
  const guests = booking.party_size === 1 ? "1 person" : `${booking.party_size} people`;

  return (
    <>
      <title>{`Booking confirmed · ${venueName}`}</title>
      <Confirmed reference={booking.reference} />
      {venue.isPending && <Loading>Loading the venue's details…</Loading>}
      <BookingSummary
        rows={[
          ["When", when],
          ["Where", `${venueName}${venue.data?.address ? `, ${venue.data.address}` : ""}`],
          ["Table for", guests],
          ["Name", `${booking.customer?.first_name ?? ""} ${booking.customer?.surname ?? ""}`.trim()],
          ...(booking.special_requests ? [["Special requests", booking.special_requests] as [string, string]] : []),
        ]}
      />
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
            manageUrl,
          }}
        />
      </p>
      <h2 className="mb-2 text-2xl font-bold">Changing or cancelling</h2>
      <p className="mb-2">
        Use the link in your confirmation e-mail, or{" "}
        <Link to={`/bookings/${booking.reference}`} state={{ email }} className="font-semibold text-indigo-800 underline">
          manage your booking here
        </Link>{" "}
        with your reference {booking.reference} and your e-mail address. You can move it to another date or time,
        change the number of people, or cancel it.
      </p>
    </>
  );
}

/** A stay: its dates (the hotel's calendar dates), nights, room, guests, and the lines and total it was sold at. */
function StayConfirmation({ booking, stay, email }: ConfirmationState & { stay: Stay }) {
  const venue = useVenue(booking.venue);
  const venueName = venue.data?.name ?? booking.venue;
  const manageUrl = `${window.location.origin}/bookings/${booking.reference}`;
  const total = totalOf(booking);
  const roomName = stay.room_type_name ?? stay.room_type;

  return (
    <>
      <title>{`Booking confirmed · ${venueName}`}</title>
      <Confirmed reference={booking.reference} />
      {venue.isPending && <Loading>Loading the hotel's details…</Loading>}
      <BookingSummary
        rows={[
          ["Hotel", `${venueName}${venue.data?.address ? `, ${venue.data.address}` : ""}`],
          ["Arrival", formatLongDate(stay.arrival)],
          ["Departure", formatLongDate(stay.departure)],
          ["Nights", nightsText(stay.nights)],
          ["Room", roomName],
          ["Rate", <StayRate key="rate" stay={stay} />],
          ["Guests", guestsText(stay.guests)],
          ["Name", `${booking.customer?.first_name ?? ""} ${booking.customer?.surname ?? ""}`.trim()],
          ...(booking.special_requests ? [["Special requests", booking.special_requests] as [string, string]] : []),
        ]}
      />
      {total && <PriceLines caption="Your stay's price" lines={stay.lines} total={total} totalLabel="Total, taxes included" />}
      <p className="mb-4 break-words">We have sent a confirmation to {email}.</p>
      <p className="mb-8">
        <CalendarLink
          visit={{
            bookingId: booking.id,
            reference: booking.reference,
            startsAt: booking.starts_at,
            endsAt: booking.ends_at,
            partySize: stay.guests,
            venueName,
            venueAddress: venue.data?.address,
            manageUrl,
            stay: { arrival: stay.arrival, departure: stay.departure, nights: stay.nights, roomName },
          }}
        />
      </p>
      <h2 className="mb-2 text-2xl font-bold">Changing or cancelling</h2>
      <p className="mb-2">
        Use the link in your confirmation e-mail, or{" "}
        <Link to={`/bookings/${booking.reference}`} state={{ email }} className="font-semibold text-indigo-800 underline">
          manage your booking here
        </Link>{" "}
        with your reference {booking.reference} and your e-mail address. You can change the dates or the number of guests, or
        cancel it, until you check in.
      </p>
    </>
  );
}

/** An appointment: the service, who it is with (the one chosen for them, said so, when they asked for anyone), when, and its price. */
function AppointmentConfirmation({ booking, appointment, email, anyone }: ConfirmationState & { appointment: Appointment }) {
  const venue = useVenue(booking.venue);
  const venueName = venue.data?.name ?? booking.venue;
  const manageUrl = `${window.location.origin}/bookings/${booking.reference}`;
  const total = totalOf(booking);
  const when = venue.data ? formatAppointment(booking.starts_at, booking.ends_at, venue.data.timezone) : `${booking.date}, ${booking.time}`;

  return (
    <>
      <title>{`Booking confirmed · ${venueName}`}</title>
      <Confirmed reference={booking.reference} />
      {venue.isPending && <Loading>Loading the venue's details…</Loading>}
      <BookingSummary
        rows={[
          ...whatRows(appointment),
          [
            "With",
            anyone ? (
              <span key="with">
                {appointment.staff.name}
                <span className="block text-gray-700">You asked for anyone available: {appointment.staff.name} was free.</span>
              </span>
            ) : (
              appointment.staff.name
            ),
          ],
          ["When", when],
          ["Where", `${venueName}${venue.data?.address ? `, ${venue.data.address}` : ""}`],
          ...(total ? [["Price", formatMoney(total)] as [string, string]] : []),
          ["Name", `${booking.customer?.first_name ?? ""} ${booking.customer?.surname ?? ""}`.trim()],
          ...(booking.special_requests ? [["Special requests", booking.special_requests] as [string, string]] : []),
        ]}
      />
      <p className="mb-4 break-words">We have sent a confirmation to {email}.</p>
      <p className="mb-8">
        <CalendarLink
          visit={{
            bookingId: booking.id,
            reference: booking.reference,
            startsAt: booking.starts_at,
            endsAt: booking.ends_at,
            partySize: 1,
            venueName,
            venueAddress: venue.data?.address,
            manageUrl,
            appointment: { serviceName: appointment.service_name, staffName: appointment.staff.name },
          }}
        />
      </p>
      <h2 className="mb-2 text-2xl font-bold">Changing or cancelling</h2>
      <p className="mb-2">
        Use the link in your confirmation e-mail, or{" "}
        <Link to={`/bookings/${booking.reference}`} state={{ email }} className="font-semibold text-indigo-800 underline">
          manage your booking here
        </Link>{" "}
        with your reference {booking.reference} and your e-mail address. You can move it to another date or time, or to
        someone else, or cancel it.
      </p>
    </>
  );
}
