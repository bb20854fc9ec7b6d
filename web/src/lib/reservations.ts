/**
 * A reservation as the app says it wherever a booking is listed or its history told: the resource and
 * its range, not a table for "1 person". Venue-local times are the API's strings ("2026-12-15T10:00"),
 * never the browser's zone. Pure.
 */
import { formatLongDate } from "./time";

export interface Reservation {
  resource: { id: number; name: string };
  /** What is booked, venue-local: one range, or a series' dates. */
  occurrences: { start: string; end: string }[];
  /** A partial series' dates not booked, and why. */
  conflicts: { start: string; end: string; reason: string; message?: string }[];
}

/** A booking's (or an event snapshot's) reservation, when it is one (the API sends `{}` or null for other kinds). */
export function reservationOf(booking: { kind?: unknown; reservation?: unknown }): Reservation | null {
  const found = booking.reservation as Partial<Reservation> | null | undefined;
  if (booking.kind !== "reservation" || !found?.resource || !Array.isArray(found.occurrences)) return null;
  return { resource: found.resource, occurrences: found.occurrences, conflicts: found.conflicts ?? [] };
}

const clock = (local: string) => local.slice(11, 16);
const day = (local: string) => local.slice(0, 10);

/** "10:00 to 12:00"; a range past midnight names the day it ends. */
export function rangeOf(occurrence: { start: string; end: string }): string {
  const end = day(occurrence.end) === day(occurrence.start) ? clock(occurrence.end) : `${formatLongDate(day(occurrence.end))}, ${clock(occurrence.end)}`;
  return `${clock(occurrence.start)} to ${end}`;
}

const dates = (reservation: Reservation) => {
  const count = reservation.occurrences.length;
  const last = reservation.occurrences[count - 1];
  return count > 1 && last ? `${count} dates, the last on ${formatLongDate(day(last.start))}` : "";
};

/** "3D printer A · 10:00 to 12:00 · 6 dates, the last on Tuesday 19 January 2027": a reservation in a list of bookings. */
export function reservationFacts(reservation: Reservation): string {
  const [first] = reservation.occurrences;
  return [reservation.resource.name, first ? rangeOf(first) : "", dates(reservation)].filter(Boolean).join(" · ");
}

/** "10:00 to 12:00 on Tuesday 15 December 2026": when an occurrence is, in a sentence. */
export const occurrenceText = (occurrence: { start: string; end: string }) =>
  `${rangeOf(occurrence)} on ${formatLongDate(day(occurrence.start))}`;

/**
 * "3D printer A from 10:00 to 12:00 on Tuesday 15 December 2026 and 5 more dates to Tuesday 19 January
 * 2027": what was reserved, in a sentence.
 */
export function reservationText(reservation: Reservation): string {
  const [first] = reservation.occurrences;
  if (!first) return reservation.resource.name;
  const more = reservation.occurrences.length - 1;
  const last = reservation.occurrences[more]!;
  const series = more > 0 ? ` and ${more === 1 ? "1 more date" : `${more} more dates`} to ${formatLongDate(day(last.start))}` : "";
  return `${reservation.resource.name} from ${occurrenceText(first)}${series}`;
}
