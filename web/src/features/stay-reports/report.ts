/**
 * A hotel's report as the staff ask for it and read it: the range of nights (this week unless the
 * address says otherwise), what the API refused of it in words, and its figures in words. The
 * figures themselves are the API's (`GET .../stays/reports`), shown as sent, never worked out or
 * added up here. Pure.
 */
import { addDays, formatLongDate } from "../../lib/time";

/** The nights from `from` to `to`, both included, as the page's address and form hold them (maybe half typed). */
export interface ReportRange {
  from: string;
  to: string;
}

export type RangeField = keyof ReportRange;
export type RangeProblems = Partial<Record<RangeField, string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAMES: Record<RangeField, string> = { from: "first night", to: "last night" };

/** 0 for Monday to 6 for Sunday. */
function weekday(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return (new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay() + 6) % 7;
}

/** The nights of the week (Monday to Sunday) that `date` is in. */
export function weekOf(date: string): ReportRange {
  const monday = addDays(date, -weekday(date));
  return { from: monday, to: addDays(monday, 6) };
}

/** The nights of the month that `date` is in. */
export function monthOf(date: string): ReportRange {
  const first = `${date.slice(0, 8)}01`;
  const nextFirst = addDays(first, 32).slice(0, 8) + "01";
  return { from: first, to: addDays(nextFirst, -1) };
}

/** Quick ranges, from the hotel's today. */
export function presets(today: string): { label: string; range: ReportRange }[] {
  const week = weekOf(today);
  return [
    { label: "This week", range: week },
    { label: "Last week", range: weekOf(addDays(week.from, -7)) },
    { label: "Next week", range: weekOf(addDays(week.from, 7)) },
    { label: "This month", range: monthOf(today) },
  ];
}

/** The range in the address (`?from=&to=`, both nights included), kept as typed; this week when it names none. */
export function readRange(params: URLSearchParams, today: string): ReportRange {
  if (!params.has("from") && !params.has("to")) return weekOf(today);
  return { from: params.get("from") ?? "", to: params.get("to") ?? "" };
}

/**
 * What the browser can tell before asking: each night a whole date. Everything else (the last
 * night before the first, a range longer than the API's maximum, a date it does not take) is the
 * API's to say, in its 422, which `rangeRefusal` puts in words.
 */
export function rangeProblems(range: ReportRange): RangeProblems {
  const problems: RangeProblems = {};
  for (const field of ["from", "to"] as const) {
    if (!ISO_DATE.test(range[field])) problems[field] = `Enter the ${NAMES[field]} as a date, like 7 December 2026`;
  }
  return problems;
}

/** The API's query: its `to` is the night after the last (exclusive). */
export function reportQuery(range: ReportRange): { from: string; to: string } {
  return { from: range.from, to: addDays(range.to, 1) };
}

/**
 * The API's 422 per field (`{"to": ["Must be after from."]}`, `"A report covers at most 92
 * nights."`, `"Give a date from 2000-01-01 to 2031-12-10."`) in words beside the field. The API's
 * `to` is the night after the last: its bounds are said as the last night's.
 */
export function rangeRefusal(fields: Record<string, string>): RangeProblems {
  const problems: RangeProblems = {};
  for (const field of ["from", "to"] as const) {
    const message = fields[field];
    if (message === undefined) continue;
    const longest = /at most (\d+) nights/i.exec(message);
    const bounds = /from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(message);
    if (longest) {
      problems[field] = `A report covers at most ${longest[1]} nights: choose a last night closer to the first`;
    } else if (/after/i.test(message)) {
      problems.to = "The last night must be the same as or after the first night";
    } else if (bounds) {
      const last = field === "to" ? addDays(bounds[2]!, -1) : bounds[2]!;
      problems[field] = `Choose a ${NAMES[field]} from ${formatLongDate(bounds[1]!)} to ${formatLongDate(last)}`;
    } else {
      problems[field] = `Enter the ${NAMES[field]} as a date, like 7 December 2026`;
    }
  }
  return problems;
}

/** "42.86%": the API's percentage (a decimal string to 0.01) as it is, with its sign. */
export function percentText(occupancy: string): string {
  return /^\d+(\.\d+)?$/.test(occupancy.trim()) ? `${occupancy.trim()}%` : occupancy;
}

/** "18 of 42 room nights sold". */
export function soldText(figures: { sold: number; available: number }): string {
  const nights = (n: number) => (n === 1 ? "1 room night" : `${n} room nights`);
  return `${figures.sold} of ${nights(figures.available)} sold`;
}

/** "Monday 7 December": a night in a table whose caption gives the year. */
export function nightLabel(date: string): string {
  return formatLongDate(date).split(" ").slice(0, 3).join(" ");
}

const KINDS: [string, string][] = [
  ["night", "Room nights"],
  ["extra_guests", "Extra guests"],
  ["discount", "Discounts"],
  ["tax", "Tax on rooms"],
  ["city_tax", "City tax"],
  ["charge", "Charges posted (minibar, dining, extras)"],
];

/** A line kind in words; one the app does not know ("spa") as words, never as a code. */
export function kindLabel(kind: string): string {
  const known = KINDS.find(([code]) => code === kind)?.[1];
  if (known) return known;
  const words = kind.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Other";
}

/** Revenue by kind in the order a folio lists them (rooms, supplements, discounts, taxes, charges), unknown kinds last. */
export function byKindOrder<T extends { kind: string }>(revenue: T[]): T[] {
  const rank = (kind: string) => {
    const index = KINDS.findIndex(([code]) => code === kind);
    return index === -1 ? KINDS.length : index;
  };
  return [...revenue].sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind));
}
