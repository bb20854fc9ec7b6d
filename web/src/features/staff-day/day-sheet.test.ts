import { describe, expect, it } from "vitest";
import { coversText, groupDay, guestName, type SheetBooking, type SheetSlot } from "./day-sheet";

const slot = (time: string, booked = 0, capacity = 20, is_open = true): SheetSlot => ({
  time,
  capacity,
  booked,
  remaining: is_open ? capacity - booked : 0,
  is_open,
});

let made = 0;
const booking = (reference: string, time: string, party_size = 2, status = "confirmed"): SheetBooking => ({
  reference,
  time,
  party_size,
  status,
  created_at: `2026-12-06T10:00:${String((made += 1)).padStart(2, "0")}Z`,
  customer: { first_name: reference, surname: null },
});

describe("groupDay", () => {
  it("keeps stays out of the slots and the covers: a room by the night is not a table at noon", () => {
    const stay = { ...booking("S", "12:00", 2), kind: "stay" };
    const sheet = groupDay([slot("12:00", 3)], [booking("A", "12:00", 3), stay]);
    expect(sheet.groups[0]!.bookings.map((b) => b.reference)).toEqual(["A"]);
    expect(sheet.elsewhere).toEqual([]);
    expect(sheet.stays.map((b) => b.reference)).toEqual(["S"]);
    expect(sheet.totals).toEqual({ bookings: 1, covers: 3 });
  });

  it("puts each booking in its slot, slots in time order, empty slots kept", () => {
    const sheet = groupDay(
      [slot("19:00", 4), slot("12:00", 3), slot("12:30")],
      [booking("B", "19:00", 2), booking("A", "12:00", 3), booking("C", "19:00", 2)],
    );
    expect(sheet.groups.map((g) => [g.slot.time, g.bookings.map((b) => b.reference)])).toEqual([
      ["12:00", ["A"]],
      ["12:30", []],
      ["19:00", ["B", "C"]],
    ]);
    expect(sheet.totals).toEqual({ bookings: 3, covers: 7 });
  });

  it("keeps cancelled and expired bookings apart, out of the totals", () => {
    const sheet = groupDay(
      [slot("19:00", 2)],
      [booking("X", "19:00", 4, "cancelled"), booking("Y", "19:00", 2), booking("Z", "19:00", 1, "expired")],
    );
    expect(sheet.groups[0]!.bookings.map((b) => b.reference)).toEqual(["Y"]);
    expect(sheet.released.map((b) => b.reference)).toEqual(["X", "Z"]);
    expect(sheet.totals).toEqual({ bookings: 1, covers: 2 });
  });

  it("lists the ones still to come first, then arrived and no-shows, each in the order they were made", () => {
    const sheet = groupDay(
      [slot("19:00", 8)],
      [
        booking("done", "19:00", 2, "completed"),
        booking("first", "19:00"),
        booking("absent", "19:00", 2, "no_show"),
        booking("second", "19:00"),
      ],
    );
    expect(sheet.groups[0]!.bookings.map((b) => b.reference)).toEqual(["first", "second", "done", "absent"]);
  });

  it("shows a booking whose slot is gone under another heading rather than losing it", () => {
    const sheet = groupDay([slot("19:00")], [booking("late", "21:00"), booking("early", "11:00")]);
    expect(sheet.elsewhere.map((b) => b.reference)).toEqual(["early", "late"]);
    expect(sheet.totals.bookings).toBe(2);
  });
});

describe("coversText", () => {
  it("says what is booked and left, full, and closed", () => {
    expect(coversText(slot("19:00", 7))).toBe("7 of 20 covers booked, 13 left");
    expect(coversText(slot("19:00", 20))).toBe("Full: 20 of 20 covers booked");
    expect(coversText(slot("19:00", 3, 20, false))).toBe("Closed to new bookings, 3 covers booked");
    expect(coversText(slot("19:00", 0, 20, false))).toBe("Closed");
    expect(coversText(slot("19:00", 1, 1))).toBe("Full: 1 of 1 cover booked");
  });
});

describe("guestName", () => {
  it("names the guest, or says how they came when no name was given", () => {
    expect(guestName({ ...booking("R", "19:00"), customer: { first_name: "Ada", surname: "Lovelace" } })).toBe("Ada Lovelace");
    expect(guestName({ ...booking("R", "19:00"), customer: { first_name: "Ada", surname: null } })).toBe("Ada");
    expect(guestName({ ...booking("R", "19:00"), customer: null, channel: "walk_in" })).toBe("Walk-in (no name)");
    expect(guestName({ ...booking("R", "19:00"), customer: { first_name: null, surname: null }, channel: "phone" })).toBe(
      "No name given",
    );
  });
});
