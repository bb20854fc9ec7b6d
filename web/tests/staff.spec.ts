/**
 * Staff steps 1-5: the day sheet (updating by itself), the bookings list, one booking (walk-in and
 * phone bookings, move, cancel with a reason, arrived, no-show, its history), the venue's capacity
 * and closed dates, and who sees which venue. Each asserts what a person sees and what the API holds.
 */
import { expect, type Page } from "@playwright/test";
import { test } from "./support/test";
import {
  ADMIN, bookThroughApi, dayFor, ledgerOf, OTHER_DATE, OTHER_REFERENCE, OTHER_STAFF, OTHER_VENUE, staffGet,
  STAFF, staffHeaders, startBooking, uniqueEmail, VENUE, type Booking,
} from "./support/system";
import { expectAccessible, expectFocusOnHeading, longDate, pickTime, screenshot } from "./support/page";
import { errorSummary, expectSummary, goTo, logIn } from "./support/staff";

/** The day sheet refreshes every 3 s; a booking made elsewhere must show within 5. */
const BY_ITSELF = { timeout: 5000 };

async function bookingsMatching(request: Parameters<typeof staffGet>[0], q: string, extra: Record<string, string> = {}) {
  const { status, body } = await staffGet(request, "/api/v1/bookings", { venue: VENUE, q, limit: 50, ...extra });
  expect(status).toBe(200);
  return body.items as { reference: string; status: string; time: string; party_size: number; channel: string; customer: Record<string, unknown>; special_requests: string | null; cancellation_reason_id: number | null }[];
}

test("staff 1: the day sheet shows covers against capacity and who is coming, and updates by itself", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 11);
  const surname = `Sheet${testInfo.project.name}${Date.now()}`;
  await bookThroughApi(request, {
    date: day, time: "19:00", partySize: 2, email: uniqueEmail(testInfo, "sheet"), firstName: "Grace", surname, requests: "Window table, please",
  });
  await bookThroughApi(request, { date: day, time: "12:30", partySize: 4, email: uniqueEmail(testInfo, "lunch"), firstName: "Alan", surname });

  await logIn(page);
  await expectFocusOnHeading(page, "Day sheet");
  await page.getByLabel("Date", { exact: true }).fill(day);
  await expect(page.getByText(longDate(day), { exact: true })).toBeVisible();
  const evening = page.getByRole("region", { name: "19:00" });
  await expect(evening).toContainText("2 of 20 covers booked, 18 left");
  await expect(evening.getByRole("link", { name: `Grace ${surname}` })).toBeVisible();
  await expect(evening).toContainText("Requests: Window table, please");
  await expect(page.getByRole("region", { name: "12:30" })).toContainText("4 of 20 covers booked, 16 left");
  await expect(page.getByRole("status").filter({ hasText: "bookings" })).toHaveText("2 bookings, 6 covers");
  await expectAccessible(page, "day sheet");
  await screenshot(page, testInfo, "staff-1-day-sheet");

  // A booking made elsewhere appears by itself, covers and all.
  await bookThroughApi(request, { date: day, time: "19:00", partySize: 3, email: uniqueEmail(testInfo, "late"), firstName: "Ada", surname });
  await expect(evening.getByRole("link", { name: `Ada ${surname}` })).toBeVisible(BY_ITSELF);
  await expect(evening).toContainText("5 of 20 covers booked, 15 left", BY_ITSELF);
  await expect(page.getByRole("status").filter({ hasText: "bookings" })).toHaveText("3 bookings, 9 covers");
  expect(await ledgerOf(request, day, "19:00")).toMatchObject({ capacity: 20, booked: 5 });

  // The next day, with the buttons.
  await page.getByRole("button", { name: /^Day after/ }).click();
  await expect(page).toHaveURL(/date=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByLabel("Date", { exact: true })).not.toHaveValue(day);
});

