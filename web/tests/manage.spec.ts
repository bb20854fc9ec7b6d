/** Customer step 5: a booking opened from the e-mail's signed link, or by reference and e-mail; moved; cancelled. */
import { expect } from "@playwright/test";
import { test } from "./support/test";
import {
  bookingAs, bookingsOf, bookThroughApi, dayFor, emailLink, expiredToken, remainingAt, uniqueEmail,
} from "./support/system";
import { expectAccessible, expectFocusOnHeading, pickTime, screenshot, visitText } from "./support/page";

test("from the e-mail's signed link: see it, move it, cancel it; the covers come back (step 5a)", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 4);
  const email = uniqueEmail(testInfo, "mary");
  const booked = await bookThroughApi(request, { date: day, time: "19:00", partySize: 2, email });
  const freeAt = { "19:00": await remainingAt(request, day, "19:00"), "20:00": await remainingAt(request, day, "20:00") };
  const token = new URL(await emailLink(request, booked.reference)).searchParams.get("token");
  expect(token).toBeTruthy();

  await page.goto(`/bookings/${booked.reference}?token=${token}`);
  await expectFocusOnHeading(page, "Your booking");
  await expect(page.getByText(booked.reference, { exact: true })).toBeVisible();
  await expect(page.getByText(visitText(booked), { exact: true })).toBeVisible();
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  await expectAccessible(page, "a booking from the e-mail's link");
  await screenshot(page, testInfo, "5-manage");

  // Move: a later time and a larger party, with the same slot picker; only what changes is sent.
  await page.getByRole("button", { name: "Change date, time or party size" }).click();
  await expectFocusOnHeading(page, "Change your booking");
  await expect(page.getByRole("radio", { name: /^19:00 .*your booking/ })).toBeChecked();
  await page.getByLabel("Number of people").selectOption("4");
  await pickTime(page, "20:00");
  await expectAccessible(page, "moving a booking");
  await screenshot(page, testInfo, "5-move");
  await page.getByRole("button", { name: "Save the change" }).click();
  await expectFocusOnHeading(page, "Your booking has been changed");
  const moved = await bookingAs(request, booked.reference, email);
  expect(moved).toMatchObject({ status: "confirmed", date: day, time: "20:00", party_size: 4 });
  await expect(page.getByText(visitText(moved), { exact: true })).toBeVisible();
  await expect(page.getByText("4 people", { exact: true })).toBeVisible();
  await expect.poll(() => remainingAt(request, day, "19:00"), { message: "19:00 has its 2 covers back" }).toBe(freeAt["19:00"] + 2);
  await expect.poll(() => remainingAt(request, day, "20:00"), { message: "20:00 holds 4 covers" }).toBe(freeAt["20:00"] - 4);

  // Cancel, with a reason of the customer's own: only the ones a customer may give are offered.
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expectFocusOnHeading(page, "Cancel this booking?");
  const reasons = page.getByRole("group", { name: "Why are you cancelling?" });
  await expect(reasons.getByRole("radio")).toHaveCount(3);
  await expect(reasons.getByRole("radio", { name: "Restaurant Closure" })).toHaveCount(0);
  await page.getByRole("button", { name: "Yes, cancel my booking" }).click();
  await expect(page.locator("[aria-labelledby=error-summary-title]")).toBeFocused();
  await expect(page.getByRole("link", { name: "Choose why you are cancelling" })).toBeVisible();
  expect((await bookingAs(request, booked.reference, email)).status).toBe("confirmed");
  await expectAccessible(page, "cancelling a booking, no reason chosen");
  await screenshot(page, testInfo, "5-cancel-reason");
  await reasons.getByRole("radio", { name: "Weather" }).check();
  await page.getByRole("button", { name: "Yes, cancel my booking" }).click();
  await expectFocusOnHeading(page, "Your booking has been cancelled");
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Change date, time or party size" })).toHaveCount(0);
  const cancelled = await bookingAs(request, booked.reference, email);
  expect(cancelled).toMatchObject({ status: "cancelled", cancellation_reason_id: 3 });
  await expect.poll(() => remainingAt(request, day, "20:00"), { message: "20:00 has its 4 covers back" }).toBe(freeAt["20:00"]);
  await expectAccessible(page, "a cancelled booking");
  await screenshot(page, testInfo, "5-cancelled");
});

