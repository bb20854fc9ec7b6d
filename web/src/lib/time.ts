/**
 * Dates and times as the venue sees them. A visit is shown in the venue's time zone with that
 * zone's abbreviation ("Wednesday 9 December 2026, 19:00 GMT"), never in the browser's: a guest
 * abroad booking a London table must see London time.
 */

interface ZonedParts {
  year: string;
  month: string;
  day: string;
  weekday: string;
  monthName: string;
  hour: string;
  minute: string;
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function zonedParts(instant: Date, timeZone: string): ZonedParts {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "numeric",
      weekday: "long",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const month = parts.month!;
  return {
    year: parts.year!,
    month,
    day: String(Number(parts.day)),
    weekday: parts.weekday!,
    monthName: MONTHS[Number(month) - 1]!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The venue-local calendar date (YYYY-MM-DD) at an instant. */
export function venueDate(instant: Date, timeZone: string): string {
  const { year, month, day } = zonedParts(instant, timeZone);
  return `${year}-${month}-${day.padStart(2, "0")}`;
}

export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

/** "Wednesday 9 December 2026" for a calendar date: a date has no zone, so none is applied. */
export function formatLongDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const weekday = new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${day} ${MONTHS[month! - 1]} ${year}`;
}

/**
 * The zone's short name at that instant: "GMT"/"BST", "CET"/"CEST", "EST"/"EDT". British English
 * names the European zones; where it only knows an offset ("GMT-5"), American English is asked,
 * which names the North American ones; elsewhere the offset is the name.
 */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  const name = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
      .formatToParts(instant)
      .find((part) => part.type === "timeZoneName")?.value ?? "";
  const british = name("en-GB");
  if (!/^(GMT|UTC)[+-]/.test(british)) return british;
  const american = name("en-US");
  return /^(GMT|UTC)[+-]/.test(american) ? british : american;
}

/** "Wednesday 9 December 2026, 19:00 GMT": an instant as the venue's clock and calendar show it. */
export function formatVisit(startsAt: string, timeZone: string): string {
  const instant = new Date(startsAt);
  const { weekday, day, monthName, year, hour, minute } = zonedParts(instant, timeZone);
  return `${weekday} ${day} ${monthName} ${year}, ${hour}:${minute} ${zoneAbbreviation(instant, timeZone)}`;
}

/** "19:00" for an instant in the venue's zone. */
export function formatVenueTime(instant: string, timeZone: string): string {
  const { hour, minute } = zonedParts(new Date(instant), timeZone);
  return `${hour}:${minute}`;
}

/** "19:04:31": an instant (milliseconds) on the venue's clock, to the second (when a page last updated). */
export function formatClock(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(
    new Date(instant),
  );
}
