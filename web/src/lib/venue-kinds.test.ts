import { describe, expect, it } from "vitest";
import { bookLinkText, takesReservations } from "./venue-kinds";

describe("the header's link, by what the venue sells", () => {
  it.each([
    ["hotel", "Book a stay"],
    ["clinic", "Book an appointment"],
    ["salon", "Book an appointment"],
    ["lab", "Reserve equipment"],
    ["workspace", "Reserve a room"],
    ["restaurant", "Book a table"],
    ["other", "Book a table"],
  ])("a %s: %s", (kind, text) => {
    expect(bookLinkText({ kind })).toBe(text);
  });

  it("knows which venues are reserved by the hour", () => {
    expect(takesReservations({ kind: "lab" })).toBe(true);
    expect(takesReservations({ kind: "workspace" })).toBe(true);
    expect(takesReservations({ kind: "clinic" })).toBe(false);
    expect(takesReservations({ kind: "toString" })).toBe(false);
  });
});
