/**
 * Which stays a guest may search for, from the hotel's rules, as the API checks them
 * (availability_service/stays/nights.py: check_stay_dates): an arrival from the hotel's today to
 * today plus its horizon, a departure after it, at most `max_stay_nights` later. The API checks
 * again; these spare the round trip and say what to do beside each field.
 */
import { nightsBetween } from "../../lib/stays";
import { addDays, formatLongDate, venueDate } from "../../lib/time";

export interface StayRules {
  timezone: string;
  horizon_days: number;
  max_stay_nights: number;
  max_party_size: number;
}

export interface StaySearch {
  arrival: string;
  departure: string;
  guests: number;
}

export type StayField = keyof StaySearch;
export type StayProblems = Partial<Record<StayField, string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The arrivals on sale: the hotel's today (in its zone, not the browser's) to the horizon. */
export function arrivalDates(rules: Pick<StayRules, "timezone" | "horizon_days">, now: Date = new Date()) {
  const today = venueDate(now, rules.timezone);
  return { first: today, last: addDays(today, rules.horizon_days) };
}

/** The departures for an arrival: the next day to the longest stay the hotel takes. */
export function departureDates(arrival: string, rules: Pick<StayRules, "max_stay_nights">) {
  return { first: addDays(arrival, 1), last: addDays(arrival, rules.max_stay_nights) };
}

/** The search a guest starts from: tonight, one night, two guests (or fewer where the hotel takes fewer). */
export function firstSearch(rules: StayRules, now: Date = new Date()): StaySearch {
  const arrival = arrivalDates(rules, now).first;
  return { arrival, departure: addDays(arrival, 1), guests: Math.min(2, rules.max_party_size) };
}

export function stayProblems(search: StaySearch, rules: StayRules, now: Date = new Date()): StayProblems {
  const problems: StayProblems = {};
  const arrivals = arrivalDates(rules, now);
  if (!ISO_DATE.test(search.arrival)) problems.arrival = "Enter an arrival date, like 9 December";
  else if (search.arrival < arrivals.first || search.arrival > arrivals.last) {
    problems.arrival = `Choose an arrival from ${formatLongDate(arrivals.first)} to ${formatLongDate(arrivals.last)}`;
  }
  if (!ISO_DATE.test(search.departure)) problems.departure = "Enter a departure date, like 12 December";
  else if (ISO_DATE.test(search.arrival)) {
    const nights = nightsBetween(search.arrival, search.departure);
    if (nights < 1) problems.departure = "Choose a departure after the arrival";
    else if (nights > rules.max_stay_nights) {
      problems.departure = `A stay here is at most ${rules.max_stay_nights} nights: choose a departure on or before ${formatLongDate(
        departureDates(search.arrival, rules).last,
      )}`;
    }
  }
  if (!Number.isInteger(search.guests) || search.guests < 1 || search.guests > rules.max_party_size) {
    problems.guests = `Choose from 1 to ${rules.max_party_size} guests`;
  }
  return problems;
}

/**
 * A new arrival: the departure follows it to the next day when it is no longer after it, and is
 * left alone otherwise (a date field's value passes through other whole dates as a year is typed,
 * so nothing further is changed under the guest's fingers).
 */
export function followArrival(search: StaySearch, arrival: string): StaySearch {
  if (ISO_DATE.test(arrival) && ISO_DATE.test(search.departure) && search.departure <= arrival) {
    return { ...search, arrival, departure: addDays(arrival, 1) };
  }
  return { ...search, arrival };
}

/** The search in the page's address (`?arrival=&departure=&guests=`), when there is one. */
export function readStaySearch(params: URLSearchParams): StaySearch | null {
  const arrival = params.get("arrival");
  const departure = params.get("departure");
  const guests = Number(params.get("guests"));
  if (!arrival || !departure || !params.get("guests")) return null;
  return { arrival, departure, guests };
}

export function searchParams(search: StaySearch): Record<string, string> {
  return { arrival: search.arrival, departure: search.departure, guests: String(search.guests) };
}

/** What a room type has left for the whole stay. */
export function roomsLeft(available: number): string {
  if (available <= 0) return "Sold out for these dates";
  return available === 1 ? "1 room left" : `${available} rooms left`;
}

/** "Mon 7 Dec": a night in a list of nightly prices. */
export function shortDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(
    new Date(Date.UTC(year!, month! - 1, day!)),
  );
}
