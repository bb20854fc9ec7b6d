/** Booking with the keyboard alone (desktop layout): every step reached by Tab, arrows, Enter; focus always shown. */
import { expect } from "@playwright/test";
import { test } from "./support/test";
import {
  appointmentsOf, clinicStaff, clinicWeekdayFor, CLINIC, dayFor, HOTEL, HOTEL_STAFF, hotelDay, onlyBookingOf, staffGet, uniqueEmail,
} from "./support/system";
import { expectFocusOnHeading, tabTo, typeDate } from "./support/page";

test("a booking made with the keyboard alone, focus always visible", async ({ page, request }, testInfo) => {
  const day = dayFor(testInfo, 3);
  const email = uniqueEmail(testInfo, "keys");
  await page.goto("/");
  await expectFocusOnHeading(page, "The Hungry Unicorn");

  const tabTo = async (name: string | RegExp, role: "textbox" | "combobox" | "button" | "radio" | "link" = "textbox") => {
    const target = role === "textbox" && typeof name === "string" ? page.getByLabel(name, { exact: true }) : page.getByRole(role, { name });
    for (let presses = 0; presses < 30; presses++) {
      if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return target;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${name}`);
  };

  const date = await tabTo("Date");
  await expect(date).toHaveCSS("outline-style", "solid");
  // Debian's chromium has an en-US interface: its date fields take month, day, year.
  const [year, month, dayOfMonth] = day.split("-");
  await page.keyboard.type(`${month}${dayOfMonth}${year}`);
  await expect(date).toHaveValue(day);
  await tabTo("Number of people", "combobox");
  await page.keyboard.press("ArrowDown"); // 2 -> 3 people
  await expect(page.getByLabel("Number of people")).toHaveValue("3");
  await expect(page.getByRole("radio", { name: /^19:30/ })).toBeEnabled(); // the times for 3 have come

  await page.keyboard.press("Tab"); // into the times: the first one that can be booked
  for (let presses = 0; presses < 12; presses++) {
    if (await page.getByRole("radio", { name: /^19:30/ }).isChecked()) break;
    await page.keyboard.press("ArrowRight");
  }
  await expect(page.getByRole("radio", { name: /^19:30/ })).toBeChecked();
  await expect(page.locator("label").filter({ hasText: /^19:30/ })).toHaveCSS("outline-style", "solid");
  const next = await tabTo("Continue", "button");
  await expect(next).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "Your details");
  await tabTo("First name");
  await page.keyboard.type("Grace");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Hopper");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("E-mail address")).toBeFocused();
  await page.keyboard.type(email);
  const book = await tabTo("Book this table", "button");
  await expect(book).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "Booking confirmed");
  const booking = await onlyBookingOf(request, email);
  expect(booking).toMatchObject({ date: day, time: "19:30", party_size: 3 });
  expect(booking.customer).toMatchObject({ first_name: "Grace", surname: "Hopper" });
});

test("a stay searched and booked with the keyboard alone, focus always visible", async ({ page, request }, testInfo) => {
  const arrival = hotelDay(45);
  const departure = hotelDay(47);
  const email = uniqueEmail(testInfo, "stay-keys");
  await page.goto(`/venues/${HOTEL}`);
  await expectFocusOnHeading(page, "The Harbour Hotel");

  const arrivalField = await tabTo(page, page.getByLabel("Arrival", { exact: true }));
  await expect(arrivalField).toHaveCSS("outline-style", "solid");
  await typeDate(page, arrival);
  await expect(arrivalField).toHaveValue(arrival);
  const departureField = await tabTo(page, page.getByLabel("Departure", { exact: true }));
  await typeDate(page, departure);
  await expect(departureField).toHaveValue(departure);
  await tabTo(page, page.getByLabel("Guests", { exact: true }));
  await page.keyboard.press("ArrowUp"); // 2 -> 1 guest
  await expect(page.getByLabel("Guests", { exact: true })).toHaveValue("1");
  const search = await tabTo(page, page.getByRole("button", { name: "Search rooms" }));
  await expect(search).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "Rooms for 2 nights, 1 guest");
  const twin = page.getByRole("region", { name: "Twin Room" });
  const nightly = await tabTo(page, twin.getByText("Price night by night").first());
  await expect(nightly).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter"); // the nights open
  await expect(twin.locator("details").first()).toHaveAttribute("open", "");
  const choose = await tabTo(page, twin.getByRole("button", { name: "Choose Non-refundable" }));
  await expect(choose).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "Your details");
  await tabTo(page, page.getByLabel("First name"));
  await page.keyboard.type("Ada");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Lovelace");
  await page.keyboard.press("Tab");
  await page.keyboard.type(email);
  const book = await tabTo(page, page.getByRole("button", { name: "Book this room" }));
  await expect(book).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "Booking confirmed");
  const { body } = await staffGet(request, "/api/v1/bookings", { venue: HOTEL, email }, HOTEL_STAFF);
  expect(body.items).toHaveLength(1);
  expect(body.items[0]).toMatchObject({ kind: "stay", stay: { room_type: "twin", rate_plan: "non-refundable", arrival, departure, guests: 1 } });
});

test("an appointment chosen and booked with the keyboard alone, focus always visible", async ({ page, request }, testInfo) => {
  const day = clinicWeekdayFor(testInfo, 5);
  const email = uniqueEmail(testInfo, "appointment-keys");
  const richter = (await clinicStaff(request))["Dr Jonas Richter"]!;
  await page.goto(`/venues/${CLINIC}`);
  await expectFocusOnHeading(page, "The Meadow Clinic");

  const choose = await tabTo(page, page.getByRole("button", { name: "Choose Vaccination" }));
  await expect(choose).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter");
  await expectFocusOnHeading(page, "Vaccination");

  // Into who: "Anyone available" is chosen; the arrows go on to Dr Hanna Weber, then Dr Jonas Richter.
  const anyone = await tabTo(page, page.getByRole("radio", { name: /^Anyone available/ }));
  await expect(anyone).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /^Dr Jonas Richter/ })).toBeChecked();
  const date = await tabTo(page, page.getByLabel("Date", { exact: true }));
  await expect(date).toHaveCSS("outline-style", "solid");
  await typeDate(page, day);
  await expect(date).toHaveValue(day);
  await expect(page.getByRole("radio", { name: /^15:00/ })).toBeEnabled(); // Dr Richter's times for the day have come

  await tabTo(page, page.getByRole("radio", { name: /^10:00/ })); // into the times: the first one, Dr Richter's first
  for (let presses = 0; presses < 40; presses++) {
    if (await page.getByRole("radio", { name: /^15:00/ }).isChecked()) break;
    await page.keyboard.press("ArrowRight");
  }
  await expect(page.getByRole("radio", { name: /^15:00/ })).toBeChecked();
  await expect(page.locator("label").filter({ hasText: /^15:00/ })).toHaveCSS("outline-style", "solid");
  const next = await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await expect(next).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "Your details");
  await tabTo(page, page.getByLabel("First name"));
  await page.keyboard.type("Emmy");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Noether");
  await page.keyboard.press("Tab");
  await page.keyboard.type(email);
  const book = await tabTo(page, page.getByRole("button", { name: "Book this appointment" }));
  await expect(book).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Enter");

  await expectFocusOnHeading(page, "Booking confirmed");
  const made = await appointmentsOf(request, email);
  expect(made).toHaveLength(1);
  expect(made[0]).toMatchObject({ date: day, time: "15:00", appointment: { service: "vaccination", staff: { id: richter.id } } });
});
