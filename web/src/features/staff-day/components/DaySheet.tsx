/** The day as the floor runs it: each time with its covers, and who is coming. */
import { Link } from "react-router";
import { StatusBadge } from "../../../components/StatusBadge";
import { channelLabel, people } from "../../../lib/staff-labels";
import { stayDateSpan, stayFacts, stayOf } from "../../../lib/stays";
import type { StaffBooking } from "../api/day-bookings";
import { coversText, guestName, type DaySheet as Sheet, type SheetSlot } from "../day-sheet";

interface Props {
  sheet: Sheet<SheetSlot, StaffBooking>;
  linkTo: (reference: string) => string;
  addAt: (time: string) => string;
}

function CoverBar({ slot }: { slot: SheetSlot }) {
  const share = slot.capacity > 0 ? Math.min(1, slot.booked / slot.capacity) : slot.booked > 0 ? 1 : 0;
  return (
    <div aria-hidden="true" className="h-2 w-full bg-gray-200">
      <div className={`h-2 ${slot.is_open ? "bg-indigo-800" : "bg-gray-600"}`} style={{ width: `${Math.round(share * 100)}%` }} />
    </div>
  );
}

function BookingRow({ booking, linkTo }: { booking: StaffBooking; linkTo: Props["linkTo"] }) {
  const stay = stayOf(booking);
  return (
    <li className="grid gap-1 px-4 py-3 sm:grid-cols-[1fr_auto] sm:gap-4">
      <div className="min-w-0 [overflow-wrap:anywhere]">
        <Link to={linkTo(booking.reference)} className="font-semibold text-indigo-800 underline">
          {guestName(booking)}
        </Link>{" "}
        <span className="font-semibold">· {stay ? stayFacts(stay) : people(booking.party_size)}</span>
        {stay && <p className="text-gray-900">{stayDateSpan(stay)}</p>}
        {booking.special_requests && (
          <p className="break-words text-gray-900">
            <span className="font-semibold">Requests:</span> {booking.special_requests}
          </p>
        )}
        <p className="text-sm text-gray-700">
          {booking.reference} · {channelLabel(booking.channel)}
          {booking.customer?.mobile ? ` · ${booking.customer.mobile}` : ""}
        </p>
      </div>
      <div>
        <StatusBadge status={booking.status} kind={booking.kind} />
      </div>
    </li>
  );
}

export function DaySheet({ sheet, linkTo, addAt }: Props) {
  if (sheet.groups.length === 0 && sheet.elsewhere.length === 0 && sheet.stays.length === 0 && sheet.released.length === 0) {
    return <p className="mb-6">The venue has no times on this day: it is closed, or not open for bookings yet.</p>;
  }
  return (
    <>
      {sheet.groups.map(({ slot, bookings }) => (
        <section key={slot.time} aria-labelledby={`slot-${slot.time}`} className="mb-6 rounded border-2 border-gray-300">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 bg-gray-100 px-4 py-2">
            <h2 id={`slot-${slot.time}`} className="text-2xl font-bold text-gray-900">
              {slot.time}
            </h2>
            <p className="font-semibold text-gray-900">{coversText(slot)}</p>
          </div>
          <CoverBar slot={slot} />
          {bookings.length ? (
            <ul className="divide-y divide-gray-300">
              {bookings.map((booking) => (
                <BookingRow key={booking.reference} booking={booking} linkTo={linkTo} />
              ))}
            </ul>
          ) : (
            <p className="px-4 py-3 text-gray-700">No bookings yet.</p>
          )}
          {slot.is_open && slot.remaining > 0 && (
            <p className="border-t border-gray-300 px-4 py-2">
              <Link to={addAt(slot.time)} className="font-semibold text-indigo-800 underline">
                Add a booking at {slot.time}
              </Link>
            </p>
          )}
        </section>
      ))}
      {sheet.elsewhere.length > 0 && (
        <section aria-labelledby="slot-elsewhere" className="mb-6 rounded border-2 border-amber-600">
          <h2 id="slot-elsewhere" className="bg-amber-50 px-4 py-2 text-2xl font-bold text-gray-900">
            At times no longer offered
          </h2>
          <ul className="divide-y divide-gray-300">
            {sheet.elsewhere.map((booking) => (
              <BookingRow key={booking.reference} booking={booking} linkTo={linkTo} />
            ))}
          </ul>
        </section>
      )}
      {sheet.stays.length > 0 && (
        <section aria-labelledby="slot-stays" className="mb-6 rounded border-2 border-gray-300">
          <h2 id="slot-stays" className="bg-gray-100 px-4 py-2 text-2xl font-bold text-gray-900">
            Stays arriving
          </h2>
          <ul className="divide-y divide-gray-300">
            {sheet.stays.map((booking) => (
              <BookingRow key={booking.reference} booking={booking} linkTo={linkTo} />
            ))}
          </ul>
        </section>
      )}
      {sheet.released.length > 0 && (
        <details className="mb-6 rounded border-2 border-gray-300">
          <summary className="cursor-pointer px-4 py-2 font-semibold text-gray-900">
            Cancelled or expired ({sheet.released.length})
          </summary>
          <ul className="divide-y divide-gray-300">
            {sheet.released.map((booking) => (
              <BookingRow key={booking.reference} booking={booking} linkTo={linkTo} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
