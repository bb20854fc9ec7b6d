import { describe, expect, it } from "vitest";
import { rangeOf, reservationFacts, reservationOf, reservationText } from "./reservations";

const printer = { id: 2, name: "3D printer A" };
const booking = (occurrences: { start: string; end: string }[]) => ({ kind: "reservation", reservation: { resource: printer, occurrences } });

describe("a reservation in words", () => {
  it("is read off a booking or an event's snapshot, and only off a reservation", () => {
    expect(reservationOf(booking([{ start: "2026-12-15T10:00", end: "2026-12-15T12:00" }]))).toEqual({
      resource: printer,
      occurrences: [{ start: "2026-12-15T10:00", end: "2026-12-15T12:00" }],
      conflicts: [],
    });
    expect(reservationOf({ kind: "slot", reservation: {} })).toBeNull();
    expect(reservationOf({ kind: "reservation", reservation: null })).toBeNull();
    expect(reservationOf({ kind: "appointment", reservation: booking([]).reservation })).toBeNull();
  });

  it("says its range on the venue's clock, naming the day a range past midnight ends", () => {
    expect(rangeOf({ start: "2026-12-15T10:00", end: "2026-12-15T12:00" })).toBe("10:00 to 12:00");
    expect(rangeOf({ start: "2026-12-15T22:00", end: "2026-12-16T02:00" })).toBe("22:00 to Wednesday 16 December 2026, 02:00");
  });

  it("lists one as its resource and range, a series with how many dates and the last", () => {
    const once = reservationOf(booking([{ start: "2026-12-15T10:00", end: "2026-12-15T12:00" }]))!;
    expect(reservationFacts(once)).toBe("3D printer A · 10:00 to 12:00");
    const weekly = reservationOf(
      booking(["2026-12-15", "2026-12-22", "2026-12-29"].map((date) => ({ start: `${date}T10:00`, end: `${date}T12:00` }))),
    )!;
    expect(reservationFacts(weekly)).toBe("3D printer A · 10:00 to 12:00 · 3 dates, the last on Tuesday 29 December 2026");
    expect(reservationText(weekly)).toBe(
      "3D printer A from 10:00 to 12:00 on Tuesday 15 December 2026 and 2 more dates to Tuesday 29 December 2026",
    );
    expect(reservationText(once)).toBe("3D printer A from 10:00 to 12:00 on Tuesday 15 December 2026");
  });
});
