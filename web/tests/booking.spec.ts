/** Customer steps 1-4: the venue page, the day's slots, the guest's details, the confirmation. */
import { expect } from "@playwright/test";
import { test } from "./support/test";
import { readFileSync } from "node:fs";
import {
  changeSlot, dayFor, onlyBookingOf, slotsOn, uniqueEmail, VENUE, venueDay, type Booking,
} from "./support/system";
import {
  chooseVisit, expectAccessible, expectFocusOnHeading, fillDetails, pickTime, screenshot, visitText,
} from "./support/page";

test("the venue page: name, address, booking times, dates within the rules, parties up to the maximum (step 1)", async (
  { page, request },
  testInfo,
) => {
  const venue = await (await request.get(`/api/v1/venues/${VENUE}`)).json();
  await page.goto("/");
  await expectFocusOnHeading(page, "The Hungry Unicorn");
  await expect(page.getByText(venue.address)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Book a table", "Manage a booking"]);
  const hours = page.getByRole("region", { name: "Booking times" });
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    await expect(hours.getByText(day, { exact: true })).toBeVisible();
  }
  await expect(hours.getByText("12:00–13:30, 19:00–20:30")).toHaveCount(7);

  const date = page.getByLabel("Date");
  const earliest = new Date(Date.now() + venue.min_notice_minutes * 60_000);
  const firstDay = new Intl.DateTimeFormat("en-CA", { timeZone: venue.timezone }).format(earliest);
  await expect(date).toHaveAttribute("min", firstDay);
  await expect(date).toHaveAttribute("max", venueDay(venue.horizon_days));
  const sizes = Array.from({ length: venue.max_party_size }, (_, i) => (i === 0 ? "1 person" : `${i + 1} people`));
  await expect(page.getByLabel("Number of people").locator("option")).toHaveText(sizes);
  await expectAccessible(page, "venue page");
  await screenshot(page, testInfo, "1-venue");

  // A date past the horizon, typed in: said beside the field, and no times offered.
  await date.fill(venueDay(venue.horizon_days + 1));
  await expect(page.getByText(/^Error: Choose a date from /)).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expectAccessible(page, "venue page, date out of range");

  // Any venue by its slug, the demo venue's too.
  await page.goto(`/venues/${VENUE}`);
  await expect(page.getByRole("heading", { level: 1, name: "The Hungry Unicorn" })).toBeVisible();
});

test("the day's slots with what is left; full and closed ones shown but not pickable (step 2)", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 1);
  await changeSlot(request, day, "12:30", { is_open: false });
  await changeSlot(request, day, "13:00", { capacity: 0 });
  await changeSlot(request, day, "13:30", { capacity: 1 });
  const slots = await slotsOn(request, day, 2);

  await page.goto("/");
  await page.getByLabel("Date").fill(day);
  await expect(page.getByRole("group", { name: /^Times on / })).toBeVisible();
  for (const slot of slots) {
    const radio = page.getByRole("radio", { name: new RegExp(`^${slot.time}`) });
    if (slot.bookable) {
      await expect(radio).toBeEnabled();
      await expect(radio).toHaveAccessibleName(`${slot.time} ${slot.remaining} places left`);
    } else {
      await expect(radio).toBeDisabled();
    }
  }
  await expect(page.getByRole("radio", { name: "12:30 Full" })).toBeDisabled(); // closed
  await expect(page.getByRole("radio", { name: "13:00 Full" })).toBeDisabled(); // no capacity
  await expect(page.getByRole("radio", { name: "13:30 Not available" })).toBeDisabled(); // 1 place, a party of 2
  await page.locator("label").filter({ hasText: /^13:00/ }).click({ force: true }); // a click on a full one does nothing
  await expect(page.getByRole("radio", { name: /^13:00/ })).not.toBeChecked();
  await pickTime(page, "19:00");
  await expectAccessible(page, "slots of a day");
  await screenshot(page, testInfo, "2-slots");

  // Continue without a time: the error summary takes focus and links to the times.
  await page.getByLabel("Number of people").selectOption("4");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose a time");
  await expect(page.locator("[aria-labelledby=error-summary-title]")).toBeFocused();
  await expectAccessible(page, "no time chosen");
});

