/**
 * The "add to calendar" file (RFC 5545) for a booking, made in the browser. Times are UTC
 * (`...Z`), which every calendar shows in its owner's zone; the UID is the one the booking
 * e-mails' invites use (notification_service/calendar_invite.py), so a calendar treats the two as
 * the same visit.
 */
export interface CalendarVisit {
  bookingId: string;
  reference: string;
  startsAt: string;
  endsAt: string;
  partySize: number;
  venueName: string;
  venueAddress?: string | null;
  manageUrl: string;
  /** A hotel stay: whole days from arrival to departure, as the e-mail's invite has it. */
  stay?: { arrival: string; departure: string; nights: number; roomName: string };
  /** An appointment: its service and who it is with ("Consultation with Dr Hanna Weber"). */
  appointment?: { serviceName: string; staffName: string };
}

const UID_DOMAIN = "tessera.local";

function utcStamp(instant: string | Date): string {
  return new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = pieces.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      pieces.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

const dateStamp = (isoDate: string) => isoDate.replace(/-/g, "");

export function bookingCalendar(visit: CalendarVisit, now: Date = new Date()): string {
  const guests = visit.partySize === 1 ? "1 person" : `${visit.partySize} people`;
  const { stay } = visit;
  const nights = stay ? (stay.nights === 1 ? "1 night" : `${stay.nights} nights`) : "";
  const when = stay
    ? [`DTSTART;VALUE=DATE:${dateStamp(stay.arrival)}`, `DTEND;VALUE=DATE:${dateStamp(stay.departure)}`]
    : [`DTSTART:${utcStamp(visit.startsAt)}`, `DTEND:${utcStamp(visit.endsAt)}`];
  const { appointment } = visit;
  const seeing = appointment ? `${appointment.serviceName} with ${appointment.staffName}` : "";
  const summary = stay
    ? `${visit.venueName}: ${stay.roomName}, ${nights}`
    : appointment
      ? `${visit.venueName}: ${seeing}`
      : `${visit.venueName}: table for ${guests}`;
  const what = stay ? `${nights} for ${visit.partySize === 1 ? "1 guest" : `${visit.partySize} guests`}` : appointment ? seeing : guests;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Tessera//Bookings//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${visit.bookingId}@${UID_DOMAIN}`,
    `DTSTAMP:${utcStamp(now)}`,
    ...when,
    `SUMMARY:${escapeText(summary)}`,
    ...(visit.venueAddress ? [`LOCATION:${escapeText(visit.venueAddress)}`] : []),
    `DESCRIPTION:${escapeText(
      `Booking reference ${visit.reference}, ${what}.\nTo change or cancel it: ${visit.manageUrl}`,
    )}`,
    `URL:${visit.manageUrl}`,
    "STATUS:CONFIRMED",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
