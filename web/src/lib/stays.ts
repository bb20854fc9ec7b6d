/**
 * A stay as the app shows it, wherever a booking is shown (the confirmation, the guest's own page,
 * the front desk): its facts out of the booking, and its price lines in words. Pure.
 */
import type { components } from "./api-types";
import { formatMoney, type Money } from "./money";
import { formatLongDate } from "./time";

export type Stay = components["schemas"]["StayView"];
export type PriceLine = components["schemas"]["PriceLine"] | components["schemas"]["FolioLine"];

interface MaybeStay {
  kind?: string;
  stay?: unknown;
  total?: unknown;
}

/** The booking's stay, or null for a table (the API sends `stay: null` for one). */
export function stayOf(booking: MaybeStay): Stay | null {
  const stay = booking.stay as Partial<Stay> | null | undefined;
  if (booking.kind !== "stay" || !stay || typeof stay.arrival !== "string" || typeof stay.departure !== "string") return null;
  return stay as Stay;
}

/** What a priced booking costs, or null when the API sent none. */
export function totalOf(booking: MaybeStay): Money | null {
  const total = booking.total as Partial<Money> | null | undefined;
  return total && typeof total.amount === "string" && typeof total.currency === "string" ? (total as Money) : null;
}

export const nightsText = (nights: number) => (nights === 1 ? "1 night" : `${nights} nights`);
export const guestsText = (guests: number) => (guests === 1 ? "1 guest" : `${guests} guests`);

/** "(n) guest(s)" as English says it, and "x" as a times sign. */
function tidy(description: string): string {
  return description
    .replace(/(\d+)( [a-z ]*?)guest\(s\)/g, (_, count: string, between: string) => `${count}${between}guest${count === "1" ? "" : "s"}`)
    .replace(/ x (?=\d)/g, " × ");
}

/** A price line's words: a night by its date written out, the others as the API describes them. */
export function lineLabel(line: Pick<PriceLine, "kind" | "description" | "night">): string {
  if (line.kind === "night" && line.night) return `Night of ${formatLongDate(line.night)}`;
  return tidy(line.description);
}

/** "2 × €18.00" for a line of more than one (a charge, the city tax); nothing for a line of one. */
export function lineDetail(line: Pick<PriceLine, "quantity" | "unit_amount" | "amount">): string | null {
  if (line.quantity === 1) return null;
  return `${line.quantity} × ${formatMoney({ amount: line.unit_amount, currency: line.amount.currency })}`;
}

/** Nights between two calendar dates (departure minus arrival). */
export function nightsBetween(arrival: string, departure: string): number {
  const day = (iso: string) => {
    const [year, month, date] = iso.split("-").map(Number);
    return Date.UTC(year!, month! - 1, date!) / 86_400_000;
  };
  return Math.round(day(departure) - day(arrival));
}

/** "Monday 7 December 2026 to Thursday 10 December 2026": a stay's dates, the hotel's calendar dates. */
export function stayDates(stay: Pick<Stay, "arrival" | "departure">): string {
  return `${formatLongDate(stay.arrival)} to ${formatLongDate(stay.departure)}`;
}

/**
 * "Monday 7 to Thursday 10 December 2026", "Monday 30 November to Thursday 3 December 2026",
 * "Wednesday 30 December 2026 to Saturday 2 January 2027": a stay's dates in a list, the month and
 * year said once when they are the same. "to", not a dash, as GOV.UK writes a range.
 */
export function stayDateSpan(stay: Pick<Stay, "arrival" | "departure">): string {
  const [weekdayA, dayA, monthA, yearA] = formatLongDate(stay.arrival).split(" ");
  const departure = formatLongDate(stay.departure);
  const [, , monthD, yearD] = departure.split(" ");
  if (yearA !== yearD) return `${formatLongDate(stay.arrival)} to ${departure}`;
  if (monthA !== monthD) return `${weekdayA} ${dayA} ${monthA} to ${departure}`;
  return `${weekdayA} ${dayA} to ${departure}`;
}

/** The room type's name as the booking carries it, or its code in words when it carries none. */
export function roomTypeNameOf(stay: Pick<Stay, "room_type" | "room_type_name">): string {
  if (stay.room_type_name) return stay.room_type_name;
  const words = stay.room_type.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Room";
}

/** "Double Room · 3 nights · 2 guests": what a stay is, in a list of bookings. */
export const stayFacts = (stay: Pick<Stay, "room_type" | "room_type_name" | "nights" | "guests">) =>
  `${roomTypeNameOf(stay)} · ${nightsText(stay.nights)} · ${guestsText(stay.guests)}`;

/**
 * A stay's rate as it was sold: the plan's name ("Flexible", "Non-refundable", as the hotel named
 * it then) and, as a note, whether it refunds, unless the name says so already (not told twice).
 * A booking that carries no name (made before names were kept) shows its plan's code in words.
 */
export function rateOf(stay: Pick<Stay, "rate_plan" | "refundable"> & { rate_plan_name?: string | null }): {
  name: string;
  note: string | null;
} {
  const words = stay.rate_plan.replace(/[_-]+/g, " ").trim();
  const name = stay.rate_plan_name?.trim() || (words ? words.charAt(0).toUpperCase() + words.slice(1) : "Room only");
  return { name, note: /refundable/i.test(name) ? null : stay.refundable ? "Refundable" : "Non-refundable" };
}
