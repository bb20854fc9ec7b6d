/**
 * What a person reads when something goes wrong: every error the API can send becomes a sentence
 * that says what happened and what to do. Never the API's own message, a status code or JSON.
 */
import { ApiError, NetworkError } from "./api-client";

const TRY_AGAIN = "Nothing you typed has been lost: try again in a moment.";
const SESSION_ENDED = "Your session has ended. Log in again to carry on where you were.";

const SENTENCES: Record<string, string> = {
  slot_full: "Sorry, that time has just been taken. Please choose another time.",
  slot_not_bookable: "That time can no longer be booked online. Please choose another time.",
  slot_not_found: "The venue has no table at that time. Please choose another time.",
  party_too_large: "That party is larger than the venue takes online. Please choose a smaller party or call the venue.",
  date_in_past: "That date has passed. Please choose a later date.",
  date_beyond_horizon: "That date is too far ahead to book yet. Please choose an earlier date.",
  venue_not_found: "We could not find that venue. Check the address of the page.",
  booking_not_found:
    "We could not find a booking with that reference and e-mail address. Check both and try again.",
  booking_not_modifiable: "This booking is cancelled or has already taken place, so it can no longer be changed.",
  booking_changed: "This booking was changed while you were looking at it. Check it below and try again.",
  link_expired: "This link has expired. Enter your booking reference and e-mail address instead.",
  validation_failed: "Some details need correcting. Check the fields marked below.",
  idempotency_key_reused: "This looks like a repeat of an earlier request with different details. Reload the page and try again.",
  rate_limited: "There have been a lot of requests from your connection. Wait a minute, then try again.",
  upstream_unavailable: `The booking system is busy or briefly unavailable. ${TRY_AGAIN}`,
  database_unavailable: `The booking system is briefly unavailable. ${TRY_AGAIN}`,
  upstream_timeout: `The booking system took too long to answer. ${TRY_AGAIN} You will not be booked twice.`,
  idempotency_key_spent: "This request failed earlier and cannot be sent again as it was. Reload the page and try again.",
  authentication_required: "You need to log in to do that.",
  forbidden: "Your role at this venue does not allow that. Ask a manager or the owner of the venue.",
  not_found: "We could not find that. Check the address of the page.",
  // Staff
  invalid_credentials: "The e-mail address or password is not right. Check them and try again.",
  invalid_refresh_token: SESSION_ENDED,
  session_expired: SESSION_ENDED,
  capacity_below_held:
    "The capacity cannot be lower than the covers already booked at that time. Choose a larger number, or move or cancel bookings first.",
  booking_not_started:
    "This booking has not started yet. You can mark it as arrived or as a no-show once its time has come.",
  closure_exists: "The venue is already closed on that date.",
  closure_not_found: "The venue is no longer closed on that date. The list of closed dates is up to date again.",
};

const NETWORK: Record<NetworkError["reason"], string> = {
  offline: `We could not reach the booking system. Check your connection. ${TRY_AGAIN}`,
  timeout: `The booking system took too long to answer. ${TRY_AGAIN} You will not be booked twice.`,
};

export function errorSentence(error: unknown): string {
  if (error instanceof NetworkError) return NETWORK[error.reason];
  if (error instanceof ApiError) {
    const known = SENTENCES[error.code];
    if (known) return known;
    if (error.status >= 500) return `Something went wrong on our side. ${TRY_AGAIN}`;
    return "We could not do that. Please check what you entered and try again.";
  }
  return `Something went wrong in this page. ${TRY_AGAIN}`;
}

/** Errors worth a "try again": the same request may well succeed in a moment. */
export function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && (error.status >= 500 || error.status === 429);
}

/**
 * A 422's per-field messages, flattened to dotted paths (`customer.email`), one message each.
 * Other errors have none.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== "validation_failed") return {};
  const found: Record<string, string> = {};
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      const first = value.find((item) => typeof item === "string");
      if (first && path) found[path] = first;
    } else if (typeof value === "string") {
      if (path) found[path] = value;
    } else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    }
  };
  walk(error.details, "");
  return found;
}
