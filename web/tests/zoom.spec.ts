/** The desktop layout at 200 % zoom: 1280 px of screen is 640 CSS px. A whole booking still works,
 * nothing scrolls sideways (checked with axe in expectAccessible at each step). */
import { expect, test } from "@playwright/test";
import { dayFor, onlyBookingOf, uniqueEmail } from "./support/system";
import { chooseVisit, expectAccessible, expectFocusOnHeading, fillDetails, screenshot } from "./support/page";

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
