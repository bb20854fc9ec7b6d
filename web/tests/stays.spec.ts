/** The stay journeys at the demo hotel: search, rooms and rates, the guest's details, the confirmation; and what goes wrong. */
import { expect, type Page } from "@playwright/test";
import { test } from "./support/test";
import { readFileSync } from "node:fs";
import {
  bookStayThroughApi, HOTEL, HOTEL_STAFF, hotelDay, staffGet, uniqueEmail, type StayBooking,
} from "./support/system";
import { expectAccessible, expectFocusOnHeading, fillDetails, longDate, screenshot } from "./support/page";
import { logIn } from "./support/staff";

/** "€405.60", as the app writes an amount in euros. */
const euros = (amount: string) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(Number(amount));

async function stayOf(request: Parameters<typeof staffGet>[0], email: string): Promise<StayBooking[]> {
  const { status, body } = await staffGet(request, "/api/v1/bookings", { venue: HOTEL, email, limit: 50 }, HOTEL_STAFF);
  expect(status).toBe(200);
  return body.items;
}

async function searchStay(page: Page, stay: { arrival: string; departure: string; guests: number }) {
  await page.getByLabel("Arrival", { exact: true }).fill(stay.arrival);
  await page.getByLabel("Departure", { exact: true }).fill(stay.departure);
  await page.getByLabel("Guests", { exact: true }).selectOption(String(stay.guests));
  await page.getByRole("button", { name: "Search rooms" }).click();
}

