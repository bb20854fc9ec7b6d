/**
 * Which appointments a customer may pick, from the service's rules, as the API checks them
 * (availability_service/appointments/placement.py: check_bookable): a start at least the minimum
 * notice from now, on a date up to the venue's today plus the horizon (the service's, or the
 * venue's when it sets none; the API sends the one in force). The API checks again; these spare
 * the round trip and say what to do beside each field. Pure.
 */
import type { components } from "../../lib/api-types";
import { formatMoney, type Money } from "../../lib/money";
import { minutesText } from "../../lib/appointments";
import { addDays, formatLongDate, venueDate } from "../../lib/time";
import type { Service, StaffMember } from "./api/catalogue";
import type { AppointmentSlot } from "./api/search-appointments";

export type BookingChange = components["schemas"]["BookingUpdate"];

export interface AppointmentRules {
  timezone: string;
  min_notice_minutes: number;
  horizon_days: number;
}

/** What the customer has chosen so far; the staff member is null for "anyone available". */
export interface AppointmentChoice {
  staff: number | null;
  date: string;
  time: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The first date the notice leaves a start on, to the venue's today plus the horizon, in the venue's zone. */
export function appointmentDates(rules: AppointmentRules, now: Date = new Date()): { first: string; last: string } {
  const earliest = new Date(now.getTime() + rules.min_notice_minutes * 60_000);
  return { first: venueDate(earliest, rules.timezone), last: addDays(venueDate(now, rules.timezone), rules.horizon_days) };
}

export function dateProblem(date: string, range: { first: string; last: string }): string | undefined {
  if (!ISO_DATE.test(date)) return "Enter a date, like 9 December";
  if (date < range.first || date > range.last) {
    return `Choose a date from ${formatLongDate(range.first)} to ${formatLongDate(range.last)}`;
  }
  return undefined;
}

/** "20 minutes · €60.00": a service's length and price as the list shows them; a class's "50 minutes · €22.00 a place · up to 6 people". */
export function serviceFacts(service: Pick<Service, "duration_minutes" | "price"> & { capacity?: number }): string {
  const price = priceOf(service);
  const isClass = (service.capacity ?? 1) > 1;
  const facts = [minutesText(service.duration_minutes)];
  if (price) facts.push(isClass ? `${formatMoney(price)} a place` : formatMoney(price));
  if (isClass) facts.push(`up to ${service.capacity} people`);
  return facts.join(" · ");
}

/** A class's time: "4 places left", "1 place left" or "Full"; null for a time of one person's appointment. */
export function placesLeftText(slot: Pick<AppointmentSlot, "places_left">): string | null {
  if (slot.places_left === null || slot.places_left === undefined) return null;
  if (slot.places_left === 0) return "Full";
  return slot.places_left === 1 ? "1 place left" : `${slot.places_left} places left`;
}

/** Whether a time can be booked: any of an appointment's (the search offers only free ones), a class's with a place left. */
export const isBookable = (slot: Pick<AppointmentSlot, "places_left">) => slot.places_left !== 0;

/** What a service costs, or null when it has no price (the API sends `price: null`). */
export function priceOf(service: Pick<Service, "price">): Money | null {
  const price = service.price as Partial<Money> | null;
  return price && typeof price.amount === "string" && typeof price.currency === "string" ? (price as Money) : null;
}

/** "Dr Hanna Weber or Dr Jonas Richter", "Mia Schulz, Lukas Becker or Anna Roth". */
export function namesOr(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

export interface Performer {
  id: number;
  name: string;
  description: string | null;
}

/** Who performs the service, in the service's order, with what the staff list says of each (when it has loaded). */
export function performersOf(service: Pick<Service, "staff">, staff: StaffMember[] = []): Performer[] {
  const described = new Map(staff.map((member) => [member.id, member.description]));
  return service.staff.map((member) => ({ id: member.id, name: member.name, description: described.get(member.id) ?? null }));
}

/** The staff member in the page's address (`staff=12`), or null for anyone (`staff=any`, or none). */
export function readStaff(value: string | null): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  return Number(value);
}

export const staffParam = (staff: number | null) => (staff === null ? "any" : String(staff));

export interface DayPart {
  name: "Morning" | "Afternoon" | "Evening";
  slots: AppointmentSlot[];
}

/** A day's times under Morning (before 12:00), Afternoon (before 17:00) and Evening; parts with none left out. */
export function partsOfDay(slots: AppointmentSlot[]): DayPart[] {
  const parts: DayPart[] = [
    { name: "Morning", slots: [] },
    { name: "Afternoon", slots: [] },
    { name: "Evening", slots: [] },
  ];
  for (const slot of slots) parts[slot.time < "12:00" ? 0 : slot.time < "17:00" ? 1 : 2]!.slots.push(slot);
  return parts.filter((part) => part.slots.length > 0);
}

function minutes(time: string): number {
  const [hours, mins] = time.split(":").map(Number);
  return hours! * 60 + mins!;
}

/** Up to `count` offered times nearest to `time` (not it), soonest first on a tie, in time order. */
export function nearestTimes(slots: AppointmentSlot[], time: string, count = 3): AppointmentSlot[] {
  const target = minutes(time);
  return slots
    .filter((slot) => slot.time !== time && isBookable(slot))
    .map((slot) => ({ slot, distance: Math.abs(minutes(slot.time) - target), at: minutes(slot.time) }))
    .sort((a, b) => a.distance - b.distance || a.at - b.at)
    .slice(0, count)
    .sort((a, b) => a.at - b.at)
    .map(({ slot }) => slot);
}

/** A time just refused (409) for this day and choice: not offered, even while a cache the refusal has not reached still offers it. */
export function withoutTaken(
  slots: AppointmentSlot[],
  taken: { date: string; time: string; staff: number | null } | null,
  asked: { date: string; staff: number | null },
): AppointmentSlot[] {
  if (!taken || taken.date !== asked.date || (taken.staff !== null && taken.staff !== asked.staff)) return slots;
  return slots.filter((slot) => slot.time !== taken.time);
}

interface Booked {
  date: string;
  time: string;
  staff: number;
}

/**
 * A move sends only what changes (`PATCH` keeps the rest): the date, the time, and the staff member
 * (an id for another member, null for anyone who performs the service, left out for the same one).
 */
export function appointmentChange(booked: Booked, choice: AppointmentChoice): BookingChange {
  const change: BookingChange = {};
  if (choice.date !== booked.date) change.date = choice.date;
  if (choice.time && choice.time !== booked.time) change.time = choice.time;
  if (choice.staff !== booked.staff) change.staff = choice.staff;
  return change;
}
