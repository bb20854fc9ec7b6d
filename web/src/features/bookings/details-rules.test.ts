import { describe, expect, it } from "vitest";
import { EMPTY_DETAILS, isEmail, isPhoneNumber, placeApiErrors, toBookingFields, validateDetails, type Details } from "./details-rules";

const valid: Details = { ...EMPTY_DETAILS, firstName: "Ada", surname: "Lovelace", email: "ada@example.com" };

describe("validateDetails", () => {
  it("accepts a complete guest, with or without a mobile", () => {
    expect(validateDetails(valid)).toEqual({});
    expect(validateDetails({ ...valid, mobile: "07700 900123" })).toEqual({});
  });

  it("asks for the name and e-mail a customer must give", () => {
    expect(validateDetails(EMPTY_DETAILS)).toEqual({
      firstName: "Enter your first name",
      surname: "Enter your surname",
      email: "Enter your e-mail address",
    });
    expect(validateDetails({ ...valid, firstName: "   " }).firstName).toBe("Enter your first name");
  });

  it("holds names to the API's 100 characters and e-mails to 254", () => {
    expect(validateDetails({ ...valid, surname: "x".repeat(100) })).toEqual({});
    expect(validateDetails({ ...valid, surname: "x".repeat(101) }).surname).toBe("Surname must be 100 characters or fewer");
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(validateDetails({ ...valid, email: long }).email).toBe("E-mail address must be 254 characters or fewer");
  });

  it("checks a mobile and its country code only when a mobile is given", () => {
    expect(validateDetails({ ...valid, countryCode: "nonsense" })).toEqual({});
    expect(validateDetails({ ...valid, mobile: "12345" }).mobile).toMatch(/6 to 15 digits/);
    expect(validateDetails({ ...valid, mobile: "07700 900123", countryCode: "+12345" }).countryCode).toMatch(/1 to 4 digits/);
  });

  it("allows 1,000 characters of special requests, on several lines", () => {
    expect(validateDetails({ ...valid, specialRequests: "Window seat,\nhigh chair\tplease" })).toEqual({});
    expect(validateDetails({ ...valid, specialRequests: "x".repeat(1000) })).toEqual({});
    expect(validateDetails({ ...valid, specialRequests: "x".repeat(1001) }).specialRequests).toBe(
      "Special requests must be 1,000 characters or fewer",
    );
    expect(validateDetails({ ...valid, specialRequests: "bell\u0007" }).specialRequests).toBeDefined();
  });
});

describe("isEmail (marshmallow's rule)", () => {
  it.each(["ada@example.com", "a.b+tag@sub.example.co.uk", "user@localhost", "x@[192.168.0.1]", "zoë@exämple.de"])(
    "accepts %s",
    (email) => expect(isEmail(email)).toBe(true),
  );
  it.each(["", "ada", "ada@", "@example.com", "ada@example", "a..b@example.com", "ada@-example.com", "a b@example.com"])(
    "refuses %s",
    (email) => expect(isEmail(email)).toBe(false),
  );
});

describe("isPhoneNumber (shared/schemas.py PhoneNumber)", () => {
  it.each(["07700 900123", "+44 7700 900123", "(020) 7946-0958", "123456", "+123456789012345"])("accepts %s", (phone) =>
    expect(isPhoneNumber(phone)).toBe(true),
  );
  it.each(["12345", "+", "0770O 900123", "1234567890123456", "++447700900123", "07700/900123"])("refuses %s", (phone) =>
    expect(isPhoneNumber(phone)).toBe(false),
  );
});

describe("toBookingFields", () => {
  it("trims what was typed and sends the country code with the mobile only", () => {
    const fields = toBookingFields({ ...valid, firstName: " Ada ", mobile: " 07700 900123 ", specialRequests: "  " });
    expect(fields).toEqual({
      customer: {
        first_name: "Ada",
        surname: "Lovelace",
        email: "ada@example.com",
        mobile: "07700 900123",
        mobile_country_code: "+44",
        marketing_email: false,
        marketing_sms: false,
        venue_marketing_email: false,
        venue_marketing_sms: false,
      },
      special_requests: null,
    });
    expect(toBookingFields(valid).customer).not.toHaveProperty("mobile_country_code");
  });

  it("sends the consents as ticked", () => {
    const { customer } = toBookingFields({ ...valid, venueMarketingEmail: true, marketingSms: true });
    expect(customer).toMatchObject({ venue_marketing_email: true, marketing_sms: true, marketing_email: false });
  });
});

describe("placeApiErrors", () => {
  it("puts the API's messages on the form's fields, and names the rest", () => {
    expect(
      placeApiErrors({
        "customer.email": "Not a valid email address.",
        "customer.mobile_country_code": "String does not match expected pattern.",
        special_requests: "Longer than maximum length 1000.",
        party_size: "Must be greater than or equal to 1.",
      }),
    ).toEqual({
      byField: {
        email: "Not a valid email address.",
        countryCode: "String does not match expected pattern.",
        specialRequests: "Longer than maximum length 1000.",
      },
      unplaced: ["party_size"],
    });
  });
});