test("a guest books a 3-night stay arriving today and sees its total; the front desk checks them in and out, the invoice is that total (stays 1)", async (
  { page, request },
  testInfo,
) => {
  const arrival = hotelDay(0);
  const departure = hotelDay(3);
  const email = uniqueEmail(testInfo, "stay");
  const venue = await (await request.get(`/api/v1/venues/${HOTEL}`)).json();

  await page.goto(`/venues/${HOTEL}`);
  await expectFocusOnHeading(page, "The Harbour Hotel");
  await expect(page.getByText(venue.address)).toBeVisible();
  // The header names what a hotel sells, and leads to its own search (not to the home restaurant).
  const header = page.getByRole("navigation", { name: "Main" });
  await expect(header.getByRole("link")).toHaveText(["Book a stay", "Manage a booking"]);
  await expect(header.getByRole("link", { name: "Book a stay" })).toHaveAttribute("href", `/venues/${HOTEL}`);
  const arrivalField = page.getByLabel("Arrival", { exact: true });
  await expect(arrivalField).toHaveAttribute("min", arrival);
  await expect(arrivalField).toHaveAttribute("max", hotelDay(venue.horizon_days));
  await expect(page.getByLabel("Guests", { exact: true }).locator("option")).toHaveText(["1 guest", "2 guests", "3 guests", "4 guests"]);
  await expectAccessible(page, "hotel page");
  await screenshot(page, testInfo, "stay-1-search");

  await searchStay(page, { arrival, departure, guests: 2 });
  await expectFocusOnHeading(page, "Rooms for 3 nights, 2 guests");
  await expect(page).toHaveURL(new RegExp(`arrival=${arrival}&departure=${departure}&guests=2$`));
  await expect(page.getByText(`${longDate(arrival)} to ${longDate(departure)}. Prices include taxes.`)).toBeVisible();
  const found = await (await request.get(`/api/v1/venues/${HOTEL}/stays/availability`, { params: { arrival, departure, guests: 2 } })).json();
  // Every type that sleeps two, each plan's total as the API prices it; the family suites are the only type no journey books today.
  expect(found.room_types.map((type: { name: string }) => type.name)).toEqual(["Double Room", "Twin Room", "Family Suite"]);
  for (const type of found.room_types) {
    const region = page.getByRole("region", { name: type.name });
    for (const plan of type.rate_plans) {
      await expect(region.getByText(`${euros(plan.total.amount)} for 3 nights, taxes included`)).toBeVisible();
    }
  }
  await expect(page.getByRole("region", { name: "Family Suite" }).getByText("2 rooms left")).toBeVisible();
  const double = page.getByRole("region", { name: "Double Room" });
  await expect(double.getByText(/^\d+ rooms? left$/)).toBeVisible();
  const flexible = found.room_types[0].rate_plans.find((plan: { rate_plan: string }) => plan.rate_plan === "flexible");
  await double.getByText("Price night by night").first().click(); // the flexible rate's nights, one by one
  for (const night of flexible.nightly) await expect(double.getByText(euros(night.price.amount)).first()).toBeVisible();
  await expectAccessible(page, "rooms and rates");
  await screenshot(page, testInfo, "stay-2-rooms");

  await double.getByRole("button", { name: "Choose Flexible" }).click();
  await expectFocusOnHeading(page, "Your details");
  await expect(page).toHaveURL(/room=double&rate=flexible&step=details$/);
  await expect(page.getByText("Double Room, Flexible rate at The Harbour Hotel")).toBeVisible();
  await expect(page.getByText(euros(flexible.total.amount), { exact: true })).toBeVisible();
  await fillDetails(page, { firstName: "Ines", surname: "Sousa", email, requests: "A quiet room, please" });
  await expectAccessible(page, "stay details");
  await screenshot(page, testInfo, "stay-3-details");
  await page.getByRole("button", { name: "Book this room" }).dblclick();

  await expectFocusOnHeading(page, "Booking confirmed");
  const stays = await stayOf(request, email);
  expect(stays, "one stay for a double click").toHaveLength(1);
  const booking = stays[0]!;
  expect(booking).toMatchObject({
    kind: "stay", status: "confirmed", special_requests: "A quiet room, please",
    stay: { room_type: "double", rate_plan: "flexible", rate_plan_name: "Flexible", arrival, departure, nights: 3, guests: 2 },
    total: flexible.total,
  });
  await expect(page.getByText(booking.reference, { exact: true })).toBeVisible();
  const summary = page.locator("dl");
  await expect(summary).toContainText(`Arrival${longDate(arrival)}`);
  await expect(summary).toContainText(`Departure${longDate(departure)}`);
  await expect(summary).toContainText("Nights3 nights");
  await expect(summary).toContainText("RoomDouble Room");
  // The rate by the plan's name as sold, whether it refunds as a note under it.
  await expect(summary).toContainText("RateFlexibleRefundable");
  await expect(summary).toContainText("Guests2 guests");
  const price = page.getByRole("table", { name: "Your stay's price" });
  await expect(price.getByRole("row")).toHaveCount(1 + booking.stay.lines.length + 1);
  await expect(price.getByRole("row", { name: `Night of ${longDate(arrival)}` })).toBeVisible();
  const totalRow = price.getByRole("row", { name: /^Total, taxes included/ });
  const shownTotal = (await totalRow.getByRole("cell").textContent())!;
  expect(shownTotal).toBe(euros(booking.total.amount));
  await expect(page.getByRole("heading", { name: "Changing or cancelling" })).toBeVisible();
  await expectAccessible(page, "stay confirmation");
  await screenshot(page, testInfo, "stay-4-confirmation");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Add to calendar (.ics)" }).click()]);
  const calendar = readFileSync((await download.path())!, "utf8");
  expect(calendar).toContain(`DTSTART;VALUE=DATE:${arrival.replace(/-/g, "")}\r\n`);
  expect(calendar).toContain(`DTEND;VALUE=DATE:${departure.replace(/-/g, "")}\r\n`);

  // The front desk checks the guest in (to the best free room) and out; the invoice is the total the guest was shown.
  await logIn(page, HOTEL_STAFF, `/staff/${HOTEL}/front-desk`);
  await expectFocusOnHeading(page, "Front desk");
  const row = page.getByRole("region", { name: /^Arrivals/ }).getByRole("listitem").filter({ hasText: booking.reference });
  await expect(row).toContainText("Double Room · no room yet · 2 guests · 3 nights");
  await expectAccessible(page, "front desk, a guest to check in");
  await screenshot(page, testInfo, "staff-stay-1-desk");
  await row.getByRole("button", { name: "Check in Ines Sousa" }).click();
  await expectFocusOnHeading(page, /^Ines Sousa is checked in to room 10\d$/);
  const checkedIn = await staffGet(request, `/api/v1/bookings/${booking.reference}`, {}, HOTEL_STAFF);
  expect(checkedIn.body.status).toBe("checked_in");
  const room = checkedIn.body.stay.room as string;
  await expect(page.getByRole("heading", { name: `Ines Sousa is checked in to room ${room}` })).toBeVisible();
  await page.getByRole("link", { name: "Open the stay, its folio and invoice" }).click();
  await expectFocusOnHeading(page, `Stay ${booking.reference}: Ines Sousa`);
  await page.getByRole("button", { name: "Check out" }).click();
  await expectFocusOnHeading(page, `Checked out of room ${room}`);
  const invoice = await staffGet(request, `/api/v1/bookings/${booking.reference}/invoice`, {}, HOTEL_STAFF);
  expect(invoice.body.total).toEqual(booking.total);
  const issued = page.getByRole("table", { name: `Invoice ${String(invoice.body.number).padStart(6, "0")}` });
  await expect(issued.getByRole("row", { name: /^Total/ }).getByRole("cell")).toHaveText(shownTotal);
  await expectAccessible(page, "a stay checked out, its invoice");
  await screenshot(page, testInfo, "staff-stay-2-invoice");
});

