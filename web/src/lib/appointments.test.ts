import { describe, expect, it } from "vitest";
import {
  appointmentFacts,
  appointmentOf,
  appointmentTitle,
  formatAppointment,
  minutesBetween,
  minutesText,
  takesAppointments,
  timeSpan,
  whatRows,
} from "./appointments";

const appointment = {
  service: "consultation",
  service_name: "Consultation",
  staff: { id: 3, name: "Dr Hanna Weber" },
  resources: [],
  class_session: null,
};

describe("appointmentOf", () => {
  it("finds an appointment's service and staff member", () => {
    expect(appointmentOf({ kind: "appointment", appointment })).toEqual(appointment);
  });

  it("is null for a table, a stay, or an answer without the appointment", () => {
    expect(appointmentOf({ kind: "slot", appointment: null })).toBeNull();
    expect(appointmentOf({ kind: "stay", appointment })).toBeNull();
    expect(appointmentOf({ kind: "appointment", appointment: {} })).toBeNull();
    expect(appointmentOf({ kind: "appointment", appointment: { service_name: "Consultation" } })).toBeNull();
  });
});

describe("minutes", () => {
  it("says a length as people do", () => {
    expect(minutesText(20)).toBe("20 minutes");
    expect(minutesText(1)).toBe("1 minute");
    expect(minutesText(60)).toBe("1 hour");
    expect(minutesText(90)).toBe("1 hour 30 minutes");
    expect(minutesText(121)).toBe("2 hours 1 minute");
  });

  it("counts true minutes across the clocks going forward", () => {
    // Berlin, 28 March 2027: 01:30 CET to 03:30 CEST is one hour lived.
    expect(minutesBetween("2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z")).toBe(60);
  });
});

describe("an appointment's time, the venue's", () => {
  it("is the venue's date, clock and zone, whatever the browser's", () => {
    expect(formatAppointment("2026-12-08T09:00:00Z", "2026-12-08T09:20:00Z", "Europe/Berlin")).toBe(
      "Tuesday 8 December 2026, 10:00 to 10:20 CET",
    );
    expect(formatAppointment("2027-06-08T08:00:00Z", "2027-06-08T08:45:00Z", "Europe/Berlin")).toBe(
      "Tuesday 8 June 2027, 10:00 to 10:45 CEST",
    );
  });

  it("keeps the local times on the night the clocks go forward", () => {
    expect(formatAppointment("2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z", "Europe/Berlin")).toBe(
      "Sunday 28 March 2027, 01:30 to 03:30 CET",
    );
  });

  it("says the end's date when it ends on another day", () => {
    expect(formatAppointment("2026-12-08T22:30:00Z", "2026-12-08T23:30:00Z", "Europe/Berlin")).toBe(
      "Tuesday 8 December 2026, 23:30 to Wednesday 9 December 2026, 00:30 CET",
    );
  });

  it("is a span of the day's clock in a list", () => {
    expect(timeSpan("2026-12-08T09:00:00Z", "2026-12-08T09:20:00Z", "Europe/Berlin")).toBe("10:00 to 10:20");
  });
});

describe("an appointment in words", () => {
  it("names its service and staff member", () => {
    expect(appointmentTitle(appointment)).toBe("Consultation with Dr Hanna Weber");
    expect(appointmentFacts(appointment, "2026-12-08T09:00:00Z", "2026-12-08T09:20:00Z")).toBe(
      "Consultation · Dr Hanna Weber · 20 minutes",
    );
  });
});

describe("takesAppointments", () => {
  it("is a clinic's or a salon's page, not a restaurant's or a hotel's", () => {
    expect(takesAppointments({ kind: "clinic" })).toBe(true);
    expect(takesAppointments({ kind: "salon" })).toBe(true);
    expect(takesAppointments({ kind: "restaurant" })).toBe(false);
    expect(takesAppointments({ kind: "hotel" })).toBe(false);
  });
});

describe("a class's places", () => {
  it("says a class and how many places the booking takes, and an appointment as one", () => {
    const pilates = { ...appointment, service_name: "Pilates class", class_session: { id: 4, capacity: 6, places: 2 } };
    expect(whatRows(pilates)).toEqual([
      ["Class", "Pilates class"],
      ["Places", "2 places"],
    ]);
    expect(whatRows({ ...pilates, class_session: { id: 4, capacity: 6, places: 1 } })[1]).toEqual(["Places", "1 place"]);
    expect(whatRows(appointment)).toEqual([["Appointment", "Consultation"]]);
  });
});
