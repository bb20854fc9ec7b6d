import { describe, expect, it } from "vitest";
import { EMPTY_GUEST, guestProblems, placeGuestErrors, toStaffAppointmentRequest, toStaffBookingRequest } from "./guest";
import { staffSlotOptions, visitChange } from "./visit";

describe("toStaffBookingRequest", () => {
  const visit = { date: "2026-12-08", time: "19:00", partySize: 2 };

  it("a walk-in with just a first name sends just that", () => {
    expect(toStaffBookingRequest("TheHungryUnicorn", visit, "walk_in", { ...EMPTY_GUEST, firstName: " Ada " })).toEqual({
      venue: "TheHungryUnicorn",
      date: "2026-12-08",
      time: "19:00",
      party_size: 2,
      channel: "walk_in",
      customer: { first_name: "Ada" },
    });
  });

  it("a phone booking with everything sends everything, trimmed", () => {
    const guest = { firstName: "Ada", surname: "Lovelace", email: " ada@example.com", mobile: "07700 900123 ", requests: "Window " };
    expect(toStaffBookingRequest("v", visit, "phone", guest)).toMatchObject({
      channel: "phone",
      customer: { first_name: "Ada", surname: "Lovelace", email: "ada@example.com", mobile: "07700 900123" },
      special_requests: "Window",
    });
  });

  it("no details at all is an empty customer", () => {
    expect(toStaffBookingRequest("v", visit, "walk_in", EMPTY_GUEST).customer).toEqual({});
  });
});

describe("toStaffAppointmentRequest", () => {
  const appointment = { service: "physiotherapy", date: "2026-12-08", time: "09:15", staff: 4 };

  it("books the service with the member chosen, and what is given of the customer", () => {
    const guest = { ...EMPTY_GUEST, firstName: "Paul", surname: " Neumann", mobile: "0151 23456789", requests: " Knee " };
    expect(toStaffAppointmentRequest("TheMeadowClinic", appointment, "phone", guest)).toEqual({
      kind: "appointment",
      venue: "TheMeadowClinic",
      service: "physiotherapy",
      date: "2026-12-08",
      time: "09:15",
      staff: 4,
      channel: "phone",
      customer: { first_name: "Paul", surname: "Neumann", mobile: "0151 23456789" },
      special_requests: "Knee",
    });
  });

  it("anyone available is staff null, and no table's party", () => {
    const request = toStaffAppointmentRequest("v", { ...appointment, staff: null }, "walk_in", EMPTY_GUEST);
    expect(request.staff).toBeNull();
    expect(request).not.toHaveProperty("party_size");
    expect(request.customer).toEqual({});
  });
});

describe("guestProblems", () => {
  it("takes empty fields, refuses a malformed e-mail or number", () => {
    expect(guestProblems(EMPTY_GUEST)).toEqual({});
    expect(Object.keys(guestProblems({ ...EMPTY_GUEST, email: "ada@example", mobile: "12" }))).toEqual(["email", "mobile"]);
    expect(guestProblems({ ...EMPTY_GUEST, email: "ada@example.com", mobile: "+44 7700 900123" })).toEqual({});
  });
});

describe("placeGuestErrors", () => {
  it("puts the API's field paths beside the form's fields", () => {
    const placed = placeGuestErrors({ "customer.email": "Not a valid email address.", party_size: "too big" });
    expect(Object.keys(placed.byField)).toEqual(["email"]);
    expect(placed.unplaced).toEqual(["party_size"]);
  });
});

describe("staffSlotOptions", () => {
  const slots = [
    { time: "19:00", remaining: 2, is_open: true },
    { time: "19:30", remaining: 10, is_open: false },
    { time: "20:00", remaining: 0, is_open: true },
  ];

  it("offers open slots with room for the party", () => {
    expect(staffSlotOptions(slots, "2026-12-08", 3)).toEqual([
      { time: "19:00", remaining: 2, bookable: false },
      { time: "19:30", remaining: 10, bookable: false },
      { time: "20:00", remaining: 0, bookable: false },
    ]);
    expect(staffSlotOptions(slots, "2026-12-08", 2)[0]).toEqual({ time: "19:00", remaining: 2, bookable: true });
  });

  it("counts a moved booking's own covers as free in its own slot, on its own day only", () => {
    const current = { date: "2026-12-08", time: "20:00", partySize: 4 };
    expect(staffSlotOptions(slots, "2026-12-08", 4, current)[2]).toEqual({ time: "20:00", remaining: 4, bookable: true });
    expect(staffSlotOptions(slots, "2026-12-09", 4, current)[2]).toEqual({ time: "20:00", remaining: 0, bookable: false });
  });
});

describe("visitChange", () => {
  const current = { date: "2026-12-08", time: "19:00", partySize: 2 };
  it("sends only what changes", () => {
    expect(visitChange(current, { date: "2026-12-08", time: "19:00", partySize: 2 })).toEqual({});
    expect(visitChange(current, { date: "2026-12-08", time: "20:00", partySize: 4 })).toEqual({ time: "20:00", party_size: 4 });
    expect(visitChange(current, { date: "2026-12-09", time: "19:00", partySize: 2 })).toEqual({ date: "2026-12-09", time: "19:00" });
  });
});