test("staff 2: the bookings list, searched, filtered by dates and status, in either order, page by page", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 12);
  const surname = `List${testInfo.project.name}${Date.now()}`;
  // Eleven bookings that day: a page of ten, then one more.
  const times = ["12:00", "12:30", "13:00", "13:30", "19:00", "19:30", "20:00", "20:30", "12:00", "13:00", "20:30"];
  const made: Booking[] = [];
  for (const [index, time] of times.entries()) {
    const firstName = `Guest${String(index + 1).padStart(2, "0")}`;
    made.push(await bookThroughApi(request, { date: day, time, partySize: 1, email: uniqueEmail(testInfo, firstName), firstName, surname }));
  }
  const inTimeOrder = (await bookingsMatching(request, surname, { from: day, to: day })).map((b) => b.reference);
  expect(inTimeOrder).toHaveLength(11);
  const nameOf = (reference: string) => {
    const index = made.findIndex((booking) => booking.reference === reference);
    return `Guest${String(index + 1).padStart(2, "0")} ${surname}`;
  };
  // One of them cancelled by the venue (reason 4, "Emergency").
  const cancelled = made[2]!;
  const cancelling = await request.post(`/api/v1/bookings/${cancelled.reference}/cancel`, {
    headers: await staffHeaders(request),
    data: { reason_id: 4 },
  });
  expect(cancelling.status()).toBe(200);

  await logIn(page);
  await goTo(page, "Bookings");
  await expectFocusOnHeading(page, "Bookings");
  await page.getByLabel("Search").fill(`${surname.toLowerCase()}`);
  await page.getByLabel("From").fill(day);
  await page.getByLabel("To").fill(day);
  await page.getByLabel("Bookings per page").selectOption("10");
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expectFocusOnHeading(page, "Results");
  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("link")).toHaveText(inTimeOrder.slice(0, 10).map(nameOf));
  await expect(results.getByRole("status")).toHaveText("Showing 10 bookings; there are more.");
  await expect(page).toHaveURL(new RegExp(`q=${surname.toLowerCase()}`));
  await expectAccessible(page, "bookings list");
  await screenshot(page, testInfo, "staff-2-bookings");

  // The next page follows the API's cursor; focus goes to the first booking added.
  await page.getByRole("button", { name: "Show more bookings" }).click();
  await expect(results.getByRole("link")).toHaveText(inTimeOrder.map(nameOf));
  await expect(results.getByRole("link", { name: nameOf(inTimeOrder[10]!) })).toBeFocused();
  await expect(page.getByRole("button", { name: "Show more bookings" })).toHaveCount(0);

  // Latest first, and one status.
  await page.getByLabel("Order").selectOption("desc");
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expect(results.getByRole("link").first()).toHaveText(nameOf(inTimeOrder[10]!));
  const latestFirst = (await bookingsMatching(request, surname, { from: day, to: day, order: "desc" })).map((b) => b.reference);
  expect(latestFirst).toEqual([...inTimeOrder].reverse());
  await expect(results.getByRole("link")).toHaveText(latestFirst.slice(0, 10).map(nameOf));
  await page.getByLabel("Status").selectOption("cancelled");
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expect(results.getByRole("link")).toHaveText([nameOf(cancelled.reference)]);
  await expect(results).toContainText("Cancelled");
  expect((await bookingsMatching(request, surname, { status: "cancelled" })).map((b) => b.reference)).toEqual([cancelled.reference]);

  // A reference alone finds its booking.
  await page.getByLabel("Search").fill(made[4]!.reference.toLowerCase());
  await page.getByLabel("Status").selectOption("");
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expect(results.getByRole("link")).toHaveText([nameOf(made[4]!.reference)]);

  // More words than the API takes: said, kept, nothing asked.
  await page.getByLabel("Search").fill("one two three four five six");
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expectSummary(page, "Search with at most 5 words");
  await expect(page.getByLabel("Search")).toHaveValue("one two three four five six");
  await expectAccessible(page, "bookings list, search refused");
});

