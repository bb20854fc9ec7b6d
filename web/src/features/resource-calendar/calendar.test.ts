import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api-client";
import {
  bookedText, byDay, conflictText, conflictsOf, countOf, hoursText, mondayOf, reservationOf, reservationRows, pickFrom, rangeErrors, refusalSentence, waiterName,
  waitingRange, waitingState, weekFrom, weekText, weeklyRule,
} from "./calendar";

describe("the week", () => {
  it("starts on the Monday", () => {
    expect(mondayOf("2026-12-07")).toBe("2026-12-07");
    expect(mondayOf("2026-12-13")).toBe("2026-12-07");
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
    expect(weekFrom("2026-12-10", "2026-12-01")).toBe("2026-12-07");
    expect(weekFrom("nonsense", "2026-12-01")).toBe("2026-11-30");
  });
  it("is said once", () => {
    expect(weekText("2026-12-07")).toBe("Monday 7 to Sunday 13 December 2026");
    expect(weekText("2026-11-30")).toBe("Monday 30 November to Sunday 6 December 2026");
    expect(weekText("2026-12-28")).toBe("Monday 28 December 2026 to Sunday 3 January 2027");
  });
});

describe("free and busy by day", () => {
  it("groups and cuts at midnight", () => {
    const days = ["2026-12-07", "2026-12-08"];
    const found = byDay(
      [
        { start: "2026-12-07T13:00", end: "2026-12-07T21:00" },
        { start: "2026-12-07T09:00", end: "2026-12-07T11:00" },
        { start: "2026-12-07T22:00", end: "2026-12-08T02:00" },
      ],
      days,
    );
    expect(found["2026-12-07"]).toEqual([
      { start: "2026-12-07T09:00", end: "2026-12-07T11:00" },
      { start: "2026-12-07T13:00", end: "2026-12-07T21:00" },
      { start: "2026-12-07T22:00", end: "2026-12-08T00:00" },
    ]);
    expect(found["2026-12-08"]).toEqual([{ start: "2026-12-08T00:00", end: "2026-12-08T02:00" }]);
  });
});

describe("a range", () => {
  it("picked from a free interval: two hours within the limits and the interval", () => {
    const free = { start: "2026-12-07T09:00", end: "2026-12-07T21:00" };
    expect(pickFrom(free, { min_minutes: 30, max_minutes: 240 })).toEqual({ date: "2026-12-07", start: "09:00", end: "11:00" });
    expect(pickFrom(free, { min_minutes: 30, max_minutes: 60 })).toEqual({ date: "2026-12-07", start: "09:00", end: "10:00" });
    expect(pickFrom({ start: "2026-12-07T20:15", end: "2026-12-07T21:00" }, { min_minutes: null, max_minutes: null }).end).toBe("21:00");
  });
  it("checked before asking", () => {
    const ok = { date: "2026-12-07", start: "10:00", end: "12:00", repeat: false, weeks: "" };
    expect(rangeErrors(ok)).toEqual({});
    expect(rangeErrors({ ...ok, end: "10:00" })).toEqual({ "reserve-end": "The end must be after the start" });
    expect(rangeErrors({ ...ok, date: "" })).toHaveProperty("reserve-date");
    expect(rangeErrors({ ...ok, repeat: true, weeks: "1" })).toHaveProperty("reserve-weeks");
    expect(rangeErrors({ ...ok, repeat: true, weeks: "8" })).toEqual({});
  });
  it("repeated weekly", () => {
    expect(weeklyRule(8)).toBe("FREQ=WEEKLY;COUNT=8");
    expect(countOf("FREQ=WEEKLY;COUNT=8")).toBe(8);
    expect(countOf(null)).toBe(1);
  });
});