test("details checked as typed; one booking for a double click; confirmed in the venue's time (steps 3, 4)", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 2);
  const email = uniqueEmail(testInfo, "ada");
  await page.goto("/");
  await chooseVisit(page, { date: day, party: 3, time: "19:00" });
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFocusOnHeading(page, "Your details");
  await expectAccessible(page, "details form");

  // Checked as typed, once a field has been left: the API's own e-mail rule.
  const emailField = page.getByLabel("E-mail address");
  await emailField.fill("ada@example");
  await emailField.blur();
  const emailError = page.getByText("Error: Enter an e-mail address in the correct format, like name@example.com");
  await expect(emailError).toBeVisible();
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  await emailField.fill(email);
  await expect(emailError).toBeHidden();
  await page.getByLabel("Mobile number", { exact: true }).fill("12345");
  await page.getByLabel("Mobile number", { exact: true }).blur();
  await expect(page.getByText("Error: Enter a mobile number with 6 to 15 digits, like 07700 900123")).toBeVisible();

  // Submitting with gaps: the summary takes focus and links to each field.
  await page.getByRole("button", { name: "Book this table" }).click();
  const summary = page.locator("[aria-labelledby=error-summary-title]");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText([
    "Enter your first name",
    "Enter your surname",
    "Enter a mobile number with 6 to 15 digits, like 07700 900123",
  ]);
  await expectAccessible(page, "details with errors");
  await screenshot(page, testInfo, "3-details-errors");
  await summary.getByRole("link", { name: "Enter your first name" }).click();
  await expect(page.getByLabel("First name")).toBeFocused();

  await fillDetails(page, { firstName: "Ada", surname: "Lovelace", email, mobile: "07700 900123", requests: "Window seat, please" });
  await page.getByLabel("E-mail me news and offers from The Hungry Unicorn").check();
  await expect(summary).toBeHidden();
  await screenshot(page, testInfo, "3-details");
  await page.getByRole("button", { name: "Book this table" }).dblclick();

  await expectFocusOnHeading(page, "Booking confirmed");
  const booking: Booking = await onlyBookingOf(request, email);
  expect(booking).toMatchObject({
    status: "confirmed", date: day, time: "19:00", party_size: 3, special_requests: "Window seat, please",
  });
  expect(booking.customer).toMatchObject({
    first_name: "Ada", surname: "Lovelace", email, mobile: "07700 900123", mobile_country_code: "+44",
    venue_marketing_email: true, venue_marketing_sms: false, marketing_email: false, marketing_sms: false,
  });
  await expect(page.getByText(booking.reference, { exact: true })).toBeVisible();
  await expect(page.getByText(visitText(booking), { exact: true })).toBeVisible();
  await expect(page.getByText(`We have sent a confirmation to ${email}.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Changing or cancelling" })).toBeVisible();
  await expectAccessible(page, "confirmation");
  await screenshot(page, testInfo, "4-confirmation");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Add to calendar (.ics)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`booking-${booking.reference}.ics`);
  const calendar = readFileSync((await download.path())!, "utf8");
  const utc = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d+/, "");
  expect(calendar).toContain(`DTSTART:${utc(booking.starts_at)}\r\n`);
  expect(calendar).toContain("SUMMARY:The Hungry Unicorn: table for 3 people\r\n");

  // "Manage your booking here" opens it with the e-mail just given.
  await page.getByRole("link", { name: "manage your booking here" }).click();
  await expectFocusOnHeading(page, "Your booking");
  await expect(page.getByText(booking.reference, { exact: true })).toBeVisible();
});
