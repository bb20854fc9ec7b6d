/** The front desk of the demo hotel: a guest checked in to a room picked, a charge posted, checked out with an invoice and its PDF; the room board. */
import { expect } from "@playwright/test";
import { test } from "./support/test";
import { readFileSync } from "node:fs";
import { bookStayThroughApi, HOTEL, HOTEL_STAFF, hotelDay, staffGet, staffHeaders, staffPost, uniqueEmail } from "./support/system";
import { expectAccessible, expectFocusOnHeading, longDate, screenshot } from "./support/page";
import { goTo, logIn } from "./support/staff";

const euros = (amount: string) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(Number(amount));

test("front desk 1: checked in to a room picked, a minibar charge posted, checked out; the invoice's PDF downloaded; the room cleaned", async (
  { page, request },
  testInfo,
) => {
  const email = uniqueEmail(testInfo, "desk");
  const booked = await bookStayThroughApi(request, {
    arrival: hotelDay(0), departure: hotelDay(2), roomType: "twin", email, firstName: "Rui", surname: "Costa",
  });
  const reference = booked.reference;

  await logIn(page, HOTEL_STAFF, `/staff/${HOTEL}/front-desk`);
  await expectFocusOnHeading(page, "Front desk");
  const nav = page.getByRole("navigation", { name: "Staff" });
  await expect(nav.getByRole("link")).toHaveText(["Front desk", "Room board", "Bookings", "Reports"]);
  await expect(page.getByRole("status").filter({ hasText: / to arrive, \d+ in house, \d+ to leave$/ })).toBeVisible();
  const row = page.getByRole("region", { name: /^Arrivals/ }).getByRole("listitem").filter({ hasText: reference });
  await expect(row).toContainText("Twin Room · no room yet · 2 guests · 2 nights");
  await expect(row.getByRole("button", { name: "Check in Rui Costa" })).toBeVisible();
  await expectAccessible(page, "front desk");
  await screenshot(page, testInfo, "staff-desk-1-day");

  // The stay's page: a room picked from the twins free tonight.
  await row.getByRole("link", { name: "Rui Costa" }).click();
  await expectFocusOnHeading(page, `Stay ${reference}: Rui Costa`);
  const picker = page.getByLabel("Room for Rui Costa");
  await expect.poll(() => picker.locator("option").count(), "the free twins, once the room board is in").toBeGreaterThan(1);
  const rooms = await picker.locator("option").evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
  expect(rooms[0], "the best free room first, as the API chooses it").toBe("");
  const room = rooms[rooms.length - 1]!;
  expect(room).toMatch(/^20\d$/);
  await picker.selectOption(room);
  await page.getByRole("button", { name: "Check in Rui Costa" }).click();
  await expectFocusOnHeading(page, `Checked in to room ${room}`);
  const inHouse = await staffGet(request, `/api/v1/bookings/${reference}`, {}, HOTEL_STAFF);
  expect(inHouse.body).toMatchObject({ status: "checked_in", stay: { room } });

  // A charge from the catalogue: too many refused beside the field, then two bottles of water.
  const waterBefore = (await staffGet(request, `/api/v1/venues/${HOTEL}/stays/catalogue`, {}, HOTEL_STAFF)).body.items.find(
    (item: { code: string }) => item.code === "minibar-water",
  );
  const item = page.getByLabel("Item");
  await expect(item.locator("option", { hasText: "Minibar: water" })).toHaveText(`Minibar: water, €3.50 (${waterBefore.stock} left)`);
  await item.selectOption("minibar-water");
  await page.getByLabel("Quantity").fill(String(waterBefore.stock + 1));
  await page.getByRole("button", { name: "Post the charge" }).click();
  await expect(page.locator("[aria-labelledby=charge-error-summary-title]")).toBeFocused();
  await expect(page.getByText(`Error: Only ${waterBefore.stock} left: enter ${waterBefore.stock} or fewer`)).toBeVisible();
  await expect(page.getByLabel("Quantity")).toHaveValue(String(waterBefore.stock + 1));
  // A double click: each post carries the attempt's Idempotency-Key, so the API posts the charge once.
  const isCharge = (url: string, method: string) => method === "POST" && url.endsWith(`/api/v1/bookings/${reference}/charges`);
  const chargeKeys: string[] = [];
  let chargeAnswers = 0;
  page.on("request", (sent) => {
    if (isCharge(sent.url(), sent.method())) chargeKeys.push(sent.headers()["idempotency-key"] ?? "");
  });
  page.on("response", (answer) => {
    if (isCharge(answer.url(), answer.request().method())) chargeAnswers += 1;
  });
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Post the charge" }).dblclick();
  await expectFocusOnHeading(page, "Posted 2 × Minibar: water, €7.00");
  await expect.poll(() => chargeAnswers, "every post sent has its answer").toBe(chargeKeys.length);
  expect(chargeKeys.length).toBeGreaterThanOrEqual(1);
  expect(new Set(chargeKeys).size, "one key for the attempt, however many posts").toBe(1);
  expect(chargeKeys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const folio = (await staffGet(request, `/api/v1/bookings/${reference}/folio`, {}, HOTEL_STAFF)).body;
  expect(folio.lines.filter((line: { kind: string }) => line.kind === "charge"), "one charge for a double click").toHaveLength(1);
  expect(folio.lines.at(-1)).toMatchObject({ kind: "charge", item: "minibar-water", quantity: 2, amount: { amount: "7.00" } });
  const table = page.getByRole("table", { name: "What the stay has cost so far" });
  await expect(table.getByRole("row", { name: /^Minibar: water/ })).toContainText("2 × €3.50");
  await expect(table.getByRole("row", { name: /^Total so far/ })).toContainText(euros(folio.total.amount));
  const waterAfter = (await staffGet(request, `/api/v1/venues/${HOTEL}/stays/catalogue`, {}, HOTEL_STAFF)).body.items.find(
    (each: { code: string }) => each.code === "minibar-water",
  );
  expect(waterAfter.stock).toBe(waterBefore.stock - 2);
  await expect(item.locator("option", { hasText: "Minibar: water" })).toHaveText(`Minibar: water, €3.50 (${waterAfter.stock} left)`);
  await expectAccessible(page, "a stay in house, its folio");
  await screenshot(page, testInfo, "staff-desk-2-folio");

  // Checked out: the invoice, as issued, and its PDF.
  await page.getByRole("button", { name: "Check out" }).click();
  await expectFocusOnHeading(page, `Checked out of room ${room}`);
  const invoice = (await staffGet(request, `/api/v1/bookings/${reference}/invoice`, {}, HOTEL_STAFF)).body;
  expect(invoice.total).toEqual(folio.total);
  const number = String(invoice.number).padStart(6, "0");
  const issued = page.getByRole("table", { name: `Invoice ${number}` });
  await expect(issued.getByRole("row", { name: /^Total/ })).toContainText(euros(invoice.total.amount));
  await expect(issued.getByRole("row", { name: /^Minibar: water/ })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`invoice-${HOTEL}-${number}.pdf`);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await expect(page.getByRole("status").filter({ hasText: `Downloaded invoice-${HOTEL}-${number}.pdf.` })).toBeVisible();
  await expectAccessible(page, "a stay checked out, its invoice");
  await screenshot(page, testInfo, "staff-desk-3-invoice");

  // The room board: the room left dirty, cleaned by a press; a change made elsewhere shows by itself.
  await goTo(page, "Room board");
  await expectFocusOnHeading(page, "Room board");
  const housekeeping = page.getByRole("group", { name: `Housekeeping, room ${room}` });
  await expect(housekeeping.getByRole("button", { name: "Dirty" })).toHaveAttribute("aria-pressed", "true");
  await housekeeping.getByRole("button", { name: "Clean" }).click();
  await expect(housekeeping.getByRole("button", { name: "Clean" })).toHaveAttribute("aria-pressed", "true");
  await expect(housekeeping.getByRole("button", { name: "Clean" })).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: `Room ${room} is now clean.` })).toBeVisible();
  expect((await staffGet(request, `/api/v1/venues/${HOTEL}/rooms/${room}`, {}, HOTEL_STAFF)).body.housekeeping).toBe("clean");
  await expectAccessible(page, "room board");
  await screenshot(page, testInfo, "staff-desk-4-rooms");
  const inspected = await request.patch(`/api/v1/venues/${HOTEL}/rooms/${room}`, {
    headers: await staffHeaders(request, HOTEL_STAFF),
    data: { housekeeping: "inspected" },
  });
  expect(inspected.status()).toBe(200);
  await expect(housekeeping.getByRole("button", { name: "Inspected" })).toHaveAttribute("aria-pressed", "true", { timeout: 5000 });
});

