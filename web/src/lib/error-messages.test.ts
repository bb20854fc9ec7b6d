import { describe, expect, it } from "vitest";
import { ApiError, NetworkError, toApiError } from "./api-client";
import { errorSentence, fieldErrors, isTransient } from "./error-messages";

const envelope = (code: string, details = {}) => ({
  error: { code, message: "the API's own words", details },
  request_id: "abc123",
});

describe("errorSentence", () => {
  it.each([
    ["slot_full", 409, "Sorry, that time has just been taken. Please choose another time."],
    ["booking_not_found", 404, "We could not find a booking with that reference and e-mail address. Check both and try again."],
    ["link_expired", 401, "This link has expired. Enter your booking reference and e-mail address instead."],
    ["validation_failed", 422, "Some details need correcting. Check the fields marked below."],
    ["booking_not_modifiable", 409, "This booking is cancelled or has already taken place, so it can no longer be changed."],
    ["invalid_credentials", 401, "The e-mail address or password is not right. Check them and try again."],
    ["invalid_refresh_token", 401, "Your session has ended. Log in again to carry on where you were."],
    ["session_expired", 401, "Your session has ended. Log in again to carry on where you were."],
    ["forbidden", 403, "Your role at this venue does not allow that. Ask a manager or the owner of the venue."],
    [
      "capacity_below_held",
      409,
      "The capacity cannot be lower than the covers already booked at that time. Choose a larger number, or move or cancel bookings first.",
    ],
    [
      "booking_not_started",
      409,
      "This booking has not started yet. You can mark it as arrived or as a no-show once its time has come.",
    ],
    ["closure_exists", 409, "The venue is already closed on that date."],
  ])("says what %s means", (code, status, sentence) => {
    expect(errorSentence(toApiError(status, envelope(code)))).toBe(sentence);
  });

  it.each([
    ["resource_unavailable", 409, "Sorry, that room has just been booked: none is left for those dates. Please choose another room or other dates."],
    ["rate_plan_not_on_sale", 422, "That rate is no longer on sale. Please choose another rate."],
    ["room_taken", 409, "That room is taken on one of the stay's nights. Choose another room, or let the best free one be chosen."],
    ["out_of_stock", 409, "There are not enough of that item left. Post a smaller quantity, or restock the item first."],
    ["invoice_not_found", 404, "This stay has no invoice yet: it is issued when the guest checks out."],
    ["not_a_stay", 422, "This booking is a table, not a stay: it has no room, folio or invoice."],
  ])("says what the stay's %s means", (code, status, sentence) => {
    expect(errorSentence(toApiError(status, envelope(code)))).toBe(sentence);
  });

  it("says why a stay cannot be booked, from the refusal's details", () => {
    const refused = (details: Record<string, unknown>) => errorSentence(toApiError(422, envelope("stay_not_bookable", details)));
    expect(refused({ today: "2026-12-07" })).toBe("The arrival date has passed. Please choose an arrival from today.");
    expect(refused({ last_arrival_date: "2027-12-07" })).toBe(
      "That arrival is too far ahead to book yet. Please choose an arrival on or before Tuesday 7 December 2027.",
    );
    expect(refused({ nights: 31, max_stay_nights: 30 })).toBe("A stay here is at most 30 nights. Please choose an earlier departure.");
    expect(refused({ departure: "2026-12-07" })).toBe("The departure must be after the arrival. Please choose a later departure.");
    expect(refused({ max_occupancy: 2 })).toBe("That room sleeps at most 2 guests. Please choose a larger room or fewer guests.");
    expect(refused({ reason: "min_stay", rate_plan: "non-refundable" })).toBe(
      "That rate needs a longer stay. Please choose another rate, or more nights.",
    );
    expect(refused({})).toBe("Those dates cannot be booked. Please choose other dates.");
  });

  it("says a code of a stay as a stay's where the table's sentence would mislead", () => {
    const early = toApiError(409, envelope("booking_not_started"));
    expect(errorSentence(early, "stay")).toBe("This stay has not started yet: the guest can check in from the arrival date.");
    expect(errorSentence(early)).toContain("mark it as arrived");
    expect(errorSentence(toApiError(409, envelope("out_of_stock")), "stay")).toContain("not enough of that item");
  });

  it("says what a reservation's refusals mean", () => {
    const refused = (status: number, code: string) => errorSentence(toApiError(status, envelope(code)), "reservation");
    expect(refused(409, "resource_unavailable")).toBe("That time is already reserved. Choose another time, or join the waitlist for it.");
    expect(refused(409, "resource_available")).toBe("That time is free, so there is nothing to wait for: reserve it instead.");
    expect(refused(422, "series_too_long")).toBe("A series can have at most 366 dates. Choose fewer weeks.");
    expect(refused(422, "reservation_not_bookable")).toContain("within the resource's hours");
    expect(refused(409, "already_waiting")).toContain("already on this resource's waitlist");
  });

  it("says why a waitlist offer cannot be taken or given up", () => {
    const said = (status: number, code: string) => errorSentence(toApiError(status, envelope(code)));
    expect(said(409, "offer_not_open")).toContain("ran out, was declined or was taken");
    expect(said(409, "waitlist_entry_booked")).toContain("cancel the booking instead");
    expect(said(404, "waitlist_entry_not_found")).toContain("whole link from your e-mail");
  });

  it("says what an appointment's refusals mean, and why one cannot be booked", () => {
    const refused = (status: number, code: string, details = {}) => errorSentence(toApiError(status, envelope(code, details)), "appointment");
    expect(refused(409, "staff_unavailable")).toBe(
      "Sorry, that time has just been taken: no one who does this is free then any more. Please choose another time.",
    );
    expect(refused(409, "resource_unavailable")).toBe(
      "Sorry, that time has just been taken: a room it needs is no longer free then. Please choose another time.",
    );
    expect(errorSentence(toApiError(409, envelope("resource_unavailable")))).toContain("that room has just been booked");
    expect(refused(422, "staff_not_for_service")).toBe(
      "That person does not do this any more. Please choose someone else, or anyone available.",
    );
    expect(refused(422, "appointment_not_bookable", { min_notice_minutes: 60 })).toBe(
      "That time is too soon to book online: please choose a time at least 1 hour from now.",
    );
    expect(refused(422, "appointment_not_bookable", { horizon_days: 60 })).toBe(
      "That date is too far ahead to book yet: please choose a date within 60 days.",
    );
    expect(refused(422, "appointment_not_bookable")).toBe("That time can no longer be booked. Please choose another time.");
  });

  it("tells the person to try again, input kept, when a service is down", () => {
    const sentence = errorSentence(toApiError(503, envelope("upstream_unavailable")));
    expect(sentence).toContain("try again");
    expect(sentence).toContain("Nothing you typed has been lost");
  });

  it("never shows the API's own message, a status or JSON for an unknown code", () => {
    for (const status of [400, 409, 418, 500, 502]) {
      const sentence = errorSentence(toApiError(status, envelope("something_new")));
      expect(sentence).not.toContain("the API's own words");
      expect(sentence).not.toMatch(/[{}]|\b\d{3}\b/);
    }
  });

  it("handles answers that are not our envelope, and no answer at all", () => {
    expect(errorSentence(toApiError(502, "<html>Bad gateway</html>"))).toContain("try again");
    expect(errorSentence(new NetworkError("offline"))).toContain("Check your connection");
    expect(errorSentence(new NetworkError("timeout"))).toContain("You will not be booked twice");
    expect(errorSentence(new TypeError("x is undefined"))).not.toContain("undefined");
  });
});