test("staff 3a: a walk-in with just a first name, moved, marked arrived once it has started; its history", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 13);
  const firstName = `Walkin${testInfo.project.name}${Date.now()}`;

  // Logging in keeps the page asked for: the new booking form, with the day already chosen.
  await logIn(page, undefined, `/staff/${VENUE}/bookings/new?date=${day}`);
  await expectFocusOnHeading(page, "New booking");
  await expect(page.getByRole("radio", { name: "Walk-in" })).toBeChecked();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue(day);
  await page.getByLabel("Number of people").selectOption("3");
  await pickTime(page, "19:00");
  await page.getByLabel("First name (optional)").fill(firstName);
  await expectAccessible(page, "new walk-in booking");
  await screenshot(page, testInfo, "staff-3-new-booking");
  await page.getByRole("button", { name: "Add the booking" }).click();

  await expectFocusOnHeading(page, "Booking added");
  const [made] = await bookingsMatching(request, firstName);
  expect(made).toMatchObject({ channel: "walk_in", status: "confirmed", time: "19:00", party_size: 3 });
  expect(made!.customer).toMatchObject({ first_name: firstName, surname: null, email: null, mobile: null });
  await expect(page.getByRole("heading", { name: `Booking ${made!.reference}`, level: 1 })).toBeVisible();
  await expect(page.getByText("Walk-in,")).toBeVisible();

  // Move it: later, and one more guest.
  await page.getByRole("button", { name: "Move" }).click();
  await expectFocusOnHeading(page, "Move this booking");
  await expect(page.getByRole("radio", { name: /^19:00 .*your booking/ })).toBeChecked();
  await page.getByLabel("Number of people").selectOption("4");
  await pickTime(page, "20:00");
  await expectAccessible(page, "moving a booking (staff)");
  await page.getByRole("button", { name: "Save the move" }).click();
  await expectFocusOnHeading(page, "Booking moved");
  expect((await bookingsMatching(request, firstName))[0]).toMatchObject({ time: "20:00", party_size: 4 });
  await expect(page.getByText("4 people", { exact: true })).toBeVisible();

  // Arrived: refused before the booking starts, said in a sentence; nothing changes.
  await page.getByRole("button", { name: "Mark as arrived" }).click();
  await expectSummary(page, "This booking has not started yet. You can mark it as arrived or as a no-show once its time has come.");
  expect((await bookingsMatching(request, firstName))[0]!.status).toBe("confirmed");
  await expectAccessible(page, "arrived refused: not started");
  await screenshot(page, testInfo, "staff-3-not-started");

  await startBooking(request, made!.reference);
  await page.getByRole("button", { name: "Mark as arrived" }).click();
  await expectFocusOnHeading(page, "Marked as arrived");
  await expect(page.getByText("Arrived", { exact: true })).toBeVisible();
  expect((await bookingsMatching(request, firstName))[0]!.status).toBe("completed");
  await expect(page.getByRole("button", { name: "Mark as arrived" })).toHaveCount(0);

  // Who did what when, in the venue's time, as the audit log holds it.
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText(`You made the booking for 3 people at 19:00 on ${longDate(day)} (walk-in).`, { timeout: 15_000 });
  await expect(history).toContainText("You moved it from 19:00 to 20:00 and changed the party from 3 to 4 people.", { timeout: 15_000 });
  await expect(history).toContainText("You marked the guests as arrived.", { timeout: 15_000 });
  await expect(history.locator("time").first()).toHaveText(/^\w+day \d+ \w+ \d{4}, \d{2}:\d{2} (GMT|BST)$/);
  const audit = await staffGet(request, "/api/v1/audit", { venue: VENUE, entity_id: made!.reference });
  expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(["booking.created", "booking.updated", "booking.completed"]);
  await expectAccessible(page, "a booking with its history");
  await screenshot(page, testInfo, "staff-3-booking");
});

