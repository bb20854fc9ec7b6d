/** The day sheet: a chosen day's times with covers booked against capacity, and who is coming; it
 * keeps itself up to date while it is on screen. */
import { Navigate } from "react-router";
import { DateNav } from "../../../components/DateNav";
import { Heading } from "../../../components/Heading";
import { Loading, LoadError } from "../../../components/Status";
import { useStaffMembers } from "../../../features/appointments/api/catalogue";
import { useDayBookings } from "../../../features/staff-day/api/day-bookings";
import { appointmentsText, groupAppointments } from "../../../features/staff-day/appointment-day";
import { AppointmentDaySheet } from "../../../features/staff-day/components/AppointmentDaySheet";
import { DaySheet } from "../../../features/staff-day/components/DaySheet";
import { groupDay } from "../../../features/staff-day/day-sheet";
import { useDaySlots } from "../../../features/venue-capacity/api/slots";
import { takesAppointments } from "../../../lib/appointments";
import { errorSentence } from "../../../lib/error-messages";
import { formatLongDate, zoneAbbreviation } from "../../../lib/time";
import { staffPath, useChosenDate, useStaffVenue } from "./context";

function clock(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(
    new Date(instant),
  );
}

export function DaySheetPage() {
  const { venue } = useStaffVenue();
  // A hotel's day is its front desk (a venue's first page is its day sheet: /staff goes there).
  if (venue.kind === "hotel") return <Navigate to={staffPath(venue.slug, "front-desk")} replace />;
  // A lab's first page is its resource calendar (it has no tables or appointments).
  if (venue.kind === "lab") return <Navigate to={staffPath(venue.slug, "calendar")} replace />;
  if (takesAppointments(venue)) return <AppointmentsDay />;
  return <RestaurantDay />;
}

/** A clinic's or salon's day: each member of staff with their appointments (no slots or covers). */
function AppointmentsDay() {
  const { venue } = useStaffVenue();
  const [date, setDate] = useChosenDate(venue.timezone);
  const bookings = useDayBookings(venue.slug, date);
  const staff = useStaffMembers(venue.slug);
  // The staff list only adds who has no appointment yet: the day shows without it.
  const day = bookings.data && !staff.isPending ? groupAppointments(bookings.data, staff.data ?? []) : null;
  const zone = zoneAbbreviation(new Date(`${date}T12:00:00Z`), venue.timezone);

  return (
    <>
      <title>{`Day sheet, ${formatLongDate(date)} · ${venue.name}`}</title>
      <Heading focusOnMount>Day sheet</Heading>
      <p className="mb-4 text-lg">
        {venue.name} · <strong>{formatLongDate(date)}</strong> · times in {zone}
      </p>
      <DateNav id="day-date" date={date} onChange={setDate} />
      {!day && !bookings.error && <Loading>Loading the day…</Loading>}
      {!day && bookings.error && <LoadError error={bookings.error} onRetry={() => bookings.refetch()} />}
      {day && (
        <>
          <div className="mb-6 flex flex-wrap items-baseline justify-between gap-2 rounded bg-gray-100 p-4">
            {/* Announced when it changes: an appointment booked elsewhere is heard, not only seen. */}
            <p role="status" className="text-xl font-bold">
              {appointmentsText(day.totals.appointments)}
            </p>
            <p className="text-gray-700">
              Updates by itself every few seconds · last at {clock(bookings.dataUpdatedAt, venue.timezone)}
            </p>
          </div>
          {bookings.error && (
            <p role="alert" className="mb-6 rounded border-l-8 border-red-700 bg-red-50 p-4">
              The day sheet could not be updated just now: {errorSentence(bookings.error)} It will try again by itself.
            </p>
          )}
          <AppointmentDaySheet
            day={day}
            timezone={venue.timezone}
            linkTo={(reference) => `${staffPath(venue.slug, `bookings/${reference}`)}?from=day&date=${date}`}
          />
        </>
      )}
    </>
  );
}

function RestaurantDay() {
  const { venue } = useStaffVenue();
  const [date, setDate] = useChosenDate(venue.timezone);
  const slots = useDaySlots(venue.slug, date, { live: true });
  const bookings = useDayBookings(venue.slug, date);
  const sheet = slots.data && bookings.data ? groupDay(slots.data, bookings.data) : null;
  const failed = slots.error ?? bookings.error;
  const updatedAt = Math.min(slots.dataUpdatedAt, bookings.dataUpdatedAt);
  const zone = zoneAbbreviation(new Date(`${date}T12:00:00Z`), venue.timezone);

  return (
    <>
      <title>{`Day sheet, ${formatLongDate(date)} · ${venue.name}`}</title>
      <Heading focusOnMount>Day sheet</Heading>
      <p className="mb-4 text-lg">
        {venue.name} · <strong>{formatLongDate(date)}</strong> · times in {zone}
      </p>
      <DateNav id="day-date" date={date} onChange={setDate} />
      {!sheet && !failed && <Loading>Loading the day…</Loading>}
      {!sheet && failed && (
        <LoadError
          error={failed}
          onRetry={() => {
            void slots.refetch();
            void bookings.refetch();
          }}
        />
      )}
      {sheet && (
        <>
          <div className="mb-6 flex flex-wrap items-baseline justify-between gap-2 rounded bg-gray-100 p-4">
            {/* Announced when it changes: a booking made elsewhere is heard, not only seen. */}
            <p role="status" className="text-xl font-bold">
              {sheet.totals.bookings === 1 ? "1 booking" : `${sheet.totals.bookings} bookings`},{" "}
              {sheet.totals.covers === 1 ? "1 cover" : `${sheet.totals.covers} covers`}
            </p>
            <p className="text-gray-700">
              Updates by itself every few seconds · last at {clock(updatedAt, venue.timezone)}
            </p>
          </div>
          {failed && (
            <p role="alert" className="mb-6 rounded border-l-8 border-red-700 bg-red-50 p-4">
              The day sheet could not be updated just now: {errorSentence(failed)} It will try again by itself.
            </p>
          )}
          <DaySheet
            sheet={sheet}
            linkTo={(reference) => `${staffPath(venue.slug, `bookings/${reference}`)}?from=day&date=${date}`}
            addAt={(time) => `${staffPath(venue.slug, "bookings/new")}?date=${date}&time=${time}`}
          />
        </>
      )}
    </>
  );
}
