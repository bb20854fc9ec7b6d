import { describe, expect, it } from "vitest";
import { appointmentsText, dayEntries, groupAppointments, type DayBooking } from "./appointment-day";

const weber = { id: 1, name: "Dr Hanna Weber", description: "General practitioner" };
const richter = { id: 2, name: "Dr Jonas Richter", description: "General practitioner" };

const booking = (reference: string, time: string, staff: { id: number; name: string } | null, status = "confirmed"): DayBooking => ({
  reference,
  kind: staff ? "appointment" : "slot",
  status,
  time,
  starts_at: `2026-12-08T${time}:00Z`,
  party_size: 1,
  appointment: staff ? { service: "consultation", service_name: "Consultation", staff, resources: [] } : null,
});

describe("groupAppointments", () => {
  it("gives each member of staff their appointments in time order, and a member with none an empty day", () => {
    const day = groupAppointments(
      [booking("B", "10:00", weber), booking("A", "09:00", weber), booking("C", "09:30", richter)],
      [weber, richter, { id: 3, name: "Mia Schulz" }],
    );
    expect(day.members.map((each) => [each.member.name, each.bookings.map((b) => b.reference)])).toEqual([
      ["Dr Hanna Weber", ["A", "B"]],
      ["Dr Jonas Richter", ["C"]],
      ["Mia Schulz", []],
    ]);
    expect(day.totals).toEqual({ appointments: 3 });
  });

  it("keeps cancelled and expired apart, out of the count", () => {
    const day = groupAppointments([booking("A", "09:00", weber), booking("X", "08:00", weber, "cancelled")], [weber]);
    expect(day.members[0]!.bookings.map((b) => b.reference)).toEqual(["A"]);
    expect(day.released.map((b) => b.reference)).toEqual(["X"]);
    expect(day.totals).toEqual({ appointments: 1 });
  });

  it("shows the appointments of someone no longer on the staff list, and what is not an appointment apart", () => {
    const day = groupAppointments([booking("A", "09:00", { id: 9, name: "Dr Former" }), booking("T", "12:00", null)], [weber]);
    expect(day.members.map((each) => each.member.name)).toEqual(["Dr Hanna Weber", "Dr Former"]);
    expect(day.others.map((b) => b.reference)).toEqual(["T"]);
    expect(day.totals).toEqual({ appointments: 1 });
  });
});

describe("appointmentsText", () => {
  it("counts in words", () => {
    expect(appointmentsText(0)).toBe("0 appointments");
    expect(appointmentsText(1)).toBe("1 appointment");
    expect(appointmentsText(2)).toBe("2 appointments");
  });
});

describe("dayEntries", () => {
  const lang = { id: 5, name: "Sofia Lang" };
  const seat = (reference: string, time: string, session: number, places = 1) => ({
    ...booking(reference, time, lang),
    ends_at: `2026-12-08T${time}:50Z`,
    party_size: places,
    appointment: {
      service: "pilates",
      service_name: "Pilates class",
      staff: lang,
      resources: [],
      class_session: { id: session, capacity: 6, places },
    },
  });

  it("lists a class's bookings together as its session, with the places taken, between one person's appointments", () => {
    const alone = { ...booking("A", "09:00", lang), ends_at: "2026-12-08T09:20:00Z" };
    const entries = dayEntries([alone, seat("B", "10:00", 7), seat("C", "10:00", 7, 2), seat("D", "11:00", 8)]);
    expect(
      entries.map((entry) =>
        entry.kind === "class" ? [entry.serviceName, entry.taken, entry.capacity, entry.bookings.map((b) => b.reference)] : entry.booking.reference,
      ),
    ).toEqual(["A", ["Pilates class", 3, 6, ["B", "C"]], ["Pilates class", 1, 6, ["D"]]]);
  });
});