test("staff 3b: a phone booking with the guest's details, cancelled with the venue's reason; a no-show", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 13);
  const surname = `Phone${testInfo.project.name}${Date.now()}`;
  const email = uniqueEmail(testInfo, "phone");
  const before = (await ledgerOf(request, day, "12:00")).booked;

  await logIn(page);
  await goTo(page, "New booking");
  await expectFocusOnHeading(page, "New booking");
  await page.getByRole("radio", { name: "Phone" }).check();
  await page.getByLabel("Date", { exact: true }).fill(day);
  await pickTime(page, "12:00");
  await page.getByLabel("First name (optional)").fill("Ada");
  await page.getByLabel("Surname (optional)").fill(surname);
  await page.getByLabel("E-mail address (optional)").fill("ada@example");
  await page.getByLabel("Phone number (optional)").fill("07700 900123");
  await page.getByLabel("Special requests (optional)").fill("Step-free access");
  await page.getByRole("button", { name: "Add the booking" }).click();
  await expectSummary(page, "Enter an e-mail address in the correct format");
  expect(await bookingsMatching(request, surname)).toEqual([]);
  await page.getByLabel("E-mail address (optional)").fill(email);
  await page.getByRole("button", { name: "Add the booking" }).click();
  await expectFocusOnHeading(page, "Booking added");
  const [made] = await bookingsMatching(request, surname);
  expect(made).toMatchObject({ channel: "phone", time: "12:00", party_size: 2, special_requests: "Step-free access" });
  expect(made!.customer).toMatchObject({ first_name: "Ada", surname, email, mobile: "07700 900123" });
  expect((await ledgerOf(request, day, "12:00")).booked).toBe(before + 2);

  // Cancel: a reason is needed; staff may give any, the venue's own included.
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expectFocusOnHeading(page, "Cancel this booking");
  await expect(page.getByRole("group", { name: "Why is it cancelled?" }).getByRole("radio")).toHaveCount(5);
  await page.getByRole("button", { name: "Cancel the booking" }).click();
  await expectSummary(page, "Choose why the booking is cancelled");
  await expectAccessible(page, "cancelling, no reason chosen (staff)");
  await page.getByRole("radio", { name: "Restaurant Closure" }).check();
  await page.getByRole("button", { name: "Cancel the booking" }).click();
  await expectFocusOnHeading(page, "Booking cancelled");
  expect((await bookingsMatching(request, surname))[0]).toMatchObject({ status: "cancelled", cancellation_reason_id: 2 });
  expect((await ledgerOf(request, day, "12:00")).booked).toBe(before);
  await expect(page.getByRole("region", { name: "History" })).toContainText(
    "You cancelled the booking, giving the reason “Restaurant Closure”.",
    { timeout: 15_000 },
  );

  // A guest who booked online and never came.
  const absent = await bookThroughApi(request, { date: day, time: "13:00", partySize: 2, email: uniqueEmail(testInfo, "absent"), surname });
  await startBooking(request, absent.reference);
  await page.goto(`/staff/${VENUE}/bookings/${absent.reference}`);
  await logInAgainHere(page);
  await expectFocusOnHeading(page, `Booking ${absent.reference}`);
  await page.getByRole("button", { name: "Mark as no-show" }).click();
  await expectFocusOnHeading(page, "Marked as a no-show");
  expect((await staffGet(request, `/api/v1/bookings/${absent.reference}`)).body.status).toBe("no_show");
});

