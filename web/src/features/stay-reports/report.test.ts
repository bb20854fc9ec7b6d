import { describe, expect, it } from "vitest";
import {
  byKindOrder,
  kindLabel,
  monthOf,
  nightLabel,
  percentText,
  presets,
  rangeProblems,
  rangeRefusal,
  readRange,
  reportQuery,
  soldText,
  weekOf,
} from "./report";

describe("the range", () => {
  it("is this week, Monday to Sunday, when the address names none", () => {
    expect(readRange(new URLSearchParams(), "2026-12-09")).toEqual({ from: "2026-12-07", to: "2026-12-13" });
    expect(weekOf("2026-12-07")).toEqual({ from: "2026-12-07", to: "2026-12-13" });
    expect(weekOf("2026-12-13")).toEqual({ from: "2026-12-07", to: "2026-12-13" });
    expect(weekOf("2027-01-01")).toEqual({ from: "2026-12-28", to: "2027-01-03" });
  });

  it("is the address's as typed, even half typed, so the form shows it back", () => {
    expect(readRange(new URLSearchParams("from=2026-12-01&to=2026-11-30"), "2026-12-09")).toEqual({ from: "2026-12-01", to: "2026-11-30" });
    expect(readRange(new URLSearchParams("from=2026-12-01"), "2026-12-09")).toEqual({ from: "2026-12-01", to: "" });
  });

  it("offers this, last and next week and this month", () => {
    expect(presets("2026-12-09")).toEqual([
      { label: "This week", range: { from: "2026-12-07", to: "2026-12-13" } },
      { label: "Last week", range: { from: "2026-11-30", to: "2026-12-06" } },
      { label: "Next week", range: { from: "2026-12-14", to: "2026-12-20" } },
      { label: "This month", range: { from: "2026-12-01", to: "2026-12-31" } },
    ]);
    expect(monthOf("2028-02-10")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(monthOf("2027-02-28")).toEqual({ from: "2027-02-01", to: "2027-02-28" });
  });

  it("asks the API for the night after the last, its `to` being exclusive", () => {
    expect(reportQuery({ from: "2026-12-07", to: "2026-12-13" })).toEqual({ from: "2026-12-07", to: "2026-12-14" });
    expect(reportQuery({ from: "2026-12-31", to: "2026-12-31" })).toEqual({ from: "2026-12-31", to: "2027-01-01" });
  });

  it("needs a whole date for each night before asking", () => {
    expect(rangeProblems({ from: "2026-12-07", to: "2026-12-13" })).toEqual({});
    expect(rangeProblems({ from: "", to: "13/12/2026" })).toEqual({
      from: "Enter the first night as a date, like 7 December 2026",
      to: "Enter the last night as a date, like 7 December 2026",
    });
  });
});

describe("rangeRefusal", () => {
  it("says the API's refusals of a range beside the field they are about", () => {
    expect(rangeRefusal({ to: "Must be after from." })).toEqual({ to: "The last night must be the same as or after the first night" });
    expect(rangeRefusal({ to: "A report covers at most 92 nights." })).toEqual({
      to: "A report covers at most 92 nights: choose a last night closer to the first",
    });
  });

  it("says a date out of the API's bounds as the night's (the API's `to` is the night after the last)", () => {
    expect(rangeRefusal({ from: "Give a date from 2000-01-01 to 2031-12-10." })).toEqual({
      from: "Choose a first night from Saturday 1 January 2000 to Wednesday 10 December 2031",
    });
    expect(rangeRefusal({ to: "Give a date from 2000-01-01 to 2031-12-10." })).toEqual({
      to: "Choose a last night from Saturday 1 January 2000 to Tuesday 9 December 2031",
    });
  });

  it("asks for a date for anything else, and ignores fields that are not the range's", () => {
    expect(rangeRefusal({ from: "Not a valid date.", venue: "Unknown." })).toEqual({
      from: "Enter the first night as a date, like 7 December 2026",
    });
  });
});

describe("figures in words", () => {
  it("shows the API's percentage as sent", () => {
    expect(percentText("42.86")).toBe("42.86%");
    expect(percentText("0.00")).toBe("0.00%");
    expect(percentText("100.00")).toBe("100.00%");
  });

  it("counts room nights sold of those available", () => {
    expect(soldText({ sold: 18, available: 42 })).toBe("18 of 42 room nights sold");
    expect(soldText({ sold: 0, available: 1 })).toBe("0 of 1 room night sold");
  });

  it("names a night without its year", () => {
    expect(nightLabel("2026-12-07")).toBe("Monday 7 December");
  });

  it("names each kind of revenue, in a folio's order, unknown kinds in words and last", () => {
    const kinds = ["tax", "charge", "spa_visit", "night", "city_tax", "discount", "extra_guests"].map((kind) => ({ kind }));
    expect(byKindOrder(kinds).map((each) => kindLabel(each.kind))).toEqual([
      "Room nights",
      "Extra guests",
      "Discounts",
      "Tax on rooms",
      "City tax",
      "Charges posted (minibar, dining, extras)",
      "Spa visit",
    ]);
  });
});
