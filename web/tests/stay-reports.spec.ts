/** A hotel's reports: this week by default, a range of nights with stays booked read as the API answers it, ranges the API refuses. */
import { expect, type Locator, type Page } from "@playwright/test";
import { test } from "./support/test";
import { bookStayThroughApi, HOTEL, HOTEL_STAFF, hotelDay, staffGet, uniqueEmail, type Money } from "./support/system";
import { expectAccessible, expectFocusOnHeading, longDate, screenshot } from "./support/page";
import { goTo, logIn } from "./support/staff";

/** "€405.60", "−€58.50": as the app writes an amount in euros (a minus sign, not a hyphen). */
const euros = (money: Money) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency: money.currency }).format(Number(money.amount)).replace("-", "\u2212");

interface Figures {
  available: number;
  sold: number;
  occupancy: string;
  room_revenue: Money;
  adr: Money;
  revpar: Money;
}

/** "Monday 7 December": a night as the report's tables name it. */
const night = (date: string) => longDate(date).split(" ").slice(0, 3).join(" ");

/** "Monday 7 to Sunday 13 December 2026", as the page says a range of nights. */
function span(first: string, last: string): string {
  const [weekday, day, month, year] = longDate(first).split(" ");
  const end = longDate(last);
  const [, , endMonth, endYear] = end.split(" ");
  if (year !== endYear) return `${longDate(first)} to ${end}`;
  return month === endMonth ? `${weekday} ${day} to ${end}` : `${weekday} ${day} ${month} to ${end}`;
}

/** A row's cells as the page shows a figure: rooms sold, available, occupancy, room revenue, ADR, RevPAR. */
async function expectFigures(row: Locator, figures: Figures) {
  await expect(row.getByRole("cell")).toHaveText([
    String(figures.sold),
    String(figures.available),
    `${figures.occupancy}%`,
    euros(figures.room_revenue),
    euros(figures.adr),
    euros(figures.revpar),
  ]);
}

async function showRange(page: Page, first: string, last: string) {
  await page.getByLabel("First night").fill(first);
  await page.getByLabel("Last night").fill(last);
  await page.getByRole("button", { name: "Show the report" }).click();
}

