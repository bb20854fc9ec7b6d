import { describe, expect, it } from "vitest";
import {
  appointmentChange,
  appointmentDates,
  dateProblem,
  namesOr,
  nearestTimes,
  partsOfDay,
  performersOf,
  placesLeftText,
  readStaff,
  serviceFacts,
  staffParam,
  withoutTaken,
} from "./appointment-rules";

const slot = (time: string, staff = [1, 2], places_left: number | null = null) => ({
  time,
  starts_at: `2026-12-08T${time}:00Z`,
  ends_at: `2026-12-08T${time}:00Z`,
  staff,
  places_left,
});

describe("appointmentDates", () => {
  const clinic = { timezone: "Europe/Berlin", min_notice_minutes: 60, horizon_days: 60 };

  it("runs from the clinic's today to its horizon, in its zone", () => {
    // 08:00 UTC is 09:00 in Berlin: an hour's notice still leaves today.
    expect(appointmentDates(clinic, new Date("2026-12-07T08:00:00Z"))).toEqual({ first: "2026-12-07", last: "2027-02-05" });
  });

  it("starts tomorrow when the notice runs past the clinic's midnight", () => {
    // 22:30 UTC is 23:30 in Berlin: an hour later is tomorrow there.
    expect(appointmentDates(clinic, new Date("2026-12-07T22:30:00Z")).first).toBe("2026-12-08");
  });

  it("counts the days in the clinic's zone, not the browser's", () => {
    // 23:30 UTC on the 7th is already the 8th in Berlin.
    expect(appointmentDates({ ...clinic, min_notice_minutes: 0 }, new Date("2026-12-07T23:30:00Z"))).toEqual({
      first: "2026-12-08",
      last: "2027-02-06",
    });
  });
});

describe("dateProblem", () => {
  const range = { first: "2026-12-07", last: "2027-02-05" };
  it("asks for a whole date within the range", () => {
    expect(dateProblem("", range)).toBe("Enter a date, like 9 December");
    expect(dateProblem("2026-12-06", range)).toBe("Choose a date from Monday 7 December 2026 to Friday 5 February 2027");
    expect(dateProblem("2027-02-06", range)).toMatch(/^Choose a date from/);
    expect(dateProblem("2026-12-07", range)).toBeUndefined();
  });
});

describe("serviceFacts", () => {
  it("says the length and the price, the price as the API sends it", () => {
    expect(serviceFacts({ duration_minutes: 20, price: { amount: "60.00", currency: "EUR" } })).toBe("20 minutes · €60.00");
    expect(serviceFacts({ duration_minutes: 90, price: null })).toBe("1 hour 30 minutes");
  });
});

describe("namesOr", () => {
  it("joins names as English does", () => {
    expect(namesOr([])).toBe("");
    expect(namesOr(["Dr Hanna Weber"])).toBe("Dr Hanna Weber");
    expect(namesOr(["Dr Hanna Weber", "Dr Jonas Richter"])).toBe("Dr Hanna Weber or Dr Jonas Richter");
    expect(namesOr(["Mia", "Lukas", "Anna"])).toBe("Mia, Lukas or Anna");
  });
});

describe("performersOf", () => {
  it("keeps the service's staff in its order, with what the staff list says of each", () => {
    const service = { staff: [{ id: 2, name: "Dr Jonas Richter" }, { id: 1, name: "Dr Hanna Weber" }] };
    const staff = [
      { id: 1, name: "Dr Hanna Weber", description: "General practitioner", services: ["consultation"] },
      { id: 3, name: "Mia Schulz", description: "Physiotherapist", services: ["physiotherapy"] },
    ];
    expect(performersOf(service, staff)).toEqual([
      { id: 2, name: "Dr Jonas Richter", description: null },
      { id: 1, name: "Dr Hanna Weber", description: "General practitioner" },
    ]);
    expect(performersOf(service).map((member) => member.name)).toEqual(["Dr Jonas Richter", "Dr Hanna Weber"]);
  });
});

describe("the staff member in the address", () => {
  it("is an id, or anyone", () => {
    expect(readStaff("12")).toBe(12);
    expect(readStaff("any")).toBeNull();
    expect(readStaff(null)).toBeNull();
    expect(readStaff("12; drop")).toBeNull();
    expect(staffParam(null)).toBe("any");
    expect(staffParam(12)).toBe("12");
  });
});

