/** The venue's booking times by weekday, from its opening rules. */
import type { components } from "../../lib/api-types";

export type OpeningRule = components["schemas"]["Rule"];

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

export interface DayHours {
  day: string;
  periods: string[];
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function periods(rules: OpeningRule[]): string[] {
  return rules
    .filter((rule) => rule.first_start && rule.last_start)
    .sort((a, b) => a.first_start!.localeCompare(b.first_start!))
    .map((rule) => (rule.first_start === rule.last_start ? rule.first_start! : `${rule.first_start}–${rule.last_start}`));
}

/** Monday to Sunday, each with its periods ("12:00–13:30", first to last start); none when closed. */
export function weeklyHours(rules: OpeningRule[]): DayHours[] {
  return WEEKDAYS.map((weekday) => ({
    day: capitalised(weekday),
    periods: periods(rules.filter((rule) => rule.weekday === weekday && !rule.date)),
  }));
}

/** Rules for one date (a special opening), from `from` on, by date. */
export function datedHours(rules: OpeningRule[], from: string): { date: string; periods: string[] }[] {
  const dates = [...new Set(rules.map((rule) => rule.date).filter((date): date is string => !!date && date >= from))];
  return dates.sort().map((date) => ({ date, periods: periods(rules.filter((rule) => rule.date === date)) }));
}
