import { describe, expect, it } from "vitest";
import { belowHeldText, capacityProblem, slotChange } from "./capacity-rules";

describe("capacityProblem", () => {
  it("takes a whole number of covers from 0 to 10000", () => {
    expect(capacityProblem("0", "19:00")).toBeUndefined();
    expect(capacityProblem(" 25 ", "19:00")).toBeUndefined();
    expect(capacityProblem("", "19:00")).toBe("Enter the capacity at 19:00, in covers");
    expect(capacityProblem("2.5", "19:00")).toBe("The capacity at 19:00 must be a whole number, like 20");
    expect(capacityProblem("-1", "19:00")).toBe("The capacity at 19:00 must be a whole number, like 20");
    expect(capacityProblem("10001", "19:00")).toBe("The capacity at 19:00 must be 10000 or fewer");
  });
});

describe("slotChange", () => {
  const slot = { capacity: 20, is_open: true };
  it("sends only what changes", () => {
    expect(slotChange(slot, { capacity: "20", open: true })).toEqual({});
    expect(slotChange(slot, { capacity: "2", open: true })).toEqual({ capacity: 2 });
    expect(slotChange(slot, { capacity: "20", open: false })).toEqual({ is_open: false });
  });
});

describe("belowHeldText", () => {
  it("says how many covers are booked when the API says", () => {
    expect(belowHeldText("19:00", { booked: 3, capacity: 2 })).toBe("The capacity at 19:00 cannot be below the 3 covers already booked");
    expect(belowHeldText("19:00", { booked: 1 })).toBe("The capacity at 19:00 cannot be below the 1 cover already booked");
    expect(belowHeldText("19:00", {})).toBe("The capacity at 19:00 cannot be below the covers already booked");
  });
});