describe("partsOfDay", () => {
  it("puts each time under morning, afternoon or evening, leaving out a part with none", () => {
    const parts = partsOfDay([slot("08:00"), slot("11:45"), slot("12:00"), slot("16:45"), slot("17:00")]);
    expect(parts.map((part) => [part.name, part.slots.map((s) => s.time)])).toEqual([
      ["Morning", ["08:00", "11:45"]],
      ["Afternoon", ["12:00", "16:45"]],
      ["Evening", ["17:00"]],
    ]);
    expect(partsOfDay([slot("13:00")]).map((part) => part.name)).toEqual(["Afternoon"]);
    expect(partsOfDay([])).toEqual([]);
  });
});

describe("nearestTimes", () => {
  it("offers the nearest other times, the earlier on a tie, in time order", () => {
    const slots = ["09:00", "09:15", "09:45", "10:00", "11:00"].map((time) => slot(time));
    expect(nearestTimes(slots, "09:30").map((s) => s.time)).toEqual(["09:00", "09:15", "09:45"]);
    expect(nearestTimes(slots, "09:45", 2).map((s) => s.time)).toEqual(["09:15", "10:00"]);
  });
});

describe("withoutTaken", () => {
  const slots = [slot("09:00"), slot("09:15")];
  it("leaves out a time just refused, on its day, for anyone or the member refused", () => {
    const taken = { date: "2026-12-08", time: "09:00", staff: 2 };
    expect(withoutTaken(slots, taken, { date: "2026-12-08", staff: 2 }).map((s) => s.time)).toEqual(["09:15"]);
    expect(withoutTaken(slots, { ...taken, staff: null }, { date: "2026-12-08", staff: 1 }).map((s) => s.time)).toEqual(["09:15"]);
  });

  it("keeps it on another day, or for another member", () => {
    const taken = { date: "2026-12-08", time: "09:00", staff: 2 };
    expect(withoutTaken(slots, taken, { date: "2026-12-09", staff: 2 })).toHaveLength(2);
    expect(withoutTaken(slots, taken, { date: "2026-12-08", staff: 1 })).toHaveLength(2);
    expect(withoutTaken(slots, null, { date: "2026-12-08", staff: 1 })).toHaveLength(2);
  });
});

describe("appointmentChange", () => {
  const booked = { date: "2026-12-08", time: "10:00", staff: 1 };
  it("sends only what changes", () => {
    expect(appointmentChange(booked, { date: "2026-12-08", time: "10:00", staff: 1 })).toEqual({});
    expect(appointmentChange(booked, { date: "2026-12-09", time: "10:00", staff: 1 })).toEqual({ date: "2026-12-09" });
    expect(appointmentChange(booked, { date: "2026-12-08", time: "11:15", staff: 2 })).toEqual({ time: "11:15", staff: 2 });
  });

  it("sends null for anyone who performs the service", () => {
    expect(appointmentChange(booked, { date: "2026-12-08", time: "11:00", staff: null })).toEqual({ time: "11:00", staff: null });
  });
});

describe("a class's times", () => {
  it("says the places left, and full", () => {
    expect(placesLeftText(slot("10:00", [1], 4))).toBe("4 places left");
    expect(placesLeftText(slot("10:00", [1], 1))).toBe("1 place left");
    expect(placesLeftText(slot("10:00", [], 0))).toBe("Full");
    expect(placesLeftText(slot("10:00"))).toBeNull(); // one person's appointment
  });

  it("never offers a full class as one of the nearest times", () => {
    const slots = [slot("09:00", [], 0), slot("10:00", [1], 2), slot("11:00", [], 0), slot("12:00", [1], 6)];
    expect(nearestTimes(slots, "10:00").map((each) => each.time)).toEqual(["12:00"]);
  });

  it("prices a class by the place and says how many it takes", () => {
    const pilates = { duration_minutes: 50, price: { amount: "22.00", currency: "EUR" }, capacity: 6 };
    expect(serviceFacts(pilates)).toBe("50 minutes · €22.00 a place · up to 6 people");
    expect(serviceFacts({ ...pilates, capacity: 1 })).toBe("50 minutes · €22.00");
  });
});