test("reports 1: this week by default; a week with stays booked, its occupancy, ADR and RevPAR night by night and by room type, and revenue by kind as the API reports them", async (
  { page, request },
  testInfo,
) => {
  // Nights no other journey books, a week of them for each project.
  const offset = testInfo.project.name.startsWith("phone") ? 140 : 120;
  const first = hotelDay(offset);
  const last = hotelDay(offset + 6);
  const email = uniqueEmail(testInfo, "report");
  await bookStayThroughApi(request, { arrival: first, departure: hotelDay(offset + 2), roomType: "double", email });
  await bookStayThroughApi(request, {
    arrival: hotelDay(offset + 1), departure: hotelDay(offset + 4), roomType: "family", guests: 3, ratePlan: "non-refundable",
    email: `family.${email}`,
  });

  await logIn(page, HOTEL_STAFF, `/staff/${HOTEL}/front-desk`);
  await expectFocusOnHeading(page, "Front desk");
  await goTo(page, "Reports");
  await expectFocusOnHeading(page, "Reports");
  await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Reports" })).toHaveAttribute("aria-current", "page");

  // This week, Monday to Sunday in the hotel's calendar, unless the address says otherwise.
  const today = hotelDay(0);
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
  const monday = hotelDay(-weekday);
  const sunday = hotelDay(6 - weekday);
  await expect(page.getByLabel("First night")).toHaveValue(monday);
  await expect(page.getByLabel("Last night")).toHaveValue(sunday);
  await expect(page.getByText(`the nights of ${span(monday, sunday)} (7 nights)`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Quick ranges" }).getByRole("link", { name: "This week" })).toHaveAttribute("aria-current", "true");
  const nights = page.getByRole("table", { name: /^Each night's rooms sold/ });
  await expect(nights.locator("tbody").getByRole("row")).toHaveCount(7);
  await expect(nights.getByRole("rowheader").first()).toHaveText(night(monday));
  await expectAccessible(page, "reports, this week");
  await screenshot(page, testInfo, "staff-reports-1-week");

  // The week with the two stays: the figures the API answers, shown as sent.
  await showRange(page, first, last);
  await expect(page).toHaveURL(new RegExp(`/staff/${HOTEL}/reports\\?from=${first}&to=${last}$`));
  await expectFocusOnHeading(page, "The range");
  const { status, body: report } = await staffGet(request, `/api/v1/venues/${HOTEL}/stays/reports`, { from: first, to: hotelDay(offset + 7) }, HOTEL_STAFF);
  expect(status).toBe(200);
  // The double for the first two nights, the suite for the three after the first: what the report counts.
  expect(report.days.map((day: { total: Figures }) => day.total.sold)).toEqual([1, 2, 1, 1, 0, 0, 0]);
  expect(report.room_types.map((type: { room_type: string; sold: number }) => [type.room_type, type.sold])).toEqual([
    ["double", 2],
    ["family", 3],
    ["twin", 0],
  ]);
  expect(report.revenue_by_kind.map((line: { kind: string }) => line.kind).sort()).toEqual(
    ["city_tax", "discount", "extra_guests", "night", "tax"],
  );

  const summary = page.getByRole("region", { name: "The range" });
  await expect(summary.getByRole("definition")).toHaveText([
    `${report.total.occupancy}%`,
    `${report.total.sold} of ${report.total.available} room nights sold`,
    euros(report.total.adr),
    "Average daily rate: room revenue per room night sold",
    euros(report.total.revpar),
    "Revenue per available room night",
    euros(report.total.room_revenue),
    "Rooms, guest supplements and discounts, before taxes",
  ]);
  await expect(page.getByText(`the nights of ${span(first, last)} (7 nights)`)).toBeVisible();
  for (const day of report.days as { date: string; total: Figures }[]) {
    await expectFigures(nights.getByRole("row", { name: new RegExp(`^${night(day.date)}`) }), day.total);
  }
  await expectFigures(nights.getByRole("row", { name: /^All nights/ }), report.total);

  const types = page.getByRole("table", { name: /^Each room type over the whole range/ });
  const names: Record<string, string> = { double: "Double Room", family: "Family Suite", twin: "Twin Room" };
  await expect(types.locator("tbody").getByRole("rowheader")).toHaveText(["Double Room", "Family Suite", "Twin Room"]);
  for (const type of report.room_types as (Figures & { room_type: string })[]) {
    await expectFigures(types.getByRole("row", { name: new RegExp(`^${names[type.room_type]}`) }), type);
  }
  await expectFigures(types.getByRole("row", { name: /^All room types/ }), report.total);

  const grid = page.getByRole("table", { name: /^Occupancy of each room type, night by night/ });
  await expect(grid.getByRole("columnheader")).toHaveText(["Night", "Double Room", "Family Suite", "Twin Room", "All rooms"]);
  const second = report.days[1] as { date: string; room_types: Figures[]; total: Figures };
  await expect(grid.getByRole("row", { name: new RegExp(`^${night(second.date)}`) }).getByRole("cell")).toHaveText([
    ...second.room_types.map((type) => `${type.occupancy}% (${type.sold} of ${type.available})`),
    `${second.total.occupancy}% (${second.total.sold} of ${second.total.available})`,
  ]);

  const revenue = page.getByRole("table", { name: /^Revenue of these nights by kind/ });
  await expect(revenue.locator("tbody").getByRole("rowheader")).toHaveText(["Room nights", "Extra guests", "Discounts", "Tax on rooms", "City tax"]);
  for (const [kind, label] of [["night", "Room nights"], ["extra_guests", "Extra guests"], ["discount", "Discounts"], ["tax", "Tax on rooms"], ["city_tax", "City tax"]]) {
    const line = report.revenue_by_kind.find((each: { kind: string }) => each.kind === kind);
    await expect(revenue.getByRole("row", { name: new RegExp(`^${label}`) }).getByRole("cell")).toHaveText(euros(line.amount));
  }
  await expect(revenue.getByRole("row", { name: /^Discounts/ }).getByRole("cell")).toHaveText(/^\u2212€/);
  await expectAccessible(page, "reports, a week with stays");
  await screenshot(page, testInfo, "staff-reports-2-range");
});

test("reports 2: a range the API refuses is said beside its field, what was typed kept; a preset range then shows", async (
  { page },
  testInfo,
) => {
  const offset = testInfo.project.name.startsWith("phone") ? 140 : 120;
  const first = hotelDay(offset);
  await logIn(page, HOTEL_STAFF, `/staff/${HOTEL}/reports`);
  await expectFocusOnHeading(page, "Reports");

  // Longer than the API reports on: its 422, in words beside "Last night".
  const refusal = page.waitForResponse((answer) => answer.url().includes("/stays/reports?") && answer.status() === 422);
  await showRange(page, first, hotelDay(offset + 100));
  const envelope = await (await refusal).json();
  expect(envelope.error).toMatchObject({ code: "validation_failed", details: { to: ["A report covers at most 92 nights."] } });
  const summary = page.locator("[aria-labelledby=report-error-summary-title]");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText(["A report covers at most 92 nights: choose a last night closer to the first"]);
  await expect(page.getByText("Error: A report covers at most 92 nights: choose a last night closer to the first")).toBeVisible();
  await expect(page.getByLabel("First night")).toHaveValue(first);
  await expect(page.getByLabel("Last night")).toHaveValue(hotelDay(offset + 100));
  await expect(page.getByLabel("Last night")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("heading", { name: "The range" })).toHaveCount(0);
  await expectAccessible(page, "reports, a range too long");
  await screenshot(page, testInfo, "staff-reports-3-refused");

  // The last night before the first: refused by the API too, and said so.
  await showRange(page, hotelDay(offset + 6), first);
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText(["The last night must be the same as or after the first night"]);
  await expect(page.getByLabel("First night")).toHaveValue(hotelDay(offset + 6));
  await expect(page.getByLabel("Last night")).toHaveValue(first);
  await summary.getByRole("link").click();
  await expect(page.getByLabel("Last night")).toBeFocused();

  // A night left empty: said before asking.
  await page.getByLabel("Last night").fill("");
  await page.getByRole("button", { name: "Show the report" }).click();
  await expect(summary.getByRole("link")).toHaveText(["Enter the last night as a date, like 7 December 2026"]);
  await expect(page.getByLabel("First night")).toHaveValue(hotelDay(offset + 6));

  // A quick range: next week, shown.
  await page.getByRole("list", { name: "Quick ranges" }).getByRole("link", { name: "Next week" }).click();
  await expect(summary).toHaveCount(0);
  await expect(page.getByRole("table", { name: /^Each night's rooms sold/ }).locator("tbody").getByRole("row")).toHaveCount(7);
  await expectAccessible(page, "reports, next week");
});
