/** Which dates and slots a guest may pick, from the venue's booking rules. */
import { addDays, venueDate } from "../../lib/time";
import type { components } from "../../lib/api-types";

export type AvailableSlot = components["schemas"]["AvailableSlot"];

export interface BookingRules {
  timezone: string;
  min_notice_minutes: number;
  horizon_days: number;
}

/**
 * The first and last dates with bookable slots: the venue's date once the minimum notice has
 * passed, to the venue's today plus its horizon (as availability_service/search/service.py counts).
 */
export function bookableDates(rules: BookingRules, now: Date = new Date()): { first: string; last: string } {
  const earliest = new Date(now.getTime() + rules.min_notice_minutes * 60_000);
  return {
    first: venueDate(earliest, rules.timezone),
    last: addDays(venueDate(now, rules.timezone), rules.horizon_days),
  };
}

function minutes(time: string): number {
  const [hours, mins] = time.split(":").map(Number);
  return hours! * 60 + mins!;
}

/** Up to `count` bookable slots nearest to `time`, soonest first on a tie, in time order. */
export function nearestAlternatives(slots: AvailableSlot[], time: string, count = 3): AvailableSlot[] {
  const target = minutes(time);
  return slots
    .filter((slot) => slot.bookable && slot.time && slot.time !== time)
    .map((slot) => ({ slot, distance: Math.abs(minutes(slot.time!) - target), at: minutes(slot.time!) }))
    .sort((a, b) => a.distance - b.distance || a.at - b.at)
    .slice(0, count)
    .sort((a, b) => a.at - b.at)
    .map(({ slot }) => slot);
}
