/** Customer step 7: what goes wrong is said in a sentence; what was typed stays; nothing is written
 * that should not be. The outages are real: a Tessera process is stopped, the browser goes offline. */
import { expect, type Page } from "@playwright/test";
import { test } from "./support/test";
import {
  bookingsOf, changeSlot, dayFor, onlyBookingOf, startProcess, stopProcess, uniqueEmail,
} from "./support/system";
import { chooseVisit, expectAccessible, expectFocusOnHeading, fillDetails, screenshot } from "./support/page";

async function detailsFilled(page: Page, day: string, time: string, email: string) {
  await page.goto("/");
  await chooseVisit(page, { date: day, party: 2, time });
  await page.getByRole("button", { name: "Continue" }).click();
  await fillDetails(page, { firstName: "Alan", surname: "Turing", email, mobile: "07700 900456", requests: "Quiet corner" });
}

async function expectInputKept(page: Page, email: string) {
  await expect(page.getByLabel("First name")).toHaveValue("Alan");
  await expect(page.getByLabel("Surname")).toHaveValue("Turing");
  await expect(page.getByLabel("E-mail address")).toHaveValue(email);
  await expect(page.getByLabel("Mobile number", { exact: true })).toHaveValue("07700 900456");
  await expect(page.getByLabel("Special requests (optional)")).toHaveValue("Quiet corner");
}

const summary = (page: Page) => page.locator("[aria-labelledby=error-summary-title]");

test("503 with the availability service stopped: try again, input kept, nothing written; the retry books once", async (
  { page, request },
  testInfo,
) => {
  const email = uniqueEmail(testInfo, "outage");
  await detailsFilled(page, dayFor(testInfo, 7), "19:00", email);
  await stopProcess(request, "availability");
  try {
    await page.getByRole("button", { name: "Book this table" }).click();
    await expect(summary(page)).toBeFocused();
    await expect(summary(page)).toContainText("The booking system is busy or briefly unavailable. Nothing you typed has been lost: try again in a moment.");
    await expectInputKept(page, email);
    await expectAccessible(page, "booking refused, a service down");
    await screenshot(page, testInfo, "7-service-down");
    expect(await bookingsOf(request, email)).toEqual([]);
  } finally {
    await startProcess(request, "availability");
  }
  await page.getByRole("button", { name: "Book this table" }).click();
  await expectFocusOnHeading(page, "Booking confirmed");
  expect((await onlyBookingOf(request, email)).time).toBe("19:00");
});

test("the venue's times while the availability service is stopped: a sentence and a way to try again", async (
  { page, request },
  testInfo,
) => {
  await page.goto("/");
  // Not today's times: late in the venue's day, today has none left to show.
  await page.getByLabel("Date").fill(dayFor(testInfo, 9));
  await expect(page.getByRole("radio").first()).toBeVisible();
  // The times' own alert: the venue's booking times above may refetch while the service is
  // down too, and then offer a "Try again" of their own.
  const times = page.getByRole("region", { name: "Book a table" });
  await stopProcess(request, "availability");
  try {
    await page.getByLabel("Date").fill(dayFor(testInfo, 8));
    await expect(times.getByRole("alert")).toContainText("try again in a moment");
    await expect(times.getByRole("button", { name: "Try again" })).toBeVisible();
    await expectAccessible(page, "times not available, a service down");
  } finally {
    await startProcess(request, "availability");
  }
  await times.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("group", { name: /^Times on / })).toBeVisible();
});

test("offline: the network failure is said, input kept; back online the same request books once", async (
  { page, request, context },
  testInfo,
) => {
  const email = uniqueEmail(testInfo, "offline");
  await detailsFilled(page, dayFor(testInfo, 7), "19:30", email);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Book this table" }).click();
  await expect(summary(page)).toContainText("We could not reach the booking system. Check your connection.");
  await expectInputKept(page, email);
  expect(await bookingsOf(request, email)).toEqual([]);
  await context.setOffline(false);
  await page.getByRole("button", { name: "Book this table" }).click();
  await expectFocusOnHeading(page, "Booking confirmed");
  await onlyBookingOf(request, email);
});

test("409: the slot filled up while the guest typed: back to fresh times, details kept, nothing written", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 8);
  const email = uniqueEmail(testInfo, "full");
  await detailsFilled(page, day, "13:00", email);
  await changeSlot(request, day, "13:00", { capacity: 0 });
  await page.getByRole("button", { name: "Book this table" }).click();
  await expectFocusOnHeading(page, /^Sorry, 13:00 on .* was taken meanwhile$/);
  await expect(page.getByText("Your details are kept")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Choose / })).toHaveText(["Choose 12:00", "Choose 12:30", "Choose 13:30"]);
  expect(await bookingsOf(request, email)).toEqual([]);
  await page.getByRole("button", { name: "Choose 13:30" }).click();
  await expectInputKept(page, email);
});

test("422: the slot was closed while the guest typed: a sentence, input kept, nothing written", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 9);
  const email = uniqueEmail(testInfo, "closed");
  await detailsFilled(page, day, "12:00", email);
  await changeSlot(request, day, "12:00", { is_open: false });
  await page.getByRole("button", { name: "Book this table" }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page)).toContainText("That time can no longer be booked online. Please choose another time.");
  await expectInputKept(page, email);
  await expectAccessible(page, "booking refused: slot closed");
  expect(await bookingsOf(request, email)).toEqual([]);
});

test("404: an unknown venue and an unknown page each say so in a sentence", async ({ page }) => {
  await page.goto("/venues/NoSuchVenue");
  await expect(page.getByRole("alert")).toContainText("We could not find that venue. Check the address of the page.");
  await expectAccessible(page, "unknown venue");
  await page.goto("/no/such/page");
  await expectFocusOnHeading(page, "Page not found");
  await expectAccessible(page, "unknown page");
});