test("front desk 2: a stay arriving later cannot check in yet; a check-in refused by the API is said in a sentence, nothing changed", async (
  { page, request },
  testInfo,
) => {
  const email = uniqueEmail(testInfo, "early");
  const later = await bookStayThroughApi(request, { arrival: hotelDay(5), departure: hotelDay(6), roomType: "double", email, firstName: "Eva" });
  await logIn(page, HOTEL_STAFF, `/staff/${HOTEL}/front-desk?date=${hotelDay(5)}`);
  await expectFocusOnHeading(page, "Front desk");
  const row = page.getByRole("region", { name: /^Arrivals/ }).getByRole("listitem").filter({ hasText: later.reference });
  await expect(row).toContainText(`Check-in from`);
  await expect(row.getByRole("button")).toHaveCount(0);

  // Another guest's room, picked on the stay's page by a clerk who was too slow: refused, said, nothing changed.
  const today = await bookStayThroughApi(request, { arrival: hotelDay(0), departure: hotelDay(1), roomType: "twin", email: `now.${email}`, firstName: "Rita" });
  const other = await bookStayThroughApi(request, { arrival: hotelDay(0), departure: hotelDay(1), roomType: "twin", email: `other.${email}`, firstName: "Olga" });
  await logIn(page, HOTEL_STAFF, `/staff/${HOTEL}/stays/${today.reference}`);
  await expectFocusOnHeading(page, `Stay ${today.reference}: Rita Sousa`);
  const picker = page.getByLabel("Room for Rita Sousa");
  await expect.poll(() => picker.locator("option").count(), "the free twins, once the room board is in").toBeGreaterThan(1);
  const taken = (await picker.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).at(-1)!;
  await picker.selectOption(taken);
  const given = await staffPost(request, `/api/v1/bookings/${other.reference}/room`, { room: taken });
  expect(given.status).toBe(200);
  await page.getByRole("button", { name: "Check in Rita Sousa" }).click();
  const summary = page.locator("[aria-labelledby=stay-error-summary-title]");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("That room is taken on one of the stay's nights.");
  await expect(picker).toHaveValue(taken);
  expect((await staffGet(request, `/api/v1/bookings/${today.reference}`, {}, HOTEL_STAFF)).body.status).toBe("confirmed");
  await expectAccessible(page, "a check-in refused");
});

