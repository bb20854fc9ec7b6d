import { describe, expect, it } from "vitest";
import { actorName, auditSentence, type AuditEntryLike } from "./audit";

const ME = "3f1c";
const context = { meId: ME, reasons: new Map([[3, "Weather"]]) };
const snapshot = { date: "2026-12-08", time: "19:00", party_size: 3, channel: "walk_in", special_requests: null };
const entry = (action: string, overrides: Partial<AuditEntryLike> = {}): AuditEntryLike => ({
  occurred_at: "2026-12-06T17:17:03Z",
  actor: { type: "staff", id: ME },
  action,
  before: snapshot,
  after: snapshot,
  ...overrides,
});

describe("actorName", () => {
  it("names who acted without ids", () => {
    expect(actorName({ type: "staff", id: ME }, ME)).toBe("You");
    expect(actorName({ type: "staff", id: "someone-else", name: "sam@venue.example" }, ME)).toBe("sam@venue.example");
    expect(actorName({ type: "staff", id: "someone-else" }, ME)).toBe("A member of staff");
    expect(actorName({ type: "customer" }, ME)).toBe("The guest");
    expect(actorName({ type: "api_key", id: "k1" }, ME)).toBe("An integration");
    expect(actorName({ type: "system" }, ME)).toBe("Tessera");
    expect(actorName({}, ME)).toBe("Someone");
  });
});

describe("auditSentence", () => {
  it("says who made the booking, for how many, when and how", () => {
    expect(auditSentence(entry("booking.created", { before: null }), context)).toBe(
      "You made the booking for 3 people at 19:00 on Tuesday 8 December 2026 (walk-in).",
    );
    expect(
      auditSentence(entry("booking.created", { before: null, actor: { type: "customer" }, after: { ...snapshot, channel: "api", party_size: 1 } }), context),
    ).toBe("The guest made the booking for 1 person at 19:00 on Tuesday 8 December 2026 (online).");
  });

  it("says what a move changed: the time alone on the same day, the date when it moved days, the party", () => {
    expect(auditSentence(entry("booking.updated", { after: { ...snapshot, time: "20:00", party_size: 4 } }), context)).toBe(
      "You moved it from 19:00 to 20:00 and changed the party from 3 to 4 people.",
    );
    expect(auditSentence(entry("booking.updated", { after: { ...snapshot, date: "2026-12-09" } }), context)).toBe(
      "You moved it from 19:00 on Tuesday 8 December 2026 to 19:00 on Wednesday 9 December 2026.",
    );
    expect(auditSentence(entry("booking.updated", { after: { ...snapshot, special_requests: "Window" } }), context)).toBe(
      "You changed the special requests.",
    );
    expect(auditSentence(entry("booking.updated"), context)).toBe("You changed the booking's details.");
  });

  it("says an appointment as its service and who it is with, and a move to someone else", () => {
    const seen = { ...snapshot, time: "14:00", party_size: 1, channel: "api", kind: "appointment" };
    const withLukas = { ...seen, appointment: { service: "physiotherapy", service_name: "Physiotherapy", staff: { id: 4, name: "Lukas Becker" }, resources: [] } };
    const withMia = { ...withLukas, appointment: { ...withLukas.appointment, staff: { id: 3, name: "Mia Schulz" } } };
    expect(auditSentence(entry("booking.created", { before: null, actor: { type: "customer" }, after: withLukas }), context)).toBe(
      "The guest booked Physiotherapy with Lukas Becker at 14:00 on Tuesday 8 December 2026 (online).",
    );
    expect(auditSentence(entry("booking.updated", { before: withLukas, after: { ...withMia, time: "15:00" } }), context)).toBe(
      "You moved it from 14:00 to 15:00 and from Lukas Becker to Mia Schulz.",
    );
    expect(auditSentence(entry("booking.updated", { before: withLukas, after: withMia }), context)).toBe(
      "You moved it from Lukas Becker to Mia Schulz.",
    );
  });

  it("says a reservation as its resource and range, a series' dates, and a move of its range; never a party", () => {
    const range = (date: string, from: string, to: string) => ({ start: `${date}T${from}`, end: `${date}T${to}` });
    const reserved = {
      ...snapshot, kind: "reservation", date: "2026-12-15", time: "10:00", party_size: 1, channel: "web",
      reservation: { resource: { id: 2, name: "3D printer A" }, occurrences: [range("2026-12-15", "10:00", "12:00")], conflicts: [] },
    };
    const series = {
      ...reserved,
      reservation: {
        ...reserved.reservation,
        occurrences: ["2026-12-15", "2026-12-22", "2027-01-05"].map((date) => range(date, "10:00", "12:00")),
      },
    };
    expect(auditSentence(entry("booking.created", { before: null, after: reserved }), context)).toBe(
      "You reserved 3D printer A from 10:00 to 12:00 on Tuesday 15 December 2026 (online).",
    );
    expect(auditSentence(entry("booking.created", { before: null, actor: { type: "customer" }, after: series }), context)).toBe(
      "The guest reserved 3D printer A from 10:00 to 12:00 on Tuesday 15 December 2026 and 2 more dates to Tuesday 5 January 2027 (online).",
    );
    const later = { ...reserved, time: "11:00", reservation: { ...reserved.reservation, occurrences: [range("2026-12-15", "11:00", "13:00")] } };
    expect(auditSentence(entry("booking.updated", { before: reserved, after: later }), context)).toBe(
      "You moved it to 11:00 to 13:00 (it was 10:00 to 12:00).",
    );
    const nextDay = { ...reserved, date: "2026-12-16", reservation: { ...reserved.reservation, occurrences: [range("2026-12-16", "10:00", "12:00")] } };
    expect(auditSentence(entry("booking.updated", { before: reserved, after: nextDay }), context)).toBe(
      "You moved it to 10:00 to 12:00 on Wednesday 16 December 2026 (it was 10:00 to 12:00 on Tuesday 15 December 2026).",
    );
    expect(auditSentence(entry("booking.completed", { actor: { type: "system" }, after: reserved }), context)).toBe(
      "Tessera marked it as completed.",
    );
  });

  it("says a cancellation's reason by name", () => {
    expect(
      auditSentence(entry("booking.cancelled", { actor: { type: "customer" }, after: { ...snapshot, cancellation_reason_id: 3 } }), context),
    ).toBe("The guest cancelled the booking, giving the reason “Weather”.");
    expect(auditSentence(entry("booking.cancelled", { after: { ...snapshot, cancellation_reason_id: 99 } }), context)).toBe(
      "You cancelled the booking.",
    );
  });

  it("says outcomes, reminders, and never shows an unknown action's code", () => {
    expect(auditSentence(entry("booking.completed", { actor: { type: "staff", id: "x" } }), context)).toBe(
      "A member of staff marked the guests as arrived.",
    );
    expect(auditSentence(entry("booking.no_show"), context)).toBe("You marked the booking as a no-show.");
    expect(auditSentence(entry("booking.reminder_due", { actor: { type: "system" } }), context)).toBe(
      "Tessera sent the guest a reminder.",
    );
    expect(auditSentence(entry("booking.teleported"), context)).toBe("You changed the booking.");
  });
});