test("dates the hotel does not take are said beside the fields and kept; a rate that needs more nights says why (stays 2)", async (
  { page },
  testInfo,
) => {
  const offset = testInfo.project.name.startsWith("phone") ? 80 : 60;
  const later = hotelDay(offset);
  await page.goto(`/venues/${HOTEL}`);
  await searchStay(page, { arrival: hotelDay(-1), departure: hotelDay(-1), guests: 2 });
  const summary = page.locator("[aria-labelledby=stay-error-summary-title]");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText([
    `Choose an arrival from ${longDate(hotelDay(0))} to ${longDate(hotelDay(365))}`,
    "Choose a departure after the arrival",
  ]);
  await expect(page.getByLabel("Arrival", { exact: true })).toHaveValue(hotelDay(-1));
  await expect(page.getByLabel("Arrival", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("heading", { name: /^Rooms for/ })).toHaveCount(0);
  await expectAccessible(page, "stay dates refused");
  await screenshot(page, testInfo, "stay-5-dates-refused");
  await summary.getByRole("link", { name: "Choose a departure after the arrival" }).click();
  await expect(page.getByLabel("Departure", { exact: true })).toBeFocused();

  // Too long a stay: the hotel's longest, said.
  await searchStay(page, { arrival: later, departure: hotelDay(offset + 31), guests: 2 });
  await expect(summary).toContainText("A stay here is at most 30 nights");

  // One night: the non-refundable rate (two nights at least) says why instead of a price.
  await searchStay(page, { arrival: later, departure: addOne(later), guests: 2 });
  await expectFocusOnHeading(page, "Rooms for 1 night, 2 guests");
  const double = page.getByRole("region", { name: "Double Room" });
  await expect(double.getByText("Not available: This rate needs a stay of at least 2 nights.")).toBeVisible();
  await expect(double.getByRole("button")).toHaveText(["Choose Flexible"]);
  await expectAccessible(page, "a rate that does not sell the stay");
});

test("a room sold out while the guest types: back to fresh rooms, the details kept, booked in another (stays 3)", async (
  { page, request },
  testInfo,
) => {
  const arrival = hotelDay(testInfo.project.name.startsWith("phone") ? 82 : 62);
  const departure = addOne(addOne(arrival));
  const email = uniqueEmail(testInfo, "soldout");
  await page.goto(`/venues/${HOTEL}?arrival=${arrival}&departure=${departure}&guests=3`);
  await expect(page.getByRole("heading", { name: "Rooms for 2 nights, 3 guests" })).toBeVisible();
  const family = page.getByRole("region", { name: "Family Suite" });
  await expect(family.getByText("2 rooms left")).toBeVisible();
  await family.getByRole("button", { name: "Choose Flexible" }).click();
  await expectFocusOnHeading(page, "Your details");
  await fillDetails(page, { firstName: "Ana", surname: "Lima", email, mobile: "912 345 678" });

  // Meanwhile both family suites go to other guests.
  for (const n of [1, 2]) {
    await bookStayThroughApi(request, { arrival, departure, roomType: "family", guests: 3, email: `other${n}.${email}` });
  }
  await page.getByRole("button", { name: "Book this room" }).click();
  await expectFocusOnHeading(page, "Sorry, the last Family Suite was booked meanwhile");
  await expect(page).toHaveURL(new RegExp(`arrival=${arrival}&departure=${departure}&guests=3$`));
  await expect(family.getByText("Sold out for these dates")).toBeVisible();
  await expect(family.getByRole("button")).toHaveCount(0);
  await expectAccessible(page, "room sold out meanwhile");
  await screenshot(page, testInfo, "stay-6-sold-out");
  expect(await stayOf(request, email)).toHaveLength(0);

  // Two guests fit a double: searched again, chosen, and the details are still there.
  await page.getByLabel("Guests", { exact: true }).selectOption("2");
  await page.getByRole("button", { name: "Search rooms" }).click();
  await expectFocusOnHeading(page, "Rooms for 2 nights, 2 guests");
  await page.getByRole("region", { name: "Double Room" }).getByRole("button", { name: "Choose Flexible" }).click();
  await expectFocusOnHeading(page, "Your details");
  await expect(page.getByLabel("First name")).toHaveValue("Ana");
  await expect(page.getByLabel("E-mail address")).toHaveValue(email);
  await page.getByRole("button", { name: "Book this room" }).click();
  await expectFocusOnHeading(page, "Booking confirmed");
  const stays = await stayOf(request, email);
  expect(stays).toHaveLength(1);
  expect(stays[0]!.stay).toMatchObject({ room_type: "double", arrival, departure, guests: 2 });
});

function addOne(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

test("a guest finds their stay, sees its price, moves its departure at the new price and cancels it (stays 4)", async (
  { page, request },
  testInfo,
) => {
  const offset = testInfo.project.name.startsWith("phone") ? 90 : 70;
  const arrival = hotelDay(offset);
  const email = uniqueEmail(testInfo, "manage-stay");
  const booked = await bookStayThroughApi(request, { arrival, departure: hotelDay(offset + 2), roomType: "twin", email });

  await page.goto("/bookings");
  await page.getByLabel("Booking reference").fill(booked.reference);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Find my booking" }).click();
  await expectFocusOnHeading(page, "Your booking");
  const summary = page.locator("dl");
  await expect(summary).toContainText(`Arrival${longDate(arrival)}`);
  await expect(summary).toContainText(`Departure${longDate(hotelDay(offset + 2))}`);
  await expect(summary).toContainText("Nights2 nights");
  await expect(summary).toContainText("RoomTwin Room");
  await expect(summary).toContainText("RateFlexibleRefundable");
  await expect(summary).toContainText("Guests2 guests");
  await expect(page.getByText(/Table for/)).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Price" }).getByRole("row", { name: /^Total, taxes included/ })).toContainText(
    euros(booked.total.amount),
  );
  await expectAccessible(page, "a stay, managed");
  await screenshot(page, testInfo, "stay-7-manage");

  // One more night: priced first, then saved.
  await page.getByRole("button", { name: "Change dates or guests" }).click();
  await expectFocusOnHeading(page, "Change your stay");
  await page.getByLabel("Departure", { exact: true }).fill(hotelDay(offset + 3));
  await page.getByRole("button", { name: "See the new price" }).click();
  await expectFocusOnHeading(page, "3 nights, 2 guests");
  const priced = await (
    await request.get(`/api/v1/venues/${HOTEL}/stays/availability`, { params: { arrival, departure: hotelDay(offset + 3), guests: 2 } })
  ).json();
  const twinFlexible = priced.room_types.find((t: { room_type: string }) => t.room_type === "twin").rate_plans[0];
  await expect(page.getByText(`New total ${euros(twinFlexible.total.amount)}, taxes included`)).toBeVisible();
  await expectAccessible(page, "a stay's new price");
  await screenshot(page, testInfo, "stay-8-new-price");
  await page.getByRole("button", { name: "Save the change" }).click();
  await expectFocusOnHeading(page, "Your booking has been changed");
  await expect(summary).toContainText(`Departure${longDate(hotelDay(offset + 3))}`);
  const moved = (await stayOf(request, email))[0]!;
  expect(moved.stay).toMatchObject({ arrival, departure: hotelDay(offset + 3), nights: 3 });
  expect(moved.total).toEqual(twinFlexible.total);

  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expectFocusOnHeading(page, "Cancel this booking?");
  await expect(page.getByText("The room will be offered to other guests.")).toBeVisible();
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Yes, cancel my booking" }).click();
  await expectFocusOnHeading(page, "Your booking has been cancelled");
  expect((await stayOf(request, email))[0]!.status).toBe("cancelled");
});
