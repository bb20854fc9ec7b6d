/**
 * An appointment as the app shows it, wherever a booking is shown (the confirmation, the customer's
 * own page, the staff's list, day sheet and booking page): its service and staff member out of the
 * booking, and its time as the venue's clock shows it. Pure.
 */
import type { components } from "./api-types";
import { formatLongDate, venueDate, formatVenueTime, zoneAbbreviation } from "./time";

export type Appointment = components["schemas"]["AppointmentView"];

interface MaybeAppointment {
  kind?: string;
  appointment?: unknown;
}

/** The booking's appointment, or null for a table or a stay (the API sends `appointment: null` for them). */
export function appointmentOf(booking: MaybeAppointment): Appointment | null {
  const appointment = booking.appointment as Partial<Appointment> | null | undefined;
  if (booking.kind !== "appointment" || !appointment || typeof appointment.service_name !== "string") return null;
  if (!appointment.staff || typeof appointment.staff.name !== "string") return null;
  return appointment as Appointment;
}

/** "20 minutes", "1 hour", "1 hour 30 minutes". */
export function minutesText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const restText = rest === 1 ? "1 minute" : `${rest} minutes`;
  if (hours === 0) return restText;
  const hoursText = hours === 1 ? "1 hour" : `${hours} hours`;
  return rest ? `${hoursText} ${restText}` : hoursText;
}

/** True minutes from start to end (across a change of the clocks too: 60 minutes lived are 60). */
export function minutesBetween(startsAt: string, endsAt: string): number {
  return Math.round((new Date(endsAt).getTime() - new Date(startsAt).getTime()) / 60_000);
}

/**
 * "Monday 8 December 2026, 10:00 to 10:20 CET": an appointment on the venue's calendar and clock,
 * never the browser's. The zone is the start's; an end on another day says its date.
 */
export function formatAppointment(startsAt: string, endsAt: string, timeZone: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = venueDate(start, timeZone);
  const endDay = venueDate(end, timeZone);
  const until = endDay === day ? formatVenueTime(endsAt, timeZone) : `${formatLongDate(endDay)}, ${formatVenueTime(endsAt, timeZone)}`;
  return `${formatLongDate(day)}, ${formatVenueTime(startsAt, timeZone)} to ${until} ${zoneAbbreviation(start, timeZone)}`;
}

/** "10:00 to 10:20": an appointment's time in a list of one day's. */
export function timeSpan(startsAt: string, endsAt: string, timeZone: string): string {
  return `${formatVenueTime(startsAt, timeZone)} to ${formatVenueTime(endsAt, timeZone)}`;
}

/** A class's places (docs/appointments.md, "Classes"), or null for one person's appointment. */
export function classOf(appointment: Pick<Appointment, "class_session">): { capacity: number; places: number } | null {
  const session = appointment.class_session as Partial<{ capacity: number; places: number }> | null | undefined;
  if (!session || typeof session.capacity !== "number" || typeof session.places !== "number") return null;
  return { capacity: session.capacity, places: session.places };
}

/** "1 place", "3 places". */
export const placesText = (places: number) => (places === 1 ? "1 place" : `${places} places`);

/** What the booking is, as its summary's first rows: the appointment, or a class and its places. */
export function whatRows(appointment: Pick<Appointment, "service_name" | "class_session">): [string, string][] {
  const places = classOf(appointment);
  if (!places) return [["Appointment", appointment.service_name]];
  return [
    ["Class", appointment.service_name],
    ["Places", placesText(places.places)],
  ];
}

/** "Consultation with Dr Hanna Weber": what an appointment is, in a sentence. */
export const appointmentTitle = (appointment: Pick<Appointment, "service_name" | "staff">) =>
  `${appointment.service_name} with ${appointment.staff.name}`;

/** "Consultation · Dr Hanna Weber · 20 minutes": what an appointment is, in a list of bookings. */
export const appointmentFacts = (appointment: Pick<Appointment, "service_name" | "staff">, startsAt: string, endsAt: string) =>
  `${appointment.service_name} · ${appointment.staff.name} · ${minutesText(minutesBetween(startsAt, endsAt))}`;

/** The kinds of venue whose page books an appointment with a member of staff. */
const APPOINTMENT_VENUES = new Set(["clinic", "salon"]);

export const takesAppointments = (venue: { kind: string }) => APPOINTMENT_VENUES.has(venue.kind);
