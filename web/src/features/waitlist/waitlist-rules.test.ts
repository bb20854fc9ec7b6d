import { describe, expect, it } from "vitest";
import { entryState, entryText, entryWhen, type EntryFacts } from "./waitlist-rules";

const NOW = new Date("2026-12-08T19:00:00Z");
const entry = (changes: Partial<EntryFacts> = {}): EntryFacts => ({
  status: "offered",
  offer_expires_at: "2026-12-08T19:30:00Z",
  starts_at: "2026-12-09T19:30:00Z",
  ends_at: "2026-12-09T20:30:00Z",
  timezone: "America/New_York",
  booking_reference: null,
  resource: { name: "Laser cutter" },
  ...changes,
});

describe("a waitlist entry's state", () => {
  it("is an open offer until its last moment, and run out from then, before the job passes it on", () => {
    expect(entryState(entry(), NOW)).toBe("open");
    expect(entryState(entry({ offer_expires_at: "2026-12-08T19:00:00Z" }), NOW)).toBe("expired");
    expect(entryState(entry({ offer_expires_at: null }), NOW)).toBe("expired");
    expect(entryState(entry({ status: "offer_expired" }), NOW)).toBe("expired");
  });

  it("keeps the API's other states, and reads one it does not know as off the list", () => {
    for (const status of ["waiting", "booked", "declined", "left", "lapsed"]) expect(entryState(entry({ status }), NOW)).toBe(status);
    expect(entryState(entry({ status: "archived" }), NOW)).toBe("left");
  });
});

describe("what the entry's page says", () => {
  it("gives the time waited for and the offer's last moment on the venue's clock", () => {
    expect(entryWhen(entry())).toBe("Wednesday 9 December 2026, 14:30 to 15:30 EST");
    const { heading, sentence } = entryText(entry(), "open");
    expect(heading).toBe("Laser cutter is free: it is held for you");
    expect(sentence).toContain("until Tuesday 8 December 2026, 14:30 EST");
  });

  it("says how an offer ended, and the booking's reference when it was taken", () => {
    expect(entryText(entry({ status: "offer_expired" }), "expired").sentence).toContain("gone to the next person waiting");
    expect(entryText(entry({ status: "booked", booking_reference: "ABC1234" }), "booked").sentence).toContain("your reference is ABC1234");
    const headings = (["open", "waiting", "expired", "booked", "declined", "left", "lapsed"] as const).map((state) => entryText(entry(), state).heading);
    expect(new Set(headings).size).toBe(headings.length);
  });
});