describe("toApiError", () => {
  it("keeps the code, details and request id of the envelope", () => {
    const error = toApiError(409, envelope("slot_full", { remaining: 1 }));
    expect(error).toMatchObject({ status: 409, code: "slot_full", details: { remaining: 1 }, requestId: "abc123" });
  });

  it("falls back to the header's request id when the body has none", () => {
    expect(toApiError(502, undefined, "from-header").requestId).toBe("from-header");
  });
});

describe("isTransient", () => {
  it("offers a retry for network failures, 5xx and 429 only", () => {
    expect(isTransient(new NetworkError("timeout"))).toBe(true);
    expect(isTransient(new ApiError(503, "upstream_unavailable", ""))).toBe(true);
    expect(isTransient(new ApiError(429, "rate_limited", ""))).toBe(true);
    expect(isTransient(new ApiError(409, "slot_full", ""))).toBe(false);
    expect(isTransient(new ApiError(422, "validation_failed", ""))).toBe(false);
  });
});

describe("fieldErrors", () => {
  it("flattens a 422's nested details to one message per field path", () => {
    const error = toApiError(
      422,
      envelope("validation_failed", {
        customer: { email: ["Not a valid email address."], mobile: ["Not a valid phone number.", "second"] },
        party_size: ["Must be greater than or equal to 1."],
      }),
    );
    expect(fieldErrors(error)).toEqual({
      "customer.email": "Not a valid email address.",
      "customer.mobile": "Not a valid phone number.",
      party_size: "Must be greater than or equal to 1.",
    });
  });

  it("has none for other errors", () => {
    expect(fieldErrors(toApiError(409, envelope("slot_full", { party_size: ["x"] })))).toEqual({});
  });
});
