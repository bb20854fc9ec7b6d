/**
 * A booking staff take at the door or on the phone: every guest detail may be left out (a walk-in
 * with just a first name); what is given is checked as the API checks it.
 */
import type { BookingRequest } from "./api/bookings";

export type Channel = "walk_in" | "phone";

export interface StaffGuest {
  firstName: string;
  surname: string;
  email: string;
  mobile: string;
  requests: string;
}

export type GuestField = keyof StaffGuest;
export type GuestProblems = Partial<Record<GuestField, string>>;

export const EMPTY_GUEST: StaffGuest = { firstName: "", surname: "", email: "", mobile: "", requests: "" };

export const GUEST_FIELD_IDS: Record<GuestField, string> = {
  firstName: "guest-first-name",
  surname: "guest-surname",
  email: "guest-email",
  mobile: "guest-mobile",
  requests: "guest-requests",
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

function isPhoneNumber(value: string): boolean {
  const body = value.startsWith("+") ? value.slice(1) : value;
  const digits = body.replace(/\D/g, "").length;
  return /^[0-9 \-.()]+$/.test(body) && digits >= 6 && digits <= 15;
}

export function guestProblems(guest: StaffGuest): GuestProblems {
  const problems: GuestProblems = {};
  if (guest.firstName.trim().length > 100) problems.firstName = "First name must be 100 characters or fewer";
  if (guest.surname.trim().length > 100) problems.surname = "Surname must be 100 characters or fewer";
  const email = guest.email.trim();
  if (email && (email.length > 254 || !EMAIL.test(email))) {
    problems.email = "Enter an e-mail address in the correct format, like name@example.com, or leave it empty";
  }
  const mobile = guest.mobile.trim();
  if (mobile && !isPhoneNumber(mobile)) {
    problems.mobile = "Enter a phone number with 6 to 15 digits, like 07700 900123 or +33 6 12 34 56 78, or leave it empty";
  }
  if (guest.requests.length > 1000) problems.requests = "Special requests must be 1000 characters or fewer";
  return problems;
}

/** Only the details given, trimmed (an empty customer is allowed for staff), and the requests if any. */
function guestOf(guest: StaffGuest): Pick<BookingRequest, "customer" | "special_requests"> {
  const customer: BookingRequest["customer"] = {};
  if (guest.firstName.trim()) customer.first_name = guest.firstName.trim();
  if (guest.surname.trim()) customer.surname = guest.surname.trim();
  if (guest.email.trim()) customer.email = guest.email.trim();
  if (guest.mobile.trim()) customer.mobile = guest.mobile.trim();
  return { customer, ...(guest.requests.trim() ? { special_requests: guest.requests.trim() } : {}) };
}

/** The create request of a table. */
export function toStaffBookingRequest(
  venue: string,
  visit: { date: string; time: string; partySize: number },
  channel: Channel,
  guest: StaffGuest,
): BookingRequest {
  return { venue, date: visit.date, time: visit.time, party_size: visit.partySize, channel, ...guestOf(guest) };
}

/** The create request of an appointment, booked by the desk for the customer (staff null: anyone who performs it). */
export function toStaffAppointmentRequest(
  venue: string,
  appointment: { service: string; date: string; time: string; staff: number | null },
  channel: Channel,
  guest: StaffGuest,
): BookingRequest {
  return { kind: "appointment", venue, ...appointment, channel, ...guestOf(guest) };
}

/** The guest's problems as the error summary's items, each linking to its field. */
export const guestSummaryItems = (problems: GuestProblems) =>
  (Object.keys(problems) as GuestField[]).map((field) => ({ fieldId: GUEST_FIELD_IDS[field], message: problems[field]! }));

const API_FIELDS: Record<string, GuestField> = {
  "customer.first_name": "firstName",
  "customer.surname": "surname",
  "customer.email": "email",
  "customer.mobile": "mobile",
  special_requests: "requests",
};

/** A 422's fields, said as the form says them; the ones it has no field for are left to the summary. */
export function placeGuestErrors(fields: Record<string, string>): { byField: GuestProblems; unplaced: string[] } {
  const byField: GuestProblems = {};
  const unplaced: string[] = [];
  const worded: Record<GuestField, string> = {
    firstName: "Check the first name: letters, spaces and punctuation only",
    surname: "Check the surname: letters, spaces and punctuation only",
    email: "Enter an e-mail address in the correct format, like name@example.com, or leave it empty",
    mobile: "Enter a phone number with 6 to 15 digits, like 07700 900123 or +33 6 12 34 56 78, or leave it empty",
    requests: "Check the special requests: 1000 characters or fewer, no control characters",
  };
  for (const path of Object.keys(fields)) {
    const field = API_FIELDS[path];
    if (field) byField[field] = worded[field];
    else unplaced.push(path);
  }
  return { byField, unplaced };
}