test("the confirmation e-mail's link opens the booking in the web app", async ({ request, baseURL }, testInfo) => {
  const booked = await bookThroughApi(request, { date: dayFor(testInfo, 4), time: "12:00", partySize: 1, email: uniqueEmail(testInfo, "link") });
  const link = new URL(await emailLink(request, booked.reference));
  expect(`${link.origin}${link.pathname}`).toBe(`${baseURL}/bookings/${booked.reference}`);
});

test("by reference and e-mail; a wrong e-mail finds nothing, keeps what was typed (step 5b)", async (
  { page, request },
  testInfo,
) => {
  const email = uniqueEmail(testInfo, "lookup");
  const booked = await bookThroughApi(request, { date: dayFor(testInfo, 5), time: "12:30", partySize: 2, email });
  await page.goto("/");
  await page.getByRole("link", { name: "Manage a booking" }).click();
  await expectFocusOnHeading(page, "Manage a booking");
  await page.getByLabel("Booking reference").fill(booked.reference.toLowerCase());
  await page.getByLabel("E-mail address").fill(`not-${email}`);
  await page.getByRole("button", { name: "Find my booking" }).click();

  await expectFocusOnHeading(page, "We could not find that booking");
  await expect(page.getByRole("alert")).toHaveText(
    "We could not find a booking with that reference and e-mail address. Check both and try again.",
  );
  await expect(page.getByLabel("Booking reference")).toHaveValue(booked.reference);
  await expect(page.getByLabel("E-mail address")).toHaveValue(`not-${email}`);
  await expectAccessible(page, "booking not found");
  expect(await bookingsOf(request, `not-${email}`)).toEqual([]);

  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Find my booking" }).click();
  await expectFocusOnHeading(page, "Your booking");
  await expect(page.getByText(visitText(booked), { exact: true })).toBeVisible();
});

test("an e-mail the API refuses (422): said beside the field and in the summary, input kept", async ({ page }) => {
  await page.goto("/bookings");
  await page.getByLabel("Booking reference").fill("ABCDEFG");
  await page.getByLabel("E-mail address").fill("ada@example"); // no top-level domain: the API's rule, not the form's
  await page.getByRole("button", { name: "Find my booking" }).click();
  const summary = page.locator("[aria-labelledby=error-summary-title]");
  await expect(summary).toBeFocused();
  const sentence = "Enter an e-mail address in the correct format, like name@example.com";
  await expect(summary.getByRole("link", { name: sentence })).toBeVisible();
  await expect(page.getByText(`Error: ${sentence}`)).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveValue("ada@example");
  await expectAccessible(page, "look-up refused by the API");
});

test("an expired link says so and offers reference and e-mail", async ({ page, request }, testInfo) => {
  const email = uniqueEmail(testInfo, "expired");
  const booked = await bookThroughApi(request, { date: dayFor(testInfo, 5), time: "13:00", partySize: 2, email });
  await page.goto(`/bookings/${booked.reference}?token=${await expiredToken(request, booked.reference)}`);
  await expectFocusOnHeading(page, "This link has expired");
  await expect(page.getByRole("alert")).toHaveText(
    "This link has expired. Enter your booking reference and e-mail address instead.",
  );
  await expect(page.getByLabel("Booking reference")).toHaveValue(booked.reference);
  await expectAccessible(page, "expired link");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Find my booking" }).click();
  await expectFocusOnHeading(page, "Your booking");
  await expect(page).toHaveURL(new RegExp(`/bookings/${booked.reference}$`));
});
