import { beforeAll, describe, expect, it } from "vitest";
import { addDays, formatLongDate, formatVenueTime, formatVisit, venueDate, zoneAbbreviation } from "./time";

// The browser's own zone must never leak into what is shown: run as if the guest were in Auckland.
beforeAll(() => {
  process.env.TZ = "Pacific/Auckland";
  expect(new Date("2026-12-09T19:00:00Z").getTimezoneOffset()).not.toBe(0);
});

describe("formatVisit", () => {
  it("shows the venue's wall-clock time and zone, whatever the browser's zone", () => {
    expect(formatVisit("2026-12-09T19:00:00Z", "Europe/London")).toBe("Wednesday 9 December 2026, 19:00 GMT");
  });

  it("shows summer time on the day the clocks go forward (London, 29 March 2026)", () => {
    // 01:00 GMT became 02:00 BST that morning; 12:00 local is 11:00 UTC.
    expect(formatVisit("2026-03-29T11:00:00Z", "Europe/London")).toBe("Sunday 29 March 2026, 12:00 BST");
    expect(formatVisit("2026-03-29T00:30:00Z", "Europe/London")).toBe("Sunday 29 March 2026, 00:30 GMT");
  });

  it("shows winter time again on the day the clocks go back (London, 25 October 2026)", () => {
    expect(formatVisit("2026-10-25T00:30:00Z", "Europe/London")).toBe("Sunday 25 October 2026, 01:30 BST");
    expect(formatVisit("2026-10-25T01:30:00Z", "Europe/London")).toBe("Sunday 25 October 2026, 01:30 GMT");
  });

  it("uses the venue's date where it differs from UTC's", () => {
    expect(formatVisit("2026-07-01T03:30:00Z", "America/New_York")).toBe("Tuesday 30 June 2026, 23:30 EDT");
    expect(formatVisit("2026-07-01T23:30:00Z", "Europe/Berlin")).toBe("Thursday 2 July 2026, 01:30 CEST");
  });
});

describe("zoneAbbreviation", () => {
  it("names the zone as people there do, or gives the offset", () => {
    expect(zoneAbbreviation(new Date("2026-01-15T12:00:00Z"), "Europe/Berlin")).toBe("CET");
    expect(zoneAbbreviation(new Date("2026-01-15T12:00:00Z"), "America/New_York")).toBe("EST");
    expect(zoneAbbreviation(new Date("2026-01-15T12:00:00Z"), "Asia/Kolkata")).toBe("GMT+5:30");
  });
});

describe("venueDate", () => {
  it("is the calendar date at the venue, not in UTC or the browser", () => {
    expect(venueDate(new Date("2026-06-30T23:30:00Z"), "Europe/London")).toBe("2026-07-01");
    expect(venueDate(new Date("2026-12-31T23:30:00Z"), "Europe/London")).toBe("2026-12-31");
    expect(venueDate(new Date("2026-07-01T03:00:00Z"), "America/New_York")).toBe("2026-06-30");
  });
});

describe("dates", () => {
  it("adds days across month, year and DST boundaries", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it("writes a calendar date out in full", () => {
    expect(formatLongDate("2026-12-09")).toBe("Wednesday 9 December 2026");
    expect(formatLongDate("2027-01-01")).toBe("Friday 1 January 2027");
  });

  it("gives a start's venue time", () => {
    expect(formatVenueTime("2026-03-29T18:00:00Z", "Europe/London")).toBe("19:00");
  });
});
