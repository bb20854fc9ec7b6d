import { describe, expect, it } from "vitest";
import { AttemptKeys, newKey } from "./idempotency";

describe("AttemptKeys", () => {
  it("gives the same request the same key, so a retry is replayed and not booked twice", () => {
    const keys = new AttemptKeys();
    const request = { venue: "V", time: "19:00", customer: { email: "a@example.com" } };
    expect(keys.keyFor(request)).toBe(keys.keyFor({ ...request }));
  });

  it("gives a changed request a new key, which the API would otherwise refuse as reused", () => {
    const keys = new AttemptKeys();
    const first = keys.keyFor({ time: "19:00" });
    const second = keys.keyFor({ time: "19:30" });
    expect(second).not.toBe(first);
    expect(keys.keyFor({ time: "19:30" })).toBe(second);
  });

  it("starts a new attempt after a success, even for the same request", () => {
    const keys = new AttemptKeys();
    const first = keys.keyFor({ time: "19:00" });
    keys.settle();
    expect(keys.keyFor({ time: "19:00" })).not.toBe(first);
  });
});

describe("newKey", () => {
  it("is a version 4 UUID, fresh each time", () => {
    const key = newKey();
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newKey()).not.toBe(key);
  });
});
