import { describe, expect, it, vi } from "vitest";
import { appointmentSearchKey, appointmentSearchQueryOptions, searchAppointments, type MovingBooking } from "./search-appointments";

const day = { venue: "TheMeadowClinic", service: "health-check", date: "2026-12-08", staff: 3 };
const answer = { venue: day.venue, service: day.service, date: day.date, timezone: "Europe/Berlin", duration_minutes: 45, slots: [] };

describe("a move's times", () => {
  it("are the booking's own, asked with the customer's link (or as staff), not the public search", async () => {
    const call = vi.fn().mockResolvedValue(answer);
    const moving: MovingBooking = { reference: "abc1234", access: { token: "signed" }, call: call as unknown as MovingBooking["call"] };
    await searchAppointments({ ...day, moving });
    expect(call).toHaveBeenCalledWith("get", "/api/v1/bookings/{reference}/appointment-times", {
      path: { reference: "abc1234" },
      query: { token: "signed", date: "2026-12-08", staff: 3 },
      signal: undefined,
    });
  });

  it("are kept apart from the public search's, under the venue's key a booking made or moved refreshes", () => {
    const publicKey = appointmentSearchQueryOptions(day).queryKey;
    const movingKey = appointmentSearchQueryOptions({ ...day, staff: null, moving: { reference: "abc1234" } }).queryKey;
    expect(publicKey).toEqual(["appointments", "TheMeadowClinic", "health-check", "2026-12-08", 3]);
    expect(movingKey).toEqual(["appointments", "TheMeadowClinic", "health-check", "2026-12-08", "any", "moving", "ABC1234"]);
    expect(movingKey.slice(0, 2)).toEqual([...appointmentSearchKey("TheMeadowClinic")]);
  });
});
