import { describe, expect, it } from "vitest";
import { bookingCalendar, escapeText, foldLine, type CalendarVisit } from "./calendar";

const visit: CalendarVisit = {
  bookingId: "6f1c2d3e-0000-4000-8000-000000000001",
  reference: "EKL6NJ4",
  startsAt: "2026-12-09T19:00:00Z",
  endsAt: "2026-12-09T20:30:00Z",
  partySize: 2,
  venueName: "The Hungry Unicorn",
  venueAddress: "1 Rainbow Row, London",
  manageUrl: "https://book.example.com/bookings/EKL6NJ4",
};

describe("bookingCalendar", () => {
  const text = bookingCalendar(visit, new Date("2026-12-01T10:11:12.345Z"));
  const lines = text.split("\r\n");

  it("is one VEVENT in a VCALENDAR, with CRLF line ends", () => {
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(text.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("starts and ends at the booking's UTC instants", () => {
    expect(lines).toContain("DTSTART:20261209T190000Z");
    expect(lines).toContain("DTEND:20261209T203000Z");
    expect(lines).toContain("DTSTAMP:20261201T101112Z");
  });

  it("keeps summer-time visits in UTC too (19:00 BST is 18:00Z)", () => {
    const summer = bookingCalendar({ ...visit, startsAt: "2026-07-01T18:00:00Z", endsAt: "2026-07-01T19:30:00Z" });
    expect(summer).toContain("DTSTART:20260701T180000Z\r\n");
  });

  it("makes a hotel stay whole days from arrival to departure, as the e-mail's invite does", () => {
    const stay = bookingCalendar({
      ...visit,
      startsAt: "2026-12-07T12:00:00Z",
      endsAt: "2026-12-10T12:00:00Z",
      venueName: "The Harbour Hotel",
      stay: { arrival: "2026-12-07", departure: "2026-12-10", nights: 3, roomName: "Double Room" },
    }).split("\r\n");
    expect(stay).toContain("DTSTART;VALUE=DATE:20261207");
    expect(stay).toContain("DTEND;VALUE=DATE:20261210");
    expect(stay).toContain("SUMMARY:The Harbour Hotel: Double Room\\, 3 nights");
    expect(stay.join("")).toContain("3 nights for 2 guests.");
    expect(stay.some((line) => line.startsWith("DTSTART:"))).toBe(false);
  });

  it("names an appointment's service and who it is with, at its UTC instants", () => {
    const appointment = bookingCalendar({
      ...visit,
      startsAt: "2026-12-08T09:00:00Z",
      endsAt: "2026-12-08T09:20:00Z",
      partySize: 1,
      venueName: "The Meadow Clinic",
      appointment: { serviceName: "Consultation", staffName: "Dr Hanna Weber" },
    }).split("\r\n");
    expect(appointment).toContain("DTSTART:20261208T090000Z");
    expect(appointment).toContain("DTEND:20261208T092000Z");
    expect(appointment).toContain("SUMMARY:The Meadow Clinic: Consultation with Dr Hanna Weber");
    expect(appointment.join("")).toContain("Consultation with Dr Hanna Weber.");
    expect(appointment.join("")).not.toContain("person");
  });

  it("shares its UID with the booking e-mail's invite", () => {
    expect(lines).toContain("UID:6f1c2d3e-0000-4000-8000-000000000001@tessera.local");
  });

  it("names the venue, the party, the reference and how to change or cancel", () => {
    expect(lines).toContain("SUMMARY:The Hungry Unicorn: table for 2 people");
    expect(lines).toContain("LOCATION:1 Rainbow Row\\, London");
    const unfolded = text.replace(/\r\n /g, "");
    expect(unfolded).toContain(
      "DESCRIPTION:Booking reference EKL6NJ4\\, 2 people.\\nTo change or cancel it: https://book.example.com/bookings/EKL6NJ4",
    );
  });

  it("leaves out a location the venue has not given", () => {
    expect(bookingCalendar({ ...visit, venueAddress: null })).not.toContain("LOCATION");
  });
});

describe("escapeText", () => {
  it("escapes what RFC 5545 reserves", () => {
    expect(escapeText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
  });
});

describe("foldLine", () => {
  it("folds at 75 octets, never inside a character", () => {
    const folded = foldLine(`DESCRIPTION:${"é".repeat(80)}`);
    const encoder = new TextEncoder();
    for (const line of folded.split("\r\n")) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${"é".repeat(80)}`);
  });

  it("leaves short lines alone", () => {
    expect(foldLine("VERSION:2.0")).toBe("VERSION:2.0");
  });
});
