import { describe, expect, it } from "vitest";
import { filterProblems, readFilters, statusesFor, toListQuery, writeFilters, type BookingFilters } from "./filters";

const TODAY = "2026-12-06";
const filters = (overrides: Partial<BookingFilters> = {}): BookingFilters => ({
  from: TODAY,
  to: "",
  status: "",
  q: "",
  order: "asc",
  perPage: 25,
  ...overrides,
});

describe("readFilters", () => {
  it("starts from today, soonest first, 25 a page, when the address has none", () => {
    expect(readFilters(new URLSearchParams(), TODAY)).toEqual(filters());
  });

  it("reads every filter; an empty `from` means any date", () => {
    const params = new URLSearchParams("from=&to=2026-12-31&status=cancelled&q=ada%20lovelace&order=desc&per=10");
    expect(readFilters(params, TODAY)).toEqual(
      filters({ from: "", to: "2026-12-31", status: "cancelled", q: "ada lovelace", order: "desc", perPage: 10 }),
    );
  });

  it("reads a stay's status too", () => {
    expect(readFilters(new URLSearchParams("status=checked_in"), TODAY)).toEqual(filters({ status: "checked_in" }));
  });

  it("ignores what the list does not offer", () => {
    const params = new URLSearchParams("status=lost&order=sideways&per=7");
    expect(readFilters(params, TODAY)).toEqual(filters());
  });
});

describe("writeFilters", () => {
  it("writes what differs from the defaults, `from` always, the search's words tidied", () => {
    expect(writeFilters(filters())).toEqual({ from: TODAY });
    expect(writeFilters(filters({ from: "", q: "  ada   lovelace ", order: "desc", perPage: 50, status: "confirmed" }))).toEqual({
      from: "",
      q: "ada lovelace",
      order: "desc",
      per: "50",
      status: "confirmed",
    });
  });

  it("round-trips through the address", () => {
    const chosen = filters({ from: "2026-12-01", to: "2026-12-08", status: "no_show", q: "EKL6NJ4", order: "desc", perPage: 100 });
    expect(readFilters(new URLSearchParams(writeFilters(chosen)), TODAY)).toEqual(chosen);
  });
});

describe("filterProblems", () => {
  it("accepts up to five words and a range in order", () => {
    expect(filterProblems(filters({ q: "one two three four five", to: TODAY }))).toEqual({});
  });

  it("refuses six words, as the API does", () => {
    expect(filterProblems(filters({ q: "one two three four five six" }))).toEqual({ q: "Search with at most 5 words" });
  });

  it("refuses a search longer than the API takes", () => {
    expect(filterProblems(filters({ q: "x".repeat(101) }))).toEqual({ q: "Search with 100 characters or fewer" });
  });

  it("refuses a last date before the first", () => {
    expect(filterProblems(filters({ from: "2026-12-08", to: "2026-12-07" }))).toEqual({
      to: "The last date must be the same as or after the first date",
    });
  });
});

describe("toListQuery", () => {
  it("sends only the filters set, the search's words joined by single spaces", () => {
    expect(toListQuery("TheHungryUnicorn", filters({ q: " ada  lovelace " }))).toEqual({
      venue: "TheHungryUnicorn",
      from: TODAY,
      to: undefined,
      status: undefined,
      q: "ada lovelace",
      order: "asc",
      limit: 25,
      cursor: undefined,
    });
  });

  it("follows the cursor of the page before", () => {
    const query = toListQuery("v", filters({ from: "", status: "cancelled", order: "desc", perPage: 10 }), "abc");
    expect(query).toMatchObject({ from: undefined, status: "cancelled", order: "desc", limit: 10, cursor: "abc" });
  });
});

describe("statusesFor", () => {
  it("offers a hotel its guests in house, and a restaurant no such status", () => {
    expect(statusesFor("stay")).toContain("checked_in");
    expect(statusesFor("slot")).not.toContain("checked_in");
    expect(statusesFor("slot")).toContain("completed");
  });
});
