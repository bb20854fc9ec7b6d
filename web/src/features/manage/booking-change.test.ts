import { describe, expect, it } from "vitest";
import { bookingChange, stayChange } from "./booking-change";
import { findProblems } from "./components/FindBookingForm";

const booking = { date: "2026-12-09", time: "19:00", party_size: 2 };

describe("bookingChange", () => {
  it("sends only the fields that change", () => {
    expect(bookingChange(booking, { date: "2026-12-09", time: "19:30", partySize: 2 })).toEqual({ time: "19:30" });
    expect(bookingChange(booking, { date: "2026-12-10", time: "19:00", partySize: 2 })).toEqual({ date: "2026-12-10" });
    expect(bookingChange(booking, { date: "2026-12-09", time: "19:00", partySize: 4 })).toEqual({ party_size: 4 });
    expect(bookingChange(booking, { date: "2026-12-10", time: "12:00", partySize: 3 })).toEqual({
      date: "2026-12-10",
      time: "12:00",
      party_size: 3,
    });
  });

  it("is empty when nothing changes", () => {
    expect(bookingChange(booking, { date: "2026-12-09", time: "19:00", partySize: 2 })).toEqual({});
  });
});

describe("findProblems", () => {
  it("asks for both the reference and the e-mail", () => {
    expect(findProblems({ reference: " ", email: "" })).toEqual({
      reference: "Enter your booking reference",
      email: "Enter the e-mail address you booked with",
    });
    expect(findProblems({ reference: "EKL6NJ4", email: "ada@example.com" })).toEqual({});
    expect(findProblems({ reference: "EKL-6NJ4", email: "ada" })).toEqual({
      reference: "Enter the reference from your confirmation, like EKL6NJ4",
      email: "Enter an e-mail address in the correct format, like name@example.com",
    });
  });
});

describe("stayChange", () => {
  const stay = { arrival: "2026-12-07", departure: "2026-12-10", guests: 2 };

  it("sends only the dates or guests that change", () => {
    expect(stayChange(stay, { ...stay, departure: "2026-12-11" })).toEqual({ departure: "2026-12-11" });
    expect(stayChange(stay, { arrival: "2026-12-08", departure: "2026-12-11", guests: 2 })).toEqual({
      arrival: "2026-12-08",
      departure: "2026-12-11",
    });
    expect(stayChange(stay, { ...stay, guests: 1 })).toEqual({ guests: 1 });
  });

  it("is empty when nothing changes", () => {
    expect(stayChange(stay, { ...stay })).toEqual({});
  });
});
