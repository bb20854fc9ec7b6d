/** One list of the desk's day (arrivals, in house, departures): each stay with its room, nights and what can be done. */
import type { ReactNode } from "react";
import { Link } from "react-router";
import { StatusBadge } from "../../../components/StatusBadge";
import { guestsText, nightsText, stayOf } from "../../../lib/stays";
import { formatLongDate } from "../../../lib/time";
import type { StayBooking } from "../api/front-desk";
import { guestName } from "../front-desk";

interface Props {
  id: string;
  title: string;
  bookings: StayBooking[];
  empty: string;
  roomTypeName: (code: string) => string;
  linkTo: (reference: string) => string;
  action: (booking: StayBooking) => ReactNode;
}

export function DeskList({ id, title, bookings, empty, roomTypeName, linkTo, action }: Props) {
  return (
    <section aria-labelledby={id} className="mb-8 rounded border-2 border-gray-300">
      <h2 id={id} className="bg-gray-100 px-4 py-2 text-2xl font-bold text-gray-900">
        {title} <span className="text-lg font-semibold">({bookings.length})</span>
      </h2>
      {bookings.length === 0 ? (
        <p className="px-4 py-3 text-gray-700">{empty}</p>
      ) : (
        <ul className="divide-y divide-gray-300">
          {bookings.map((booking) => {
            const stay = stayOf(booking);
            return (
              <li key={booking.reference} className="grid gap-3 px-4 py-3 md:grid-cols-[1fr_auto] md:items-center">
                <div className="min-w-0 [overflow-wrap:anywhere]">
                  <Link to={linkTo(booking.reference)} className="text-lg font-semibold text-indigo-800 underline">
                    {guestName(booking)}
                  </Link>{" "}
                  <StatusBadge status={booking.status} kind="stay" />
                  {stay && (
                    <p className="text-gray-900">
                      {roomTypeName(stay.room_type)} · {stay.room ? `room ${stay.room}` : "no room yet"} · {guestsText(stay.guests)} ·{" "}
                      {nightsText(stay.nights)}
                    </p>
                  )}
                  {stay && (
                    <p className="text-sm text-gray-700">
                      {booking.reference} · arrives {formatLongDate(stay.arrival)}, leaves {formatLongDate(stay.departure)}
                    </p>
                  )}
                  {booking.special_requests && (
                    <p className="break-words text-gray-900">
                      <span className="font-semibold">Requests:</span> {booking.special_requests}
                    </p>
                  )}
                </div>
                <div>{action(booking)}</div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
