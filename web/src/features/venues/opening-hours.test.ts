import { describe, expect, it } from "vitest";
import { datedHours, weeklyHours, type OpeningRule } from "./opening-hours";

const rule = (weekday: string | null, first_start: string, last_start: string, date: string | null = null): OpeningRule => ({
  weekday,
  date,
  first_start,
  last_start,
});

describe("weeklyHours", () => {
  it("lists every weekday from Monday, its periods in time order, closed days empty", () => {
    const hours = weeklyHours([rule("monday", "19:00", "20:30"), rule("monday", "12:00", "13:30"), rule("sunday", "12:00", "12:00")]);
    expect(hours.map((d) => d.day)).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
    expect(hours[0]).toEqual({ day: "Monday", periods: ["12:00–13:30", "19:00–20:30"] });
    expect(hours[1]).toEqual({ day: "Tuesday", periods: [] });
    expect(hours[6]).toEqual({ day: "Sunday", periods: ["12:00"] });
  });

  it("leaves dated rules out of the week", () => {
    expect(weeklyHours([rule("friday", "18:00", "22:00", "2026-12-25")])[4]!.periods).toEqual([]);
  });
});

describe("datedHours", () => {
  it("lists special dates from today on, in date order", () => {
    const rules = [rule(null, "18:00", "22:00", "2026-12-31"), rule(null, "12:00", "14:00", "2026-12-24"), rule(null, "12:00", "13:00", "2026-12-01")];
    expect(datedHours(rules, "2026-12-06")).toEqual([
      { date: "2026-12-24", periods: ["12:00–14:00"] },
      { date: "2026-12-31", periods: ["18:00–22:00"] },
    ]);
  });
});
