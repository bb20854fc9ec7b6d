/**
 * A lab's resource calendar, as pure rules: the week shown (Monday to Sunday in the venue's calendar),
 * the API's free and busy intervals laid out day by day, a range typed or picked, a weekly series as
 * an RRULE, and a series' conflicts in words. Venue-local times are strings ("2026-12-07T09:00"): the
 * API's own form, never the browser's zone.
 */
import { ApiError } from "../../lib/api-client";
import { addDays, formatLongDate, formatVenueTime } from "../../lib/time";

export interface LocalInterval {
  /** Venue-local, YYYY-MM-DDTHH:MM */
  start: string;
  end: string;
}

export interface Conflict extends LocalInterval {
  reason: string;
  message?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Monday on or before a date (a calendar date: no zone). */
export function mondayOf(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const weekday = new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay(); // 0 Sunday
  return addDays(isoDate, -((weekday + 6) % 7));
}

/** The week a page shows: the Monday of `?week=` if it is a date, else of the venue's today. */
export function weekFrom(asked: string | null, today: string): string {
  return mondayOf(asked && ISO_DATE.test(asked) ? asked : today);
}

export const weekDays = (monday: string) => Array.from({ length: 7 }, (_, index) => addDays(monday, index));

/** "Monday 7 to Sunday 13 December 2026" (the month and year said once when they are the same). */
export function weekText(monday: string): string {
  const first = formatLongDate(monday).split(" ");
  const last = formatLongDate(addDays(monday, 6)).split(" ");
  if (first[3] !== last[3]) return `${first.join(" ")} to ${last.join(" ")}`;
  if (first[2] !== last[2]) return `${first.slice(0, 3).join(" ")} to ${last.join(" ")}`;
  return `${first.slice(0, 2).join(" ")} to ${last.join(" ")}`;
}

/** Intervals cut at each local midnight and grouped by day, in time order; days with none have an empty list. */
export function byDay<T extends LocalInterval>(intervals: T[], days: string[]): Record<string, LocalInterval[]> {
  const found: Record<string, LocalInterval[]> = Object.fromEntries(days.map((day) => [day, []]));
  for (const interval of intervals) {
    let start = interval.start;
    while (start < interval.end) {
      const day = start.slice(0, 10);
      const midnight = `${addDays(day, 1)}T00:00`;
      const end = interval.end < midnight ? interval.end : midnight;
      found[day]?.push({ start, end });
      start = end;
    }
  }
  for (const list of Object.values(found)) list.sort((a, b) => a.start.localeCompare(b.start));
  return found;
}

/** "09:00"; the end of a day (the next midnight) is "24:00". */
export function clockOf(local: string, day?: string): string {
  if (day && local.slice(0, 10) > day) return "24:00";
  return local.slice(11, 16);
}

export const rangeText = (interval: LocalInterval, day = interval.start.slice(0, 10)) =>
  `${clockOf(interval.start, day)} to ${clockOf(interval.end, day)}`;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockFrom = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A free interval picked from the week: its start, for the usual length (2 hours), within the resource's
 * limits and the interval; its date and times as the form's fields hold them. */
export function pickFrom(
  interval: LocalInterval,
  limits: { min_minutes: number | null; max_minutes: number | null },
): { date: string; start: string; end: string } {
  const date = interval.start.slice(0, 10);
  const from = minutesOf(interval.start.slice(11, 16));
  const until = interval.end.slice(0, 10) > date ? 24 * 60 : minutesOf(interval.end.slice(11, 16));
  let length = Math.max(120, limits.min_minutes ?? 0);
  if (limits.max_minutes) length = Math.min(length, limits.max_minutes);
  const end = Math.min(from + length, until, 23 * 60 + 59);
  return { date, start: clockFrom(from), end: clockFrom(end) };
}

export interface RangeInput {
  date: string;
  start: string;
  end: string;
  repeat: boolean;
  weeks: string;
}

/** What the browser checks before asking: whole fields and an end after the start; the rest (hours, limits,
 * what is taken) is the API's. Messages by field id. */
export function rangeErrors(input: RangeInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!ISO_DATE.test(input.date)) errors["reserve-date"] = "Enter the date, for example 2026-12-07";
  if (!/^\d{2}:\d{2}$/.test(input.start)) errors["reserve-start"] = "Enter the start time, for example 10:00";
  if (!/^\d{2}:\d{2}$/.test(input.end)) errors["reserve-end"] = "Enter the end time, for example 12:00";
  else if (!errors["reserve-start"] && input.end <= input.start) errors["reserve-end"] = "The end must be after the start";
  if (input.repeat) {
    const weeks = Number(input.weeks);
    if (!/^\d+$/.test(input.weeks.trim()) || weeks < 2 || weeks > 52) errors["reserve-weeks"] = "Enter a number of weeks from 2 to 52";
  }
  return errors;
}

/** Every week for `weeks` weeks from the first date, the first included. */
export const weeklyRule = (weeks: number) => `FREQ=WEEKLY;COUNT=${weeks}`;

/** How many a series' rule gives, when it is the form's weekly one. */
export function countOf(recurrence: string | null | undefined): number {
  const found = /COUNT=(\d+)/.exec(recurrence ?? "");
  return found ? Number(found[1]) : 1;
}

const REASONS: Record<string, string> = {
  taken: "already reserved",
  outside_hours: "outside its hours",
  too_soon: "too soon to book",
  beyond_horizon: "too far ahead to book yet",
  nonexistent_time: "a time the clocks skip that day",
};

