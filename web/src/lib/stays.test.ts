import { describe, expect, it } from "vitest";
import {
  guestsText,
  lineDetail,
  lineLabel,
  nightsBetween,
  nightsText,
  rateOf,
  roomTypeNameOf,
  stayDates,
  stayDateSpan,
  stayFacts,
  stayOf,
  totalOf,
} from "./stays";

const stay = {
  room_type: "double",
  room_type_name: "Double Room",
  rate_plan: "flexible",
  refundable: true,
  arrival: "2026-12-07",
  departure: "2026-12-10",
  nights: 3,
  guests: 2,
  lines: [],
  room: null,
  checked_in_at: null,
  checked_out_at: null,
};

describe("stayOf and totalOf", () => {
  it("find a stay's facts and total in a booking", () => {
    const booking = { kind: "stay", stay, total: { amount: "405.60", currency: "EUR" } };
    expect(stayOf(booking)).toBe(stay);
    expect(totalOf(booking)).toEqual({ amount: "405.60", currency: "EUR" });
  });

  it("find none in a table's booking, or in one the API sent without them", () => {
    expect(stayOf({ kind: "slot", stay: null, total: null })).toBeNull();
    expect(stayOf({ kind: "stay", stay: {} })).toBeNull();
    expect(totalOf({ kind: "slot", total: null })).toBeNull();
    expect(totalOf({ kind: "stay", total: {} })).toBeNull();
  });
});

describe("lineLabel", () => {
  const line = (kind: string, description: string, night: string | null = null) => ({ kind, description, night });

  it("writes a night's date out in words", () => {
    expect(lineLabel(line("night", "Night of 2026-12-07", "2026-12-07"))).toBe("Night of Monday 7 December 2026");
  });

  it("says guests in English, one or more, and times as a sign", () => {
    expect(lineLabel(line("city_tax", "City tax, 2 guest(s) x 3 nights"))).toBe("City tax, 2 guests × 3 nights");
    expect(lineLabel(line("city_tax", "City tax, 1 guest(s) x 7 nights"))).toBe("City tax, 1 guest × 7 nights");
    expect(lineLabel(line("extra_guests", "1 extra guest(s) x 3 nights"))).toBe("1 extra guest × 3 nights");
    expect(lineLabel(line("extra_guests", "2 extra guest(s) x 13 nights"))).toBe("2 extra guests × 13 nights");
  });

  it("keeps the other descriptions as they are", () => {
    expect(lineLabel(line("tax", "Tax 6%"))).toBe("Tax 6%");
    expect(lineLabel(line("discount", "10% off"))).toBe("10% off");
    expect(lineLabel(line("charge", "Minibar: Douro red"))).toBe("Minibar: Douro red");
  });
});

describe("lineDetail", () => {
  const amount = { amount: "36.00", currency: "EUR" };
  it("shows the quantity and unit price of a line of more than one", () => {
    expect(lineDetail({ quantity: 2, unit_amount: "18.00", amount })).toBe("2 × €18.00");
    expect(lineDetail({ quantity: 6, unit_amount: "4.00", amount })).toBe("6 × €4.00");
  });

  it("shows nothing for a line of one", () => {
    expect(lineDetail({ quantity: 1, unit_amount: "120.00", amount })).toBeNull();
  });
});

describe("nights and dates", () => {
  it("counts the nights between two dates, across a month, a year and a clock change", () => {
    expect(nightsBetween("2026-12-07", "2026-12-10")).toBe(3);
    expect(nightsBetween("2026-12-30", "2027-01-02")).toBe(3);
    expect(nightsBetween("2027-03-27", "2027-03-29")).toBe(2);
    expect(nightsBetween("2026-12-07", "2026-12-07")).toBe(0);
  });

  it("says nights, guests and the dates in words", () => {
    expect(nightsText(1)).toBe("1 night");
    expect(nightsText(3)).toBe("3 nights");
    expect(guestsText(1)).toBe("1 guest");
    expect(guestsText(4)).toBe("4 guests");
    expect(stayDates({ arrival: "2026-12-07", departure: "2026-12-10" })).toBe(
      "Monday 7 December 2026 to Thursday 10 December 2026",
    );
  });
});

describe("a stay in a list", () => {
  it("says its dates with the month and year once when they are the same", () => {
    expect(stayDateSpan({ arrival: "2026-12-07", departure: "2026-12-10" })).toBe("Monday 7 to Thursday 10 December 2026");
    expect(stayDateSpan({ arrival: "2026-11-30", departure: "2026-12-03" })).toBe("Monday 30 November to Thursday 3 December 2026");
    expect(stayDateSpan({ arrival: "2026-12-30", departure: "2027-01-02" })).toBe(
      "Wednesday 30 December 2026 to Saturday 2 January 2027",
    );
  });

  it("says its room type by name, nights and guests", () => {
    expect(stayFacts(stay)).toBe("Double Room · 3 nights · 2 guests");
    expect(stayFacts({ ...stay, nights: 1, guests: 1 })).toBe("Double Room · 1 night · 1 guest");
  });

  it("words the room type's code when the booking carries no name", () => {
    expect(roomTypeNameOf({ room_type: "family_suite", room_type_name: null })).toBe("Family suite");
    expect(roomTypeNameOf({ room_type: "twin", room_type_name: "Twin Room" })).toBe("Twin Room");
  });
});

describe("rateOf", () => {
  it("names the rate plan as it was sold, and says whether it refunds as a note", () => {
    expect(rateOf({ rate_plan: "flexible", rate_plan_name: "Flexible", refundable: true })).toEqual({ name: "Flexible", note: "Refundable" });
    expect(rateOf({ rate_plan: "early", rate_plan_name: "Book early, save 15%", refundable: false })).toEqual({
      name: "Book early, save 15%",
      note: "Non-refundable",
    });
  });

  it("does not say twice what the name says already", () => {
    expect(rateOf({ rate_plan: "non-refundable", rate_plan_name: "Non-refundable", refundable: false })).toEqual({
      name: "Non-refundable",
      note: null,
    });
  });

  it("words the plan's code for a booking that carries no name", () => {
    expect(rateOf({ rate_plan: "bed_and_breakfast", rate_plan_name: null, refundable: true })).toEqual({
      name: "Bed and breakfast",
      note: "Refundable",
    });
    expect(rateOf({ rate_plan: "flexible", refundable: true }).name).toBe("Flexible");
  });
});
