/** A clinic's day as its desk runs it: each member of staff with their appointments and classes, and who is coming. */
import { Link } from "react-router";
import { StatusBadge } from "../../../components/StatusBadge";
import { appointmentOf, placesText, timeSpan } from "../../../lib/appointments";
import { channelLabel, people } from "../../../lib/staff-labels";
import type { StaffBooking } from "../api/day-bookings";
import { appointmentsText, dayEntries, type AppointmentDay, type DayEntry } from "../appointment-day";
import { guestName } from "../day-sheet";

interface Props {
  day: AppointmentDay<StaffBooking>;
  timezone: string;
  linkTo: (reference: string) => string;
}

function AppointmentRow({ booking, timezone, linkTo }: { booking: StaffBooking; timezone: string; linkTo: Props["linkTo"] }) {
  const appointment = appointmentOf(booking);
  return (
    <li className="grid gap-1 px-4 py-3 sm:grid-cols-[9rem_1fr_auto] sm:gap-4">
      <p className="font-semibold text-gray-900 tabular-nums">{timeSpan(booking.starts_at, booking.ends_at, timezone)}</p>
      <div className="min-w-0 [overflow-wrap:anywhere]">
        <Link to={linkTo(booking.reference)} className="font-semibold text-indigo-800 underline">
          {guestName(booking)}
        </Link>{" "}
        <span className="font-semibold">· {appointment ? appointment.service_name : people(booking.party_size)}</span>
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

/** A class session: its time, the class, the places taken of its capacity, and each booking in it. */
function ClassRow({
  entry,
  timezone,
  linkTo,
}: {
  entry: Extract<DayEntry<StaffBooking>, { kind: "class" }>;
  timezone: string;
  linkTo: Props["linkTo"];
}) {
  const headingId = `class-session-${entry.session}`;
  return (
    <li className="grid gap-1 px-4 py-3 sm:grid-cols-[9rem_1fr] sm:gap-4">
      <p className="font-semibold text-gray-900 tabular-nums">{timeSpan(entry.startsAt, entry.endsAt, timezone)}</p>
      <div className="min-w-0 [overflow-wrap:anywhere]">
        <h3 id={headingId} className="font-semibold">
          {entry.serviceName} · {entry.taken} of {entry.capacity} places taken
        </h3>
        <ul aria-labelledby={headingId} className="mt-1 divide-y divide-gray-200 border-l-4 border-indigo-200 pl-3">
          {entry.bookings.map((booking) => (
            <li key={booking.reference} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-1">
              <div className="min-w-0">
                <Link to={linkTo(booking.reference)} className="font-semibold text-indigo-800 underline">
                  {guestName(booking)}
                </Link>{" "}
                <span>· {placesText(booking.party_size)}</span>
                {booking.special_requests && (
                  <p className="break-words text-gray-900">
                    <span className="font-semibold">Requests:</span> {booking.special_requests}
                  </p>
                )}
                <p className="text-sm text-gray-700">
                  {booking.reference} · {channelLabel(booking.channel)}
                </p>
              </div>
              <StatusBadge status={booking.status} kind={booking.kind} />
            </li>
          ))}
        </ul>
      </div>
    </li>
  );
}

export function AppointmentDaySheet({ day, timezone, linkTo }: Props) {
  if (day.members.length === 0 && day.others.length === 0 && day.released.length === 0) {
    return <p className="mb-6">No one takes appointments here yet.</p>;
  }
  return (
    <>
      {day.members.map(({ member, bookings }) => (
        <section key={member.id} aria-labelledby={`member-${member.id}`} className="mb-6 rounded border-2 border-gray-300">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 bg-gray-100 px-4 py-2">
            <div>
              <h2 id={`member-${member.id}`} className="text-2xl font-bold text-gray-900">
                {member.name}
              </h2>
              {member.description && <p className="text-gray-700">{member.description}</p>}
            </div>
            <p className="font-semibold text-gray-900">{appointmentsText(bookings.length)}</p>
          </div>
          {bookings.length ? (
            <ul className="divide-y divide-gray-300">
              {dayEntries(bookings).map((entry) =>
                entry.kind === "class" ? (
                  <ClassRow key={`class-${entry.session}`} entry={entry} timezone={timezone} linkTo={linkTo} />
                ) : (
                  <AppointmentRow key={entry.booking.reference} booking={entry.booking} timezone={timezone} linkTo={linkTo} />
                ),
              )}
            </ul>
          ) : (
            <p className="px-4 py-3 text-gray-700">No appointments on this day.</p>
          )}
        </section>
      ))}
      {day.others.length > 0 && (
        <section aria-labelledby="member-others" className="mb-6 rounded border-2 border-amber-600">
          <h2 id="member-others" className="bg-amber-50 px-4 py-2 text-2xl font-bold text-gray-900">
            Other bookings
          </h2>
          <ul className="divide-y divide-gray-300">
            {day.others.map((booking) => (
              <AppointmentRow key={booking.reference} booking={booking} timezone={timezone} linkTo={linkTo} />
            ))}
          </ul>
        </section>
      )}
      {day.released.length > 0 && (
        <details className="mb-6 rounded border-2 border-gray-300">
          <summary className="cursor-pointer px-4 py-2 font-semibold text-gray-900">Cancelled or expired ({day.released.length})</summary>
          <ul className="divide-y divide-gray-300">
            {day.released.map((booking) => (
              <AppointmentRow key={booking.reference} booking={booking} timezone={timezone} linkTo={linkTo} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
