/** The demo lab's resource calendar: staff book a weekly series that collides with reservations already
 * made, are told which dates and why (all or nothing refused, then what is free booked), and put someone
 * on the waitlist for a taken time. */
import { expect } from "@playwright/test";
import { test } from "./support/test";
import { LAB, LAB_STAFF, labDay, staffGet, staffPost } from "./support/system";
import { expectAccessible, expectFocusOnHeading, longDate, screenshot, tabTo } from "./support/page";
import { goTo, logIn } from "./support/staff";

const addDays = (isoDate: string, days: number) => {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
};
/** The Tuesday of next week, in the lab's calendar: the series' first date, one "Next week" away. */
function nextWeeksTuesday(): string {
  const today = labDay(0);
  const [year, month, day] = today.split("-").map(Number);
  const weekday = new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay();
  const monday = addDays(today, -((weekday + 6) % 7));
  return addDays(monday, 8);
}

test("staff book a weekly series that collides with existing reservations and see its conflict report (reservations 1)", async (
  { page, request },
  testInfo,
) => {
  // Each project its own printer, so that the desktop and the phone never collide with each other.
  const printer = testInfo.project.name.startsWith("phone") ? "3D printer B" : "3D printer A";
  const listed = await request.get(`/api/v1/venues/${LAB}/resources`, { params: { limit: 100 } });
  expect(listed.ok(), "the lab's resources").toBe(true);
  const resources = (await listed.json()).items as { id: number; name: string }[];
  const resource = resources.find((each) => each.name === printer);
  expect(resource, `${printer} at ${LAB}`).toBeTruthy();
  const first = nextWeeksTuesday();
  const second = addDays(first, 7);
  const fourth = addDays(first, 21);
  // Two reservations already made, over the series' 2nd and 4th dates.
  for (const date of [second, fourth]) {
    const made = await staffPost(
      request,
      "/api/v1/bookings",
      { kind: "reservation", venue: LAB, resource: resource!.id, start: `${date}T11:00`, end: `${date}T13:00`, customer: { first_name: "Grace", surname: "Hopper" } },
      LAB_STAFF,
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
  }

  await logIn(page, LAB_STAFF, `/staff/${LAB}`);
  await expectFocusOnHeading(page, "Resource calendar");
  await expect(page).toHaveURL(new RegExp(`/staff/${LAB}/calendar`));
  await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link")).toHaveText(["Resource calendar", "Bookings"]);
  await page.getByLabel("Resource").selectOption({ label: printer });
  await page.getByRole("button", { name: "Show its week" }).click();
  await page.getByRole("navigation", { name: "Weeks" }).getByRole("link", { name: "Next week" }).click();
  const [, day, month] = longDate(first).split(" ");
  const week = page.getByRole("list", { name: `${printer}, day by day` });
  const tuesday = week.getByRole("button", { name: `Free Tuesday ${day} ${month}, 08:00 to 22:00: choose` });
  await expect(tuesday).toBeVisible();
  await expect(week.getByRole("listitem").filter({ hasText: /^Sunday/ })).toContainText("Hours: Closed");
  await expect(week.getByRole("listitem").filter({ hasText: /^Tuesday/ })).toContainText("Hours: 08:00 to 22:00");
  await expectAccessible(page, "the printer's week");
  await screenshot(page, testInfo, "staff-lab-1-week");

  // A free time chosen: the form filled in, the keyboard at its start time.
  await tuesday.click();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue(first);
  await expect(page.getByLabel("Start")).toBeFocused();
  await expect(page.getByLabel("Start")).toHaveValue("08:00");
  await page.getByLabel("Start").fill("10:00");
  await page.getByLabel("End").fill("12:00");
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Surname").fill("Lovelace");
  await page.getByLabel("Repeat every week").check();
  await page.getByLabel("For how many weeks?").fill("6");

  // All or nothing: refused, both dates named, nothing booked, what was typed kept.
  await page.getByRole("button", { name: "Reserve the series" }).click();
  const summary = page.locator("[aria-labelledby=reserve-error-summary-title]");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Nothing was booked: 2 dates of the 6 cannot be had, because they are already reserved.");
  await expect(summary.getByRole("list", { name: "Dates that could not be booked" }).getByRole("listitem")).toHaveText([
    `${longDate(second)}, 10:00 to 12:00: already reserved`,
    `${longDate(fourth)}, 10:00 to 12:00: already reserved`,
  ]);
  await expect(page.getByLabel("Start")).toHaveValue("10:00");
  await expect(page.getByLabel("For how many weeks?")).toHaveValue("6");
  await expect(page.getByLabel("First name")).toHaveValue("Ada");
  const none = await staffGet(request, "/api/v1/bookings", { venue: LAB, kind: "reservation", resource: resource!.id, q: "Lovelace" }, LAB_STAFF);
  expect(none.body.items, "all or nothing held nothing").toHaveLength(0);
  await expectAccessible(page, "the series refused");
  await screenshot(page, testInfo, "staff-lab-2-refused");

  // Book what is free: four booked, the two reported.
  await page.getByLabel("Book the dates that are free, and tell me which are not").check();
  await page.getByRole("button", { name: "Reserve the series" }).click();
  await expectFocusOnHeading(page, `4 of 6 dates booked: the ${printer} for Ada Lovelace`);
  const notBooked = page.getByRole("list", { name: "2 dates not booked" });
  await expect(notBooked.getByRole("listitem")).toHaveText([
    `${longDate(second)}, 10:00 to 12:00: already reserved`,
    `${longDate(fourth)}, 10:00 to 12:00: already reserved`,
  ]);
  const reference = (await page.getByRole("status").getByRole("link").first().textContent())!.trim();
  const held = await staffGet(request, `/api/v1/bookings/${reference}`, {}, LAB_STAFF);
  expect(held.body.kind).toBe("reservation");
  expect(held.body.reservation.occurrences.map((o: { start: string }) => o.start)).toEqual(
    [0, 14, 28, 35].map((days) => `${addDays(first, days)}T10:00`),
  );
  expect(held.body.reservation.conflicts.map((c: { start: string }) => c.start)).toEqual([`${second}T10:00`, `${fourth}T10:00`]);
  // The week shows the first date busy now.
  await expect(week.getByRole("listitem").filter({ hasText: new RegExp(`^Tuesday ${day} ${month}`) })).toContainText("10:00 to 12:10");
  await expectAccessible(page, "the series booked with its conflict report");
  await screenshot(page, testInfo, "staff-lab-3-series");

  // A taken time waited for: Grace Hopper's on the 2nd date.
  await page.getByLabel("Repeat every week").uncheck();
  await page.getByLabel("Date", { exact: true }).fill(second);
  await page.getByLabel("Start").fill("11:00");
  await page.getByLabel("End").fill("13:00");
  await page.getByLabel("E-mail address (optional)").fill(`ada.${testInfo.project.name}@example.com`);
  await page.getByRole("button", { name: "Join the waitlist for this time" }).click();
  await expectFocusOnHeading(page, "Ada Lovelace is on the waitlist");
  const waiting = await staffGet(request, `/api/v1/venues/${LAB}/resources/${resource!.id}/waitlist`, {}, LAB_STAFF);
  expect(waiting.body.items.map((entry: { start: string; status: string }) => [entry.start, entry.status])).toContainEqual([`${second}T11:00`, "waiting"]);
  await expectAccessible(page, "on the waitlist");
  await screenshot(page, testInfo, "staff-lab-4-waitlist");

  // The series' own page: its printer, its dates and the two not booked; no "Move" (not in the app yet).
  await logIn(page, LAB_STAFF, `/staff/${LAB}/bookings/${reference}`);
  await expectFocusOnHeading(page, `Booking ${reference}`);
  await expect(page.getByText(printer, { exact: true })).toBeVisible();
  await expect(page.getByText(`${longDate(first)}, 10:00 to 12:00; 4 dates, the last on ${longDate(addDays(first, 35))}`)).toBeVisible();
  await expect(page.getByText(`${longDate(second)}, 10:00 to 12:00: already reserved; ${longDate(fourth)}, 10:00 to 12:00: already reserved`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Move" })).toHaveCount(0);
  // A reservation is used, not arrived at.
  await expect(page.getByRole("button", { name: "Mark as used" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as arrived" })).toHaveCount(0);
  // Its history says what was reserved, not a table's "for 1 person".
  const last = longDate(addDays(first, 35));
  await expect(page.getByRole("region", { name: "History" })).toContainText(
    `You reserved ${printer} from 10:00 to 12:00 on ${longDate(first)} and 3 more dates to ${last}`,
  );
  await expect(page.getByText(/1 person/)).toHaveCount(0);
  await expectAccessible(page, "the series' page");
  await screenshot(page, testInfo, "staff-lab-5-booking");

  // The bookings list says each reservation's resource and range, a series' dates; not "1 person".
  await goTo(page, "Bookings");
  await expectFocusOnHeading(page, "Bookings");
  await page.getByLabel("Search").fill(reference);
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expectFocusOnHeading(page, "Results");
  const row = page.getByRole("region", { name: "Results" }).getByRole("listitem").filter({ hasText: reference });
  await expect(row).toContainText(`${printer} · 10:00 to 12:00 · 4 dates, the last on ${last}`);
  await expect(row).not.toContainText("person");
  await expectAccessible(page, "a lab's bookings list");
  await screenshot(page, testInfo, "staff-lab-6-bookings");
});

// The keyboard's journey is the desktop's, as keyboard.spec.ts (playwright.config.ts leaves it out on a phone).
test("a free time chosen and reserved with the keyboard alone, focus visible (reservations 2)", async ({ page }) => {
  await logIn(page, LAB_STAFF, `/staff/${LAB}/calendar`);
  await expectFocusOnHeading(page, "Resource calendar");
  await page.keyboard.press("Tab");
  const select = await tabTo(page, page.getByLabel("Resource"));
  await select.selectOption({ label: "Soldering station" }); // a select's own keys vary by platform: chosen as its value
  await (await tabTo(page, page.getByRole("button", { name: "Show its week" }))).press("Enter");
  await (await tabTo(page, page.getByRole("link", { name: "Next week" }))).press("Enter");
  const [, day, month] = longDate(nextWeeksTuesday()).split(" ");
  const free = page.getByRole("button", { name: `Free Tuesday ${day} ${month}, 09:00 to 21:00: choose` });
  await expect(free).toBeVisible();
  await tabTo(page, free, 80);
  const ring = await free.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(ring, "a visible focus ring").not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Start")).toBeFocused();
  await expect(page.getByLabel("End")).toHaveValue("11:00");
  await (await tabTo(page, page.getByRole("button", { name: "Reserve", exact: true }))).press("Enter");
  await expectFocusOnHeading(page, "Booked: the Soldering station for you");
  await expect(page.getByRole("list", { name: `Soldering station, day by day` }).getByRole("listitem").filter({ hasText: new RegExp(`^Tuesday ${day} ${month}`) })).toContainText("09:00 to 11:00");
  await expectAccessible(page, "reserved by keyboard");
});
