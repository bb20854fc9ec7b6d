/** One page after another of the bookings found: "Show more" follows the API's cursor. */
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/Button";
import { StatusBadge } from "../../../components/StatusBadge";
import { appointmentFacts, appointmentOf } from "../../../lib/appointments";
import { reservationFacts, reservationOf } from "../../../lib/reservations";
import { channelLabel, people } from "../../../lib/staff-labels";
import { stayDateSpan, stayFacts, stayOf } from "../../../lib/stays";
import { formatVisit } from "../../../lib/time";
import type { StaffBooking } from "../api/bookings";

interface Props {
  bookings: StaffBooking[];
  timezone: string;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  linkTo: (reference: string) => string;
}

export function guestOf(booking: StaffBooking): string {
  const name = [booking.customer?.first_name, booking.customer?.surname].filter(Boolean).join(" ");
  return name || (booking.channel === "walk_in" ? "Walk-in (no name)" : "No name given");
}

export function BookingResults({ bookings, timezone, hasMore, loadingMore, onMore, linkTo }: Props) {
  // After "Show more", focus goes to the first booking added, so the keyboard carries on from there.
  const shown = useRef(bookings.length);
  const firstNew = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (bookings.length > shown.current) firstNew.current?.focus();
    shown.current = bookings.length;
  }, [bookings.length]);

  return (
    <>
      <ol className="mb-4 divide-y divide-gray-300 border-y border-gray-300">
        {bookings.map((booking, index) => {
          // A stay is its nights, room type and guests; not a table at noon for "2 people".
          const stay = stayOf(booking);
          // An appointment is its service, staff member and length; not "1 person".
          const appointment = appointmentOf(booking);
          // A reservation is its resource and range (a series: how many dates); not "1 person" either.
          const reservation = reservationOf(booking);
          return (
            <li key={booking.reference} className="grid gap-1 py-3 sm:grid-cols-[15rem_1fr_auto] sm:gap-4">
              <span className="font-semibold text-gray-900">{stay ? stayDateSpan(stay) : formatVisit(booking.starts_at, timezone)}</span>
              <span className="min-w-0 [overflow-wrap:anywhere]">
                <Link
                  ref={index === shown.current ? firstNew : undefined}
                  to={linkTo(booking.reference)}
                  className="font-semibold text-indigo-800 underline"
                >
                  {guestOf(booking)}
                </Link>
                <span className="block text-gray-700">
                  {stay
                    ? stayFacts(stay)
                    : appointment
                      ? appointmentFacts(appointment, booking.starts_at, booking.ends_at)
                      : reservation
                        ? reservationFacts(reservation)
                        : people(booking.party_size)}{" "}
                  · {booking.reference} · {channelLabel(booking.channel)}
                  {booking.customer?.email ? ` · ${booking.customer.email}` : ""}
                </span>
              </span>
              <span>
                <StatusBadge status={booking.status} kind={booking.kind} />
              </span>
            </li>
          );
        })}
      </ol>
      {hasMore && (
        <Button variant="secondary" onClick={onMore} disabled={loadingMore}>
          {loadingMore ? "Loading more…" : "Show more bookings"}
        </Button>
      )}
    </>
  );
}
