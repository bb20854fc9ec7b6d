import { describe, expect, it } from "vitest";
import { bookableDates, nearestAlternatives, type AvailableSlot } from "./visit-rules";

const london = { timezone: "Europe/London", min_notice_minutes: 30, horizon_days: 30 };

describe("bookableDates", () => {
  it("runs from the venue's today to today plus the horizon", () => {
    expect(bookableDates(london, new Date("2026-12-06T16:00:00Z"))).toEqual({ first: "2026-12-06", last: "2027-01-05" });
  });

  it("starts tomorrow once the minimum notice reaches past midnight", () => {
    expect(bookableDates(london, new Date("2026-12-06T23:45:00Z")).first).toBe("2026-12-07");
  });

  it("counts days in the venue's zone, not UTC's", () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    const rules = { ...london, min_notice_minutes: 0 };
    expect(bookableDates(rules, new Date("2026-06-30T23:30:00Z"))).toEqual({ first: "2026-07-01", last: "2026-07-31" });
  });
});

const slot = (time: string, bookable = true): AvailableSlot => ({
  time,
  starts_at: `2026-12-09T${time}:00Z`,
  bookable,
  remaining: bookable ? 4 : 0,
  confirmed_holds: bookable ? 0 : 2,
});

describe("nearestAlternatives", () => {
  const day = ["12:00", "12:30", "13:00", "13:30", "19:00", "19:30", "20:00", "20:30"].map((t) => slot(t));

  it("offers the bookable slots nearest the one taken, in time order", () => {
    expect(nearestAlternatives(day, "19:30").map((s) => s.time)).toEqual(["19:00", "20:00", "20:30"]);
  });

  it("prefers the earlier slot on a tie and skips full ones", () => {
    const withFull = day.map((s) => (s.time === "19:00" ? slot("19:00", false) : s));
    expect(nearestAlternatives(withFull, "19:30", 2).map((s) => s.time)).toEqual(["20:00", "20:30"]);
    expect(nearestAlternatives(day, "13:00", 2).map((s) => s.time)).toEqual(["12:30", "13:30"]);
  });

  it("offers nothing when nothing else is bookable", () => {
    expect(nearestAlternatives([slot("19:00"), slot("19:30", false)], "19:00")).toEqual([]);
  });
});