describe("conflicts", () => {
  const taken = { start: "2026-12-14T10:00", end: "2026-12-14T12:00", reason: "taken", message: "..." };
  it("each in words", () => {
    expect(conflictText(taken)).toBe("Monday 14 December 2026, 10:00 to 12:00: already reserved");
    expect(conflictText({ ...taken, reason: "outside_hours" })).toBe("Monday 14 December 2026, 10:00 to 12:00: outside its hours");
  });
  it("from a refusal's details, with a sentence", () => {
    const refusal = new ApiError(409, "resource_unavailable", "...", { conflicts: [taken, { ...taken, start: "2026-12-28T10:00" }, 3], occurrences: 8 });
    const found = conflictsOf(refusal);
    expect(found).toHaveLength(2);
    expect(refusalSentence(refusal, found)).toBe(
      "Nothing was booked: 2 dates of the 8 cannot be had, because they are already reserved. Choose another time, or book what is free.",
    );
    expect(conflictsOf(new Error("x"))).toEqual([]);
    const one = new ApiError(409, "resource_unavailable", "...", { conflicts: [taken], occurrences: 1 });
    expect(refusalSentence(one, conflictsOf(one))).toMatch(/^Nothing was booked: that time is already reserved/);
  });
  it("what was booked", () => {
    expect(bookedText(6, 8)).toBe("6 of 8 dates booked");
    expect(bookedText(8, 8)).toBe("All 8 dates booked");
    expect(bookedText(1, 1)).toBe("Booked");
  });
});

describe("business hours", () => {
  const hours = {
    periods: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, starts: "09:00", ends: "21:00" })).concat([{ weekday: 5, starts: "10:00", ends: "18:00" }]),
    exceptions: [
      { date: "2026-12-25", periods: [], note: "Christmas" },
      { date: "2026-12-24", periods: [{ starts: "09:00", ends: "13:00" }], note: null },
    ],
  };
  it("of a day, Monday = 0 as the API counts, exceptions first", () => {
    expect(hoursText(hours, "2026-12-07")).toBe("09:00 to 21:00");
    expect(hoursText(hours, "2026-12-12")).toBe("10:00 to 18:00");
    expect(hoursText(hours, "2026-12-13")).toBe("Closed");
    expect(hoursText(hours, "2026-12-25")).toBe("Closed: Christmas");
    expect(hoursText(hours, "2026-12-24")).toBe("09:00 to 13:00");
    expect(hoursText({ periods: [], exceptions: [] }, "2026-12-24")).toBe("Open at any time");
  });
});

describe("a reservation on a booking's page", () => {
  it("is its resource, dates and what was not booked", () => {
    const booking = {
      kind: "reservation",
      reservation: {
        resource: { id: 2, name: "3D printer A" },
        occurrences: [
          { start: "2026-12-15T10:00", end: "2026-12-15T12:00" },
          { start: "2026-12-29T10:00", end: "2026-12-29T12:00" },
        ],
        conflicts: [{ start: "2026-12-22T10:00", end: "2026-12-22T12:00", reason: "taken" }],
      },
    };
    expect(reservationRows(reservationOf(booking)!)).toEqual([
      ["Resource", "3D printer A"],
      ["When", "Tuesday 15 December 2026, 10:00 to 12:00; 2 dates, the last on Tuesday 29 December 2026"],
      ["Not booked", "Tuesday 22 December 2026, 10:00 to 12:00: already reserved"],
    ]);
    expect(reservationOf({ kind: "slot", reservation: {} })).toBeNull();
  });
});

describe("a resource's waitlist", () => {
  const entry = {
    start: "2026-12-08T11:00",
    end: "2026-12-08T13:00",
    status: "waiting",
    offer_expires_at: null,
    timezone: "America/New_York",
    customer: { first_name: "Ada", surname: "Lovelace", email: "ada@example.com" },
  };
  it("names who waits, by name, else by e-mail", () => {
    expect(waiterName(entry.customer)).toBe("Ada Lovelace");
    expect(waiterName({ first_name: null, surname: null, email: "ada@example.com" })).toBe("ada@example.com");
    expect(waiterName({})).toBe("Someone with no name given");
  });
  it("says the range waited for and where it stands, an offer's end on the venue's clock", () => {
    expect(waitingRange(entry)).toBe("Tuesday 8 December 2026, 11:00 to 13:00");
    expect(waitingState(entry)).toBe("Waiting");
    expect(waitingState({ ...entry, status: "offered", offer_expires_at: "2026-12-08T15:32:00Z" })).toBe("Offered until 10:32");
  });
});
