import { describe, expect, it } from "vitest";
import {
  arrivalDates,
  departureDates,
  firstSearch,
  followArrival,
  readStaySearch,
  roomsLeft,
  searchParams,
  shortDate,
  stayProblems,
} from "./stay-rules";

const lisbon = { timezone: "Europe/Lisbon", horizon_days: 365, max_stay_nights: 30, max_party_size: 4 };
const now = new Date("2026-12-07T10:00:00Z");

describe("arrivalDates and departureDates", () => {
  it("run from the hotel's today to its horizon, and from the next day to the longest stay", () => {
    expect(arrivalDates(lisbon, now)).toEqual({ first: "2026-12-07", last: "2027-12-07" });
    expect(departureDates("2026-12-07", lisbon)).toEqual({ first: "2026-12-08", last: "2027-01-06" });
  });

  it("count the hotel's days, not the browser's or UTC's", () => {
    // 23:30 UTC on 30 June is already 1 July in Lisbon (WEST); 06:00 UTC on 7 December is still 6 December in Los Angeles.
    expect(arrivalDates(lisbon, new Date("2026-06-30T23:30:00Z")).first).toBe("2026-07-01");
    expect(arrivalDates({ ...lisbon, timezone: "America/Los_Angeles" }, new Date("2026-12-07T06:00:00Z")).first).toBe("2026-12-06");
  });
});

describe("firstSearch", () => {
  it("starts at tonight, one night, two guests", () => {
    expect(firstSearch(lisbon, now)).toEqual({ arrival: "2026-12-07", departure: "2026-12-08", guests: 2 });
    expect(firstSearch({ ...lisbon, max_party_size: 1 }, now).guests).toBe(1);
  });
});

describe("stayProblems", () => {
  const search = { arrival: "2026-12-07", departure: "2026-12-10", guests: 2 };

  it("takes a stay within the rules", () => {
    expect(stayProblems(search, lisbon, now)).toEqual({});
    expect(stayProblems({ arrival: "2027-12-07", departure: "2028-01-06", guests: 4 }, lisbon, now)).toEqual({});
  });

  it("asks for whole dates", () => {
    expect(stayProblems({ ...search, arrival: "", departure: "" }, lisbon, now)).toEqual({
      arrival: "Enter an arrival date, like 9 December",
      departure: "Enter a departure date, like 12 December",
    });
  });

  it("refuses an arrival in the past or beyond the horizon, saying the dates on sale", () => {
    const range = "Choose an arrival from Monday 7 December 2026 to Tuesday 7 December 2027";
    expect(stayProblems({ ...search, arrival: "2026-12-06" }, lisbon, now).arrival).toBe(range);
    expect(stayProblems({ arrival: "2027-12-08", departure: "2027-12-09", guests: 2 }, lisbon, now).arrival).toBe(range);
  });

  it("refuses a departure on or before the arrival, or beyond the longest stay", () => {
    expect(stayProblems({ ...search, departure: "2026-12-07" }, lisbon, now).departure).toBe("Choose a departure after the arrival");
    expect(stayProblems({ ...search, departure: "2026-12-01" }, lisbon, now).departure).toBe("Choose a departure after the arrival");
    expect(stayProblems({ ...search, departure: "2027-01-07" }, lisbon, now).departure).toBe(
      "A stay here is at most 30 nights: choose a departure on or before Wednesday 6 January 2027",
    );
  });

  it("refuses more guests than a room takes", () => {
    expect(stayProblems({ ...search, guests: 5 }, lisbon, now).guests).toBe("Choose from 1 to 4 guests");
    expect(stayProblems({ ...search, guests: 0 }, lisbon, now).guests).toBe("Choose from 1 to 4 guests");
    expect(stayProblems({ ...search, guests: Number.NaN }, lisbon, now).guests).toBe("Choose from 1 to 4 guests");
  });
});

describe("followArrival", () => {
  const search = { arrival: "2026-12-07", departure: "2026-12-10", guests: 2 };

  it("moves the departure to the next day when the arrival reaches it", () => {
    expect(followArrival(search, "2026-12-10")).toEqual({ ...search, arrival: "2026-12-10", departure: "2026-12-11" });
    expect(followArrival(search, "2026-12-20")).toEqual({ ...search, arrival: "2026-12-20", departure: "2026-12-21" });
  });

  it("leaves the departure alone while it is after the arrival, or while a date is being typed", () => {
    expect(followArrival(search, "2026-12-08")).toEqual({ ...search, arrival: "2026-12-08" });
    expect(followArrival(search, "0002-12-08")).toEqual({ ...search, arrival: "0002-12-08" });
    expect(followArrival(search, "")).toEqual({ ...search, arrival: "" });
  });
});

describe("the search in the address", () => {
  it("is read back as it was written", () => {
    const search = { arrival: "2026-12-07", departure: "2026-12-10", guests: 3 };
    expect(readStaySearch(new URLSearchParams(searchParams(search)))).toEqual(search);
  });

  it("is none until all three are given", () => {
    expect(readStaySearch(new URLSearchParams("arrival=2026-12-07&departure=2026-12-10"))).toBeNull();
    expect(readStaySearch(new URLSearchParams(""))).toBeNull();
  });
});

describe("roomsLeft and shortDate", () => {
  it("say what is left, and a night briefly", () => {
    expect(roomsLeft(0)).toBe("Sold out for these dates");
    expect(roomsLeft(1)).toBe("1 room left");
    expect(roomsLeft(6)).toBe("6 rooms left");
    expect(shortDate("2026-12-07")).toBe("Mon 7 Dec");
  });
});
