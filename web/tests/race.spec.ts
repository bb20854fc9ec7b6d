/** Customer step 6: a slot taken meanwhile. Two guests race for its last places; one gets them, the
 * other is brought back to fresh times with the nearest ones offered and their details kept. */
import { expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { test } from "./support/test";
import { bookingsOf, changeSlot, dayFor, ledgerOf, onlyBookingOf, uniqueEmail } from "./support/system";
import { chooseVisit, expectAccessible, expectFocusOnHeading, fillDetails, screenshot } from "./support/page";

async function guestPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const { viewport, isMobile, hasTouch, locale, timezoneId, baseURL } = testInfo.project.use;
  const context = await browser.newContext({ viewport, isMobile, hasTouch, locale, timezoneId, baseURL });
  return context.newPage();
}

async function readyToBook(page: Page, day: string, time: string, guest: { firstName: string; email: string }) {
  await page.goto("/");
  await chooseVisit(page, { date: day, party: 2, time });
  await page.getByRole("button", { name: "Continue" }).click();
  await fillDetails(page, { firstName: guest.firstName, surname: "Racer", email: guest.email, requests: `${guest.firstName}'s table` });
}

const OUTCOME = /^(Booking confirmed|Sorry, 20:00 on .* was taken meanwhile)$/;

test("two tabs race for the last places: one confirmed, one offered the nearest times, never overbooked", async (
  { browser, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 6);
  const before = await ledgerOf(request, day, "20:00");
  await changeSlot(request, day, "20:00", { capacity: before.booked + 2 }); // room for one party of two
  const guests = [
    { firstName: "Ann", email: uniqueEmail(testInfo, "ann") },
    { firstName: "Bob", email: uniqueEmail(testInfo, "bob") },
  ];
  const pages = await Promise.all(guests.map(() => guestPage(browser, testInfo)));
  await Promise.all(pages.map((page, i) => readyToBook(page, day, "20:00", guests[i]!)));

  await Promise.all(pages.map((page) => page.getByRole("button", { name: "Book this table" }).click()));
  const outcomes = await Promise.all(
    pages.map(async (page) => {
      const heading = page.getByRole("heading", { name: OUTCOME });
      await expect(heading).toBeVisible();
      return (await heading.textContent()) === "Booking confirmed" ? "won" : "lost";
    }),
  );
  expect([...outcomes].sort()).toEqual(["lost", "won"]);
  const winner = outcomes.indexOf("won");
  const loser = 1 - winner;
  const lost = pages[loser]!;

  // The slot holds exactly its capacity, and only the winner has a booking.
  const after = await ledgerOf(request, day, "20:00");
  expect(after.booked).toBe(after.capacity);
  expect((await onlyBookingOf(request, guests[winner]!.email)).time).toBe("20:00");
  expect(await bookingsOf(request, guests[loser]!.email)).toEqual([]);

  // The loser sees fresh times: 20:00 full, the nearest offered first.
  await expect(lost.getByRole("heading", { name: /was taken meanwhile/ })).toBeFocused();
  await expect(lost.getByRole("radio", { name: "20:00 Full" })).toBeDisabled();
  const offers = lost.getByRole("button", { name: /^Choose \d\d:\d\d$/ });
  await expect(offers).toHaveText(["Choose 19:00", "Choose 19:30", "Choose 20:30"]);
  await expectAccessible(lost, "slot taken meanwhile");
  await screenshot(lost, testInfo, "6-taken-meanwhile");

  // Taking the nearest one: the details are still there, and it books.
  await lost.getByRole("button", { name: "Choose 19:30" }).click();
  await expectFocusOnHeading(lost, "Your details");
  await expect(lost.getByLabel("First name")).toHaveValue(guests[loser]!.firstName);
  await expect(lost.getByLabel("E-mail address")).toHaveValue(guests[loser]!.email);
  await lost.getByRole("button", { name: "Book this table" }).click();
  await expectFocusOnHeading(lost, "Booking confirmed");
  const rebooked = await onlyBookingOf(request, guests[loser]!.email);
  expect(rebooked).toMatchObject({ time: "19:30", party_size: 2, special_requests: `${guests[loser]!.firstName}'s table` });
  await Promise.all(pages.map((page) => page.context().close()));
});
