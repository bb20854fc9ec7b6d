/**
 * What a person reads when something goes wrong: every error the API can send becomes a sentence
 * that says what happened and what to do. Never the API's own message, a status code or JSON.
 */
import { ApiError, NetworkError } from "./api-client";
import { minutesText } from "./appointments";
import { formatLongDate } from "./time";

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
  // Stays
  resource_unavailable: "Sorry, that room has just been booked: none is left for those dates. Please choose another room or other dates.",
  stay_not_bookable: "Those dates cannot be booked. Please choose other dates.",
  rate_plan_not_on_sale: "That rate is no longer on sale. Please choose another rate.",
  room_type_not_found: "The hotel has no such room. Please choose one of the rooms shown.",
  room_taken: "That room is taken on one of the stay's nights. Choose another room, or let the best free one be chosen.",
  no_room_free:
    "No room of this type is free on every night of the stay. Move another stay to free one, or give this stay another room type.",
  room_of_another_type: "That room is of another type than the stay's. Choose a room of the stay's type.",
  room_not_found: "There is no room with that number. Choose one from the list.",
  out_of_stock: "There are not enough of that item left. Post a smaller quantity, or restock the item first.",
  catalogue_item_not_found: "That item is no longer in the catalogue. Choose another one.",
  invoice_not_found: "This stay has no invoice yet: it is issued when the guest checks out.",
  not_a_stay: "This booking is a table, not a stay: it has no room, folio or invoice.",
  // Appointments
  staff_unavailable: "Sorry, that time has just been taken: no one who does this is free then any more. Please choose another time.",
  staff_not_for_service: "That person does not do this any more. Please choose someone else, or anyone available.",
  staff_not_found: "That person no longer takes appointments here. Please choose someone else, or anyone available.",
  service_not_found: "That is no longer offered online. Please choose another service.",
  appointment_not_bookable: "That time can no longer be booked. Please choose another time.",
  class_full: "Sorry, the class has just filled up: there are no places left at that time. Please choose another time.",
  // Reservations
  reservation_not_bookable:
    "That time cannot be reserved: check it is within the resource's hours, its shortest and longest reservation, and the dates the venue takes.",
  resource_not_found: "That resource is no longer reservable here. Choose another one.",
  resource_available: "That time is free, so there is nothing to wait for: reserve it instead.",
  series_too_long: "A series can have at most 366 dates. Choose fewer weeks.",
  already_waiting: "This person is already on this resource's waitlist for a time that overlaps this one: there is no need to join twice.",
  // Waitlist offers
  offer_not_open: "There is no open offer any more: it ran out, was declined or was taken. The page now says where it stands.",
  waitlist_entry_booked: "This offer was taken and is booked: to give the time up, cancel the booking instead.",
  waitlist_entry_not_found: "We could not find that place on the waitlist. Check you opened the whole link from your e-mail.",
};

/** The same codes said of a stay, where the table's sentence would mislead. */
const STAY_SENTENCES: Record<string, string> = {
  booking_not_started: "This stay has not started yet: the guest can check in from the arrival date.",
  booking_not_modifiable:
    "This stay can no longer be changed that way: it is checked in, cancelled or over. Charges go on a stay only while its guest is in house.",
};

/** The same codes said of an appointment. */
const APPOINTMENT_SENTENCES: Record<string, string> = {
  resource_unavailable: "Sorry, that time has just been taken: a room it needs is no longer free then. Please choose another time.",
  booking_not_started:
    "This appointment has not started yet. You can mark it as arrived or as a no-show once its time has come.",
};

/** The same codes said of a reservation of a resource (a laser cutter, a printer). */
const RESERVATION_SENTENCES: Record<string, string> = {
  resource_unavailable: "That time is already reserved. Choose another time, or join the waitlist for it.",
};

/** A refused appointment says why, from the refusal's details (availability_service/appointments/placement.py). */
function appointmentNotBookable(details: Record<string, unknown>): string | undefined {
  if (typeof details.min_notice_minutes === "number") {
    return `That time is too soon to book online: please choose a time at least ${minutesText(details.min_notice_minutes)} from now.`;
  }
  if (typeof details.horizon_days === "number") {
    return `That date is too far ahead to book yet: please choose a date within ${details.horizon_days} days.`;
  }
  return undefined;
}

/** A refused stay says why, from the refusal's details (booking_service and availability_service). */
function stayNotBookable(details: Record<string, unknown>): string | undefined {
  const text = (key: string) => (typeof details[key] === "string" ? (details[key] as string) : undefined);
  const number = (key: string) => (typeof details[key] === "number" ? (details[key] as number) : undefined);
  if (text("today")) return "The arrival date has passed. Please choose an arrival from today.";
  const last = text("last_arrival_date");
  if (last) return `That arrival is too far ahead to book yet. Please choose an arrival on or before ${formatLongDate(last)}.`;
  const longest = number("max_stay_nights");
  if (longest) return `A stay here is at most ${longest === 1 ? "1 night" : `${longest} nights`}. Please choose an earlier departure.`;
  if (text("departure")) return "The departure must be after the arrival. Please choose a later departure.";
  const sleeps = number("max_occupancy");
  if (sleeps) return `That room sleeps at most ${sleeps === 1 ? "1 guest" : `${sleeps} guests`}. Please choose a larger room or fewer guests.`;
  if (text("reason") === "min_stay") return "That rate needs a longer stay. Please choose another rate, or more nights.";
  if (text("reason") === "closed_to_arrival") return "That rate does not take arrivals on that date. Please choose another rate or another arrival.";
  return undefined;
}

const NETWORK: Record<NetworkError["reason"], string> = {
  offline: `We could not reach the booking system. Check your connection. ${TRY_AGAIN}`,
  timeout: `The booking system took too long to answer. ${TRY_AGAIN} You will not be booked twice.`,
};

/**
 * `about: "stay"` for what is done to a stay (check-in, charges), `"appointment"` for an appointment,
 * where some codes mean something else.
 */
export function errorSentence(error: unknown, about?: "stay" | "appointment" | "reservation"): string {
  if (error instanceof NetworkError) return NETWORK[error.reason];
  if (error instanceof ApiError) {
    if (error.code === "stay_not_bookable") {
      const why = stayNotBookable(error.details);
      if (why) return why;
    }
    if (error.code === "appointment_not_bookable") {
      const why = appointmentNotBookable(error.details);
      if (why) return why;
    }
    const special =
      about === "stay" ? STAY_SENTENCES : about === "appointment" ? APPOINTMENT_SENTENCES : about === "reservation" ? RESERVATION_SENTENCES : {};
    const known = special[error.code] ?? SENTENCES[error.code];
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
