/**
 * Staff pages with the keyboard alone, at 200 % zoom of the desktop layout (1280 px of screen is
 * 640 CSS px): from the day sheet, a walk-in added at a slot; focus always shown; nothing scrolls
 * sideways (checked by expectAccessible on every page).
 */
import { expect, type Page } from "@playwright/test";
import { test } from "./support/test";
import { dayFor, staffGet, STAFF, VENUE } from "./support/system";
import { expectAccessible, expectFocusOnHeading, screenshot } from "./support/page";

test.use({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });

async function tabTo(page: Page, target: ReturnType<Page["getByRole"]>, what: string) {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
      await expect(target).toHaveCSS("outline-style", "solid");
      return;
    }
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${what}`);
}

test("staff with the keyboard alone at 200 % zoom: log in, the day sheet, a walk-in added at a slot", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 13);
  const firstName = `Keys${Date.now()}`;
  await page.goto(`/staff/${VENUE}/day?date=${day}`);
  await expectFocusOnHeading(page, "Staff log in");
  await expectAccessible(page, "staff login at 200 %");
  await tabTo(page, page.getByRole("textbox", { name: "E-mail address" }), "the e-mail field");
  await page.keyboard.type(STAFF.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(STAFF.password);
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "Day sheet");
  await expect(page.getByRole("region", { name: "13:30" })).toBeVisible();
  await expectAccessible(page, "day sheet at 200 %");
  await screenshot(page, testInfo, "staff-zoom-200-day-sheet");
  await tabTo(page, page.getByRole("link", { name: "Add a booking at 13:30" }), "the 13:30 link");
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "New booking");
  await expect(page.getByRole("radio", { name: /^13:30/ })).toBeChecked();
  await expectAccessible(page, "new booking at 200 %");
  await tabTo(page, page.getByRole("textbox", { name: "First name (optional)" }), "the first name");
  await page.keyboard.type(firstName);
  await tabTo(page, page.getByRole("button", { name: "Add the booking" }), "the button");
  await page.keyboard.press("Enter");
  await expectFocusOnHeading(page, "Booking added");
  await expectAccessible(page, "a booking at 200 %");

  const { body } = await staffGet(request, "/api/v1/bookings", { venue: VENUE, q: firstName });
  expect(body.items).toEqual([expect.objectContaining({ date: day, time: "13:30", party_size: 2, channel: "walk_in" })]);

  // The bookings list and the capacity page reflow too.
  await tabTo(page, page.getByRole("link", { name: "Bookings", exact: true }), "the Bookings link");
  await page.keyboard.press("Enter");
  await expectFocusOnHeading(page, "Bookings");
  await expectAccessible(page, "bookings list at 200 %");
  await page.getByRole("link", { name: "Capacity", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expectFocusOnHeading(page, "Capacity");
  await expectAccessible(page, "capacity at 200 %");
});