/** A page loaded anew has no session (tokens live in memory only): the login form, then the page asked for. */
async function logInAgainHere(page: Page) {
  await expectFocusOnHeading(page, "Staff log in");
  await page.getByLabel("E-mail address").fill(STAFF.email);
  await page.getByLabel("Password").fill(STAFF.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("staff 4: capacity: never below what is booked (refused, nothing changes); resize, close a time; close a date and reopen it", async (
  { page, request },
  testInfo,
) => {
  const day = dayFor(testInfo, 14);
  await bookThroughApi(request, { date: day, time: "19:00", partySize: 3, email: uniqueEmail(testInfo, "capacity") });

  await logIn(page);
  await goTo(page, "Capacity");
  await expectFocusOnHeading(page, "Capacity");
  await page.getByLabel("Date", { exact: true }).fill(day);
  await expect(page.getByRole("heading", { name: `Times on ${longDate(day)}` })).toBeVisible();
  const capacity = page.getByLabel("Capacity at 19:00");
  await expect(capacity).toHaveValue("20");

  // Below the 3 covers booked: the API refuses, the page says so, the number typed stays.
  await capacity.fill("2");
  await page.getByRole("button", { name: "Save 19:00" }).click();
  await expectSummary(page, "The capacity cannot be lower than the covers already booked at that time.");
  await expect(page.getByText("Error: The capacity at 19:00 cannot be below the 3 covers already booked")).toBeVisible();
  await expect(capacity).toHaveValue("2");
  expect(await ledgerOf(request, day, "19:00")).toMatchObject({ capacity: 20, booked: 3, is_open: true });
  await expectAccessible(page, "capacity below booked refused");
  await screenshot(page, testInfo, "staff-4-capacity-refused");

  await capacity.fill("30");
  await page.getByRole("button", { name: "Save 19:00" }).click();
  await expect(page.getByText("Saved: 19:00 takes 30 covers and is open for bookings.")).toBeVisible();
  await expect(errorSummary(page)).toHaveCount(0);
  expect(await ledgerOf(request, day, "19:00")).toMatchObject({ capacity: 30, booked: 3 });

  await page.getByLabel("Open for bookings at 12:00").uncheck();
  await page.getByRole("button", { name: "Save 12:00" }).click();
  await expect(page.getByText("Saved: 12:00 takes 20 covers and is closed for bookings.")).toBeVisible();
  expect(await ledgerOf(request, day, "12:00")).toMatchObject({ is_open: false });
  await screenshot(page, testInfo, "staff-4-capacity");

  // Close the whole date: the API keeps the booking made, and the page says so.
  await page.getByLabel("Date to close").fill(day);
  await page.getByLabel("Note (optional)").fill("Private party");
  await page.getByRole("button", { name: "Close the venue on this date" }).click();
  await expect(page.getByText(`The venue is closed on ${longDate(day)}.`)).toBeVisible();
  await expect(page.getByText("Bookings already made that day are kept: 3 covers at 19:00.")).toBeVisible();
  const closures = page.getByRole("region", { name: "Closed dates" });
  await expect(closures).toContainText(`${longDate(day)}Private party`);
  const closed = await staffGet(request, `/api/v1/venues/${VENUE}/closures`);
  expect(closed.body.items).toContainEqual(expect.objectContaining({ date: day, note: "Private party" }));
  const slots = await staffGet(request, `/api/v1/venues/${VENUE}/slots`, { from: day, to: day });
  expect(slots.body.items).toEqual([expect.objectContaining({ time: "19:00", booked: 3, is_open: false })]);
  await expectAccessible(page, "a date closed with a booking kept");
  await screenshot(page, testInfo, "staff-4-closed-date");

  // A date already closed is said so.
  await page.getByLabel("Date to close").fill(day);
  await page.getByRole("button", { name: "Close the venue on this date" }).click();
  await expect(page.locator("[aria-labelledby=closures-errors-title]")).toBeFocused();
  await expect(page.locator("[aria-labelledby=closures-errors-title]")).toContainText("The venue is already closed on that date.");

  await page.getByRole("button", { name: `Reopen on ${longDate(day)}` }).click();
  await expect(page.getByText(`The venue is open again on ${longDate(day)}`)).toBeVisible();
  const reopened = await staffGet(request, `/api/v1/venues/${VENUE}/closures`);
  expect(reopened.body.items.map((closure: { date: string }) => closure.date)).not.toContain(day);
  expect((await staffGet(request, `/api/v1/venues/${VENUE}/slots`, { from: day, to: day })).body.items.length).toBeGreaterThan(1);
});

test("staff 5: a venue's staff see only their venue; an admin switches venues", async ({ page, request }, testInfo) => {
  // The other venue's manager lands on their own venue, with no way to another.
  await logIn(page, OTHER_STAFF);
  await expectFocusOnHeading(page, "Day sheet");
  await expect(page).toHaveURL(new RegExp(`/staff/${OTHER_VENUE}/day$`));
  await expect(page.getByLabel("Venue", { exact: true })).toHaveCount(0);

  await logIn(page, OTHER_STAFF, `/staff/${VENUE}/day`);
  await expectFocusOnHeading(page, "Venue not found");
  await expect(page.getByRole("alert")).toHaveText(
    "We could not find that venue among the ones you work at. Check the address of the page, or choose one of your venues.",
  );
  await expect(page.getByRole("navigation", { name: "Staff" })).toHaveCount(0);
  await expectAccessible(page, "another venue's pages");
  // The API itself answers them nothing.
  for (const path of [`/api/v1/venues/${VENUE}/slots`, "/api/v1/bookings", "/api/v1/audit"]) {
    expect((await staffGet(request, path, { venue: VENUE }, OTHER_STAFF)).status, path).toBe(404);
  }

  // An admin starts at the demo venue and switches to the other one.
  await logIn(page, ADMIN);
  await expect(page).toHaveURL(new RegExp(`/staff/${VENUE}/day$`));
  await expectFocusOnHeading(page, "Day sheet");
  await goTo(page, "Bookings");
  await page.getByLabel("Venue", { exact: true }).selectOption(OTHER_VENUE);
  await page.getByRole("button", { name: "Switch venue" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/${OTHER_VENUE}/bookings`));
  await goTo(page, "Day sheet");
  await page.getByLabel("Date", { exact: true }).fill(OTHER_DATE);
  await expect(page.getByRole("region", { name: "10:00" }).getByText(OTHER_REFERENCE, { exact: false })).toBeVisible();
  await expectAccessible(page, "an admin on another venue");
  await screenshot(page, testInfo, "staff-5-admin");
  const theirs = await staffGet(request, "/api/v1/bookings", { venue: OTHER_VENUE, from: OTHER_DATE, to: OTHER_DATE }, ADMIN);
  expect(theirs.body.items.map((b: { reference: string }) => b.reference)).toContain(OTHER_REFERENCE);
});
