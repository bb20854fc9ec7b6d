/** The desktop layout at 200 % zoom: 1280 px of screen is 640 CSS px. A whole booking still works,
 * nothing scrolls sideways (checked with axe in expectAccessible at each step). */
import { expect, test } from "@playwright/test";
import { CLINIC, CLINIC_STAFF, clinicWeekdayFor, dayFor, HOTEL, HOTEL_STAFF, hotelDay, onlyBookingOf, uniqueEmail } from "./support/system";
import { chooseVisit, expectAccessible, expectFocusOnHeading, fillDetails, screenshot } from "./support/page";
import { goTo, logIn } from "./support/staff";

test.use({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });

test("a booking at 200 % zoom", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(testInfo, "zoom");
  await page.goto("/");
  await expectAccessible(page, "venue page at 200 %");
  await chooseVisit(page, { date: dayFor(testInfo, 10), party: 2, time: "12:30" });
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFocusOnHeading(page, "Your details");
  await fillDetails(page, { firstName: "Zoe", surname: "Zoom", email, mobile: "+44 7700 900789" });
  await expectAccessible(page, "details at 200 %");
  await page.getByRole("button", { name: "Book this table" }).click();
  await expectFocusOnHeading(page, "Booking confirmed");
  await expectAccessible(page, "confirmation at 200 %");
  await screenshot(page, testInfo, "zoom-200-confirmation");
  expect((await onlyBookingOf(request, email)).time).toBe("12:30");
  await page.goto("/bookings");
  await expectAccessible(page, "find a booking at 200 %");
});

test("a stay's rooms and rates, and the front desk and room board, at 200 % zoom", async ({ page }, testInfo) => {
  await page.goto(`/venues/${HOTEL}?arrival=${hotelDay(50)}&departure=${hotelDay(53)}&guests=2`);
  await expect(page.getByRole("region", { name: "Double Room" }).getByRole("button", { name: "Choose Flexible" })).toBeVisible();
  await page.getByRole("region", { name: "Double Room" }).getByText("Price night by night").first().click();
  await expectAccessible(page, "rooms and rates at 200 %");
  await screenshot(page, testInfo, "zoom-200-stay-rooms");

  await logIn(page, HOTEL_STAFF, `/staff/${HOTEL}/front-desk`);
  await expectFocusOnHeading(page, "Front desk");
  await expect(page.getByRole("region", { name: /^Arrivals/ })).toBeVisible();
  await expectAccessible(page, "front desk at 200 %");
  await goTo(page, "Room board");
  await expectFocusOnHeading(page, "Room board");
  await expect(page.getByRole("group", { name: "Housekeeping, room 101" })).toBeVisible();
  await expectAccessible(page, "room board at 200 %");
  await screenshot(page, testInfo, "zoom-200-staff-room-board");
});

test("an appointment's services and times, and the clinic's day sheet, at 200 % zoom", async ({ page }, testInfo) => {
  const day = clinicWeekdayFor(testInfo, 6);
  await page.goto(`/venues/${CLINIC}`);
  await expect(page.getByRole("button", { name: "Choose Sports massage" })).toBeVisible();
  await expectAccessible(page, "services at 200 %");
  await page.goto(`/venues/${CLINIC}?service=sports-massage&staff=any&date=${day}`);
  await expect(page.getByRole("radio", { name: /^09:00/ })).toBeVisible();
  await expectAccessible(page, "appointment times at 200 %");
  await screenshot(page, testInfo, "zoom-200-appointment-times");

  await logIn(page, CLINIC_STAFF, `/staff/${CLINIC}/day?date=${day}`);
  await expectFocusOnHeading(page, "Day sheet");
  await expect(page.getByRole("region", { name: "Mia Schulz" })).toBeVisible();
  await expectAccessible(page, "a clinic's day sheet at 200 %");
});
