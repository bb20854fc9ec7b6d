/**
 * The guest's details, checked as they type with the rules the API applies to a customer booking
 * for themselves (booking_service/bookings/schemas.py: SelfServiceCustomerSchema, shared/schemas.py:
 * PhoneNumber, PlainText). The API checks again; these only spare the round trip.
 */
import type { components } from "../../lib/api-types";

export interface Details {
  firstName: string;
  surname: string;
  email: string;
  countryCode: string;
  mobile: string;
  specialRequests: string;
  venueMarketingEmail: boolean;
  venueMarketingSms: boolean;
  marketingEmail: boolean;
  marketingSms: boolean;
}

export type DetailsField = "firstName" | "surname" | "email" | "countryCode" | "mobile" | "specialRequests";
export type DetailsErrors = Partial<Record<DetailsField, string>>;

export const EMPTY_DETAILS: Details = {
  firstName: "",
  surname: "",
  email: "",
  countryCode: "+44",
  mobile: "",
  specialRequests: "",
  venueMarketingEmail: false,
  venueMarketingSms: false,
  marketingEmail: false,
  marketingSms: false,
};

export const LIMITS = { name: 100, email: 254, specialRequests: 1000 } as const;

// marshmallow's Email validator: a dot-atom or quoted local part; a domain of labels ending in a
// 2+ character label, an IPv4 literal, or localhost.
const EMAIL_USER = /^(?:[-!#$%&'*+/=?^`{}|~\p{L}\p{N}_]+(?:\.[-!#$%&'*+/=?^`{}|~\p{L}\p{N}_]+)*|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*")$/iu;
const EMAIL_DOMAIN = /^(?:(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+(?:[a-z\u00a1-\uffff]{2,6}|[a-z0-9\u00a1-\uffff-]{2,})|\[(?:25[0-5]|2[0-4]\d|[01]?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|[01]?\d?\d)){3}\])$/iu;

export function isEmail(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at < 0) return false;
  const user = value.slice(0, at);
  const domain = value.slice(at + 1);
  return EMAIL_USER.test(user) && (domain === "localhost" || EMAIL_DOMAIN.test(domain));
}

/** shared/schemas.py PhoneNumber: optional +, then digits, spaces, -.() only; 6 to 15 digits. */
export function isPhoneNumber(value: string): boolean {
  const text = value.trim();
  const body = text.startsWith("+") ? text.slice(1) : text;
  const digits = body.replace(/\D/g, "").length;
  return body.length > 0 && /^[0-9 \-.()]+$/.test(body) && digits >= 6 && digits <= 15;
}

const COUNTRY_CODE = /^\+?[0-9]{1,4}$/;

// PlainText: no control characters (C0, DEL, C1); multi-line text may have newlines and tabs.
function hasControlCharacters(value: string, multiline = false): boolean {
  return [...value].some((ch) => {
    const code = ch.codePointAt(0)!;
    const control = code < 32 || (code >= 127 && code < 160);
    return control && !(multiline && "\n\r\t".includes(ch));
  });
}

function nameError(value: string, label: string, empty: string): string | undefined {
  const text = value.trim();
  if (!text) return empty;
  if (text.length > LIMITS.name) return `${label} must be ${LIMITS.name} characters or fewer`;
  if (hasControlCharacters(text)) return `${label} must only contain letters, spaces and punctuation`;
  return undefined;
}

export function validateDetails(details: Details): DetailsErrors {
  const errors: DetailsErrors = {};
  const set = (field: DetailsField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  set("firstName", nameError(details.firstName, "First name", "Enter your first name"));
  set("surname", nameError(details.surname, "Surname", "Enter your surname"));

  const email = details.email.trim();
  if (!email) set("email", "Enter your e-mail address");
  else if (email.length > LIMITS.email) set("email", `E-mail address must be ${LIMITS.email} characters or fewer`);
  else if (!isEmail(email)) set("email", "Enter an e-mail address in the correct format, like name@example.com");

  if (details.mobile.trim()) {
    if (!isPhoneNumber(details.mobile)) {
      set("mobile", "Enter a mobile number with 6 to 15 digits, like 07700 900123");
    }
    if (!COUNTRY_CODE.test(details.countryCode.trim())) {
      set("countryCode", "Enter a country code of 1 to 4 digits, like +44");
    }
  }

  if (details.specialRequests.length > LIMITS.specialRequests) {
    set("specialRequests", `Special requests must be ${LIMITS.specialRequests.toLocaleString("en-GB")} characters or fewer`);
  } else if (hasControlCharacters(details.specialRequests, true)) {
    set("specialRequests", "Special requests must only contain letters, numbers, spaces and punctuation");
  }
  return errors;
}

type Customer = components["schemas"]["Customer"];

/** The body's `customer` and `special_requests`, as the API takes them. */
export function toBookingFields(details: Details): { customer: Customer; special_requests: string | null } {
  const mobile = details.mobile.trim();
  const customer: Customer = {
    first_name: details.firstName.trim(),
    surname: details.surname.trim(),
    email: details.email.trim(),
    marketing_email: details.marketingEmail,
    marketing_sms: details.marketingSms,
    venue_marketing_email: details.venueMarketingEmail,
    venue_marketing_sms: details.venueMarketingSms,
  };
  if (mobile) {
    customer.mobile = mobile;
    customer.mobile_country_code = details.countryCode.trim();
  }
  const requests = details.specialRequests.trim();
  return { customer, special_requests: requests || null };
}

/** Where a 422's field path (`customer.email`) is shown in the form. */
const API_FIELDS: Record<string, DetailsField> = {
  "customer.first_name": "firstName",
  "customer.surname": "surname",
  "customer.email": "email",
  "customer.mobile": "mobile",
  "customer.mobile_country_code": "countryCode",
  special_requests: "specialRequests",
};

/**
 * A 422's per-field messages (dotted paths) placed on the form's fields; `unplaced` names the
 * paths no field shows (the date, time or party), which the form reports as a sentence instead.
 */
export function placeApiErrors(messages: Record<string, string>): { byField: DetailsErrors; unplaced: string[] } {
  const byField: DetailsErrors = {};
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(messages)) {
    const field = API_FIELDS[path];
    if (field) byField[field] = message;
    else unplaced.push(path);
  }
  return { byField, unplaced };
}