export const reasonText = (reason: string) => REASONS[reason] ?? "cannot be booked";

/** "Monday 14 December 2026, 10:00 to 12:00: already reserved". */
export const conflictText = (conflict: Conflict) =>
  `${formatLongDate(conflict.start.slice(0, 10))}, ${rangeText(conflict)}: ${reasonText(conflict.reason)}`;

/** A refused series' occurrences, from the refusal's details (`details.conflicts`), or none. */
export function conflictsOf(error: unknown): Conflict[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.details.conflicts;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is Conflict =>
      typeof item === "object" && item !== null && typeof item.start === "string" && typeof item.end === "string" && typeof item.reason === "string",
  );
}

const dates = (count: number) => (count === 1 ? "1 date" : `${count} dates`);

/** The sentence above a refused series' list: nothing was booked, and why. */
export function refusalSentence(error: ApiError, conflicts: Conflict[]): string {
  const total = typeof error.details.occurrences === "number" ? error.details.occurrences : null;
  const of = total ? ` of the ${total}` : "";
  const allTaken = conflicts.every((conflict) => conflict.reason === "taken");
  if (conflicts.length === 1 && total === 1) {
    return allTaken
      ? "Nothing was booked: that time is already reserved. Choose another time, or join the waitlist for it."
      : `Nothing was booked: that time ${reasonText(conflicts[0]!.reason)}. Choose another time.`;
  }
  return allTaken
    ? `Nothing was booked: ${dates(conflicts.length)}${of} cannot be had, because they are already reserved. Choose another time, or book what is free.`
    : `Nothing was booked: ${dates(conflicts.length)}${of} cannot be booked. Change the series, or book what is free.`;
}

/** "6 of 8 dates booked" for a series; "Booked" for one. */
export function bookedText(booked: number, asked: number): string {
  if (asked <= 1) return "Booked";
  return booked === asked ? `All ${asked} dates booked` : `${booked} of ${asked} dates booked`;
}

export interface Hours {
  periods: { weekday: number; starts: string; ends: string }[];
  exceptions: { date: string; periods: { starts: string; ends: string }[]; note: string | null }[];
}

/** A day's business hours in words ("08:00 to 22:00", "09:00 to 12:00, 13:00 to 18:00", "Closed: Christmas"),
 * a dated exception before the week's; a resource that keeps no hours is "Open at any time". */
export function hoursText(hours: Hours, isoDate: string): string {
  if (hours.periods.length === 0 && hours.exceptions.length === 0) return "Open at any time";
  const exception = hours.exceptions.find((each) => each.date === isoDate);
  const [year, month, day] = isoDate.split("-").map(Number);
  const weekday = (new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay() + 6) % 7; // Monday = 0, as the API counts
  const periods = exception ? exception.periods : hours.periods.filter((period) => period.weekday === weekday);
  if (periods.length === 0) return exception?.note ? `Closed: ${exception.note}` : "Closed";
  const text = [...periods]
    .sort((a, b) => a.starts.localeCompare(b.starts))
    .map((period) => `${period.starts.slice(0, 5)} to ${period.ends.slice(0, 5)}`)
    .join(", ");
  return exception?.note ? `${text} (${exception.note})` : text;
}

interface ReservationLike {
  resource: { id: number; name: string };
  occurrences: LocalInterval[];
  conflicts: Conflict[];
}

/** A booking's reservation: lib/reservations.ts, where the staff's list and history read it too. */
export { reservationOf } from "../../lib/reservations";

/** A reservation's facts for a booking's page: the resource, when (a series: how many dates, to when), what was not booked. */
export function reservationRows(reservation: ReservationLike): [string, string][] {
  const [first] = reservation.occurrences;
  const last = reservation.occurrences[reservation.occurrences.length - 1];
  const rows: [string, string][] = [["Resource", reservation.resource.name]];
  if (first && last) {
    const when = `${formatLongDate(first.start.slice(0, 10))}, ${rangeText(first)}`;
    rows.push([
      "When",
      reservation.occurrences.length > 1
        ? `${when}; ${reservation.occurrences.length} dates, the last on ${formatLongDate(last.start.slice(0, 10))}`
        : when,
    ]);
  }
  if (reservation.conflicts.length > 0) rows.push(["Not booked", reservation.conflicts.map(conflictText).join("; ")]);
  return rows;
}

/** A resource's waitlist entry as the calendar lists it (the API's `WaitlistEntry`). */
export interface WaitingLike extends LocalInterval {
  status: string;
  offer_expires_at?: string | null;
  timezone: string;
  customer: { first_name?: string | null; surname?: string | null; email?: string | null };
}

/** "Ada Lovelace"; their e-mail when no name was given; a staff member's own wait has at least that. */
export function waiterName(customer: WaitingLike["customer"]): string {
  const name = [customer.first_name, customer.surname].filter(Boolean).join(" ");
  return name || customer.email || "Someone with no name given";
}

/** "Tuesday 8 December 2026, 11:00 to 13:00": the range waited for, on the venue's clock. */
export const waitingRange = (entry: WaitingLike) => `${formatLongDate(entry.start.slice(0, 10))}, ${rangeText(entry)}`;

/** "Waiting", or "Offered until 14:32" (the venue's time): an offer is held for them until then. */
export function waitingState(entry: WaitingLike): string {
  if (entry.status === "offered" && entry.offer_expires_at) return `Offered until ${formatVenueTime(entry.offer_expires_at, entry.timezone)}`;
  return entry.status === "waiting" ? "Waiting" : entry.status.replace("_", " ");
}
