/** The desktop layout at 200 % zoom: 1280 px of screen is 640 CSS px. A whole booking still works,
 * nothing scrolls sideways (checked with axe in expectAccessible at each step). */
import { expect } from "@playwright/test";
import { test } from "./support/test";
import {
  appointmentsOf, CLINIC, CLINIC_STAFF, clinicWeekdayFor, dayFor, HOTEL, HOTEL_STAFF, hotelDay, LAB, LAB_STAFF, onlyBookingOf, uniqueEmail,
} from "./support/system";
import { chooseVisit, expectAccessible, expectFocusOnHeading, fillDetails, pickTime, screenshot } from "./support/page";
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

test("an appointment booked and moved, and the clinic's day sheet, at 200 % zoom", async ({ page, request }, testInfo) => {
  const day = clinicWeekdayFor(testInfo, 6);
  const email = uniqueEmail(testInfo, "zoom-appointment");
  await page.goto(`/venues/${CLINIC}`);
  await expect(page.getByRole("button", { name: "Choose Sports massage" })).toBeVisible();
  await expectAccessible(page, "services at 200 %");
  await page.goto(`/venues/${CLINIC}?service=sports-massage&staff=any&date=${day}`);
  await expect(page.getByRole("radio", { name: /^09:00/ })).toBeVisible();
  await expectAccessible(page, "appointment times at 200 %");
  await screenshot(page, testInfo, "zoom-200-appointment-times");
  await pickTime(page, "09:00");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFocusOnHeading(page, "Your details");
  await fillDetails(page, { firstName: "Zoe", surname: "Zoom", email });
  await expectAccessible(page, "appointment details at 200 %");
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expectFocusOnHeading(page, "Booking confirmed");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Book an appointment" })).toBeVisible();
  await expectAccessible(page, "appointment confirmation at 200 %");
  await screenshot(page, testInfo, "zoom-200-appointment-confirmation");
  const [booked] = await appointmentsOf(request, email);
  expect(booked).toMatchObject({ date: day, time: "09:00", appointment: { service: "sports-massage" } });
  await page.getByRole("link", { name: "manage your booking here" }).click();
  await expectFocusOnHeading(page, "Your booking");
  await page.getByRole("button", { name: "Change date, time or person" }).click();
  await expectFocusOnHeading(page, "Change your appointment");
  await expect(page.getByRole("radio", { name: /^09:15/ })).toBeVisible();
  await expectAccessible(page, "moving an appointment at 200 %");
  await screenshot(page, testInfo, "zoom-200-appointment-move");

  await logIn(page, CLINIC_STAFF, `/staff/${CLINIC}/day?date=${day}`);
  await expectFocusOnHeading(page, "Day sheet");
  await expect(page.getByRole("region", { name: "Mia Schulz" })).toBeVisible();
  await expectAccessible(page, "a clinic's day sheet at 200 %");
});

test("a lab's resource calendar at 200 % zoom: a week, a free time chosen", async ({ page }, testInfo) => {
  // A lab's new booking is made on the calendar: the page says so and links to it.
  await logIn(page, LAB_STAFF, `/staff/${LAB}/bookings/new`);
  await expectFocusOnHeading(page, "New booking");
  await expectAccessible(page, "a lab's new booking at 200 %");
  await page.getByRole("main").getByRole("link", { name: "resource calendar" }).click();
  await expectFocusOnHeading(page, "Resource calendar");
  await page.getByLabel("Resource").selectOption({ label: "Vinyl cutter" });
  await page.getByRole("button", { name: "Show its week" }).click();
  await page.getByRole("navigation", { name: "Weeks" }).getByRole("link", { name: "Next week" }).click();
  const week = page.getByRole("list", { name: "Vinyl cutter, day by day" });
  const free = week.getByRole("button", { name: /^Free Tuesday/ }).first();
  await expect(free).toBeVisible();
  await expectAccessible(page, "a resource's week at 200 %");
  await screenshot(page, testInfo, "zoom-200-staff-resource-week");
  await free.click();
  await expect(page.getByLabel("Start")).toBeFocused();
  await expectAccessible(page, "a free time chosen at 200 %");
});