test("front desk 3: the hotel's bookings list shows a stay as its dates, nights, room type and guests, with a stay's statuses", async (
  { page, request },
  testInfo,
) => {
  const email = uniqueEmail(testInfo, "listed");
  const surname = `Listed${Date.now()}`;
  const arrival = hotelDay(30);
  const departure = hotelDay(33);
  const booked = await bookStayThroughApi(request, { arrival, departure, roomType: "family", guests: 3, email, firstName: "Ana", surname });

  await logIn(page, HOTEL_STAFF, `/staff/${HOTEL}/front-desk`);
  await expectFocusOnHeading(page, "Front desk");
  await goTo(page, "Bookings");
  await expectFocusOnHeading(page, "Bookings");
  await expect(page.getByLabel("Status").locator("option")).toHaveText([
    "Any status", "Confirmed", "In house", "Waiting for payment", "Cancelled", "Checked out", "No-show", "Expired unpaid",
  ]);
  await page.getByLabel("Search").fill(surname);
  await page.getByLabel("From").fill(arrival);
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expectFocusOnHeading(page, "Results");
  const row = page.getByRole("region", { name: "Results" }).getByRole("listitem").filter({ hasText: booked.reference });
  // The hotel's dates, not a table at noon; its room type, nights and guests, not "3 people".
  const [weekday, day, month, year] = longDate(arrival).split(" ");
  const [, , endMonth, endYear] = longDate(departure).split(" ");
  const dates =
    year !== endYear
      ? `${longDate(arrival)} to ${longDate(departure)}`
      : month === endMonth
        ? `${weekday} ${day} to ${longDate(departure)}`
        : `${weekday} ${day} ${month} to ${longDate(departure)}`;
  await expect(row).toContainText(dates);
  await expect(row).toContainText(`Family Suite · 3 nights · 3 guests · ${booked.reference} · Online`);
  await expect(row).not.toContainText("12:00");
  await expect(row).not.toContainText("people");
  await expectAccessible(page, "a hotel's bookings list");
  await screenshot(page, testInfo, "staff-desk-5-bookings");
});
