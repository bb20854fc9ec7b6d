/** The appointment journeys at the demo clinic: a service, who, a date and time, the details, the confirmation; a time taken meanwhile; moving one; the desk's day. */
import { expect, type Page } from "@playwright/test";
import { test } from "./support/test";
import { readFileSync } from "node:fs";
import {
  appointmentsOf, appointmentTimes, bookAppointmentThroughApi, CLINIC, CLINIC_STAFF, clinicStaff, clinicWeekdayFor, emailLink,
  uniqueEmail, type AppointmentBooking,
} from "./support/system";
import { expectAccessible, expectFocusOnHeading, fillDetails, longDate, pickTime, screenshot } from "./support/page";
import { expectSummary, goTo, logIn } from "./support/staff";

/** "€60.00", as the app writes an amount in euros. */
const euros = (amount: string) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(Number(amount));

/** "20 minutes", "1 hour", as the app says a length. */
const length = (minutes: number) =>
  minutes < 60 ? `${minutes} minutes` : `${Math.floor(minutes / 60) === 1 ? "1 hour" : `${Math.floor(minutes / 60)} hours`}${minutes % 60 ? ` ${minutes % 60} minutes` : ""}`;

/** "10:20": an instant on the clinic's clock. */
const berlinClock = (instant: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(instant));

/** "Tuesday 8 December 2026, 10:00 to 10:20 CET": the appointment as the app must show it, worked out from the API's answer. */
function appointmentText(booking: { date: string; time: string; starts_at: string; ends_at: string }): string {
  const offset = (Number(booking.time.slice(0, 2)) - Number(booking.starts_at.slice(11, 13)) + 24) % 24;
  return `${longDate(booking.date)}, ${booking.time} to ${berlinClock(booking.ends_at)} ${offset === 2 ? "CEST" : "CET"}`;
}

/** Minutes since midnight of "HH:MM". */
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const offeredTimes = (page: Page) => page.getByRole("group", { name: /^Times on/ }).getByRole("radio");

test("a customer books a consultation with anyone available, is told who, and cancels it (appointments 1)", async (
  { page, request },
  testInfo,
) => {
  const day = clinicWeekdayFor(testInfo, 1);
  const email = uniqueEmail(testInfo, "appointment");
  const services = (await (await request.get(`/api/v1/venues/${CLINIC}/services`)).json()).items as {
    code: string; name: string; description: string; duration_minutes: number; price: { amount: string };
  }[];
  const staff = await clinicStaff(request);

  await page.goto(`/venues/${CLINIC}`);
  await expectFocusOnHeading(page, "The Meadow Clinic");
  // The header names what a clinic sells, and leads to its own services.
  const header = page.getByRole("navigation", { name: "Main" });
  await expect(header.getByRole("link")).toHaveText(["Book an appointment", "Manage a booking"]);
  await expect(header.getByRole("link", { name: "Book an appointment" })).toHaveAttribute("href", `/venues/${CLINIC}`);
  // Every service with its length, price and description, as the API has them.
  expect(services.map((service) => service.name)).toEqual([
    "Consultation", "Health check", "Vaccination", "Physiotherapy", "Sports massage", "Pilates class",
  ]);
  for (const service of services) {
    const region = page.getByRole("region", { name: service.name });
    await expect(region.getByText(`${length(service.duration_minutes)} · ${euros(service.price.amount)}`)).toBeVisible();
    await expect(region.getByText(service.description)).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Consultation" }).getByText("With Dr Hanna Weber or Dr Jonas Richter")).toBeVisible();
  await expectAccessible(page, "clinic page, its services");
  await screenshot(page, testInfo, "appointment-1-services");

  await page.getByRole("region", { name: "Consultation" }).getByRole("button", { name: "Choose Consultation" }).click();
  await expectFocusOnHeading(page, "Consultation");
  await expect(page).toHaveURL(/service=consultation&staff=any&date=/);
  const who = page.getByRole("group", { name: "Who would you like to see?" });
  await expect(who.getByRole("radio")).toHaveCount(3);
  await expect(who.getByRole("radio", { name: /^Anyone available/ })).toBeChecked();
  await expect(who.getByRole("radio", { name: /^Dr Hanna Weber/ })).not.toBeChecked();
  await expect(who.getByText("General practitioner")).toHaveCount(2);
  await page.getByLabel("Date", { exact: true }).fill(day);
  // The times anyone who does it is free at, as the API answers, and no other.
  const times = await appointmentTimes(request, "consultation", day);
  await expect(page.getByRole("group", { name: `Times on ${longDate(day)}` })).toBeVisible();
  await expect(offeredTimes(page)).toHaveCount(times.length);
  await expect(page.getByRole("radio", { name: /^10:00 to 10:20/ })).toBeVisible();
  expect(times.find((slot) => slot.time === "10:00")?.staff).toHaveLength(2);
  await pickTime(page, "10:00");
  await expect(page).toHaveURL(new RegExp(`staff=any&date=${day}&time=10%3A00$`));
  await expectAccessible(page, "appointment times");
  await screenshot(page, testInfo, "appointment-2-times");

  await page.getByRole("button", { name: "Continue" }).click();
  await expectFocusOnHeading(page, "Your details");
  await expect(page.getByText("Consultation with anyone available at The Meadow Clinic")).toBeVisible();
  await expect(page.getByText(`${longDate(day)}, 10:00 to 10:20 CET`)).toBeVisible();
  await expect(page.getByText("Whoever is free then will see you: your confirmation will say who.")).toBeVisible();
  await fillDetails(page, { firstName: "Lena", surname: "Vogel", email, requests: "I use a wheelchair" });
  await expectAccessible(page, "appointment details");
  await screenshot(page, testInfo, "appointment-3-details");
  await page.getByRole("button", { name: "Book this appointment" }).dblclick();

  await expectFocusOnHeading(page, "Booking confirmed");
  const made = await appointmentsOf(request, email);
  expect(made, "one appointment for a double click").toHaveLength(1);
  const booking = made[0]!;
  const seen = booking.appointment.staff;
  expect(booking).toMatchObject({
    kind: "appointment", status: "confirmed", date: day, time: "10:00", special_requests: "I use a wheelchair",
    appointment: { service: "consultation", service_name: "Consultation" }, total: { amount: "60.00", currency: "EUR" },
  });
  expect([staff["Dr Hanna Weber"]!.id, staff["Dr Jonas Richter"]!.id]).toContain(seen.id);
  await expect(page.getByText(booking.reference, { exact: true })).toBeVisible();
  const summary = page.locator("dl");
  await expect(summary).toContainText("AppointmentConsultation");
  await expect(summary).toContainText(`With${seen.name}You asked for anyone available: ${seen.name} was free.`);
  await expect(summary).toContainText(`When${appointmentText(booking)}`);
  await expect(summary).toContainText("WhereThe Meadow Clinic, Wiesenweg 4, 10115 Berlin");
  await expect(summary).toContainText("Price€60.00");
  await expect(page.getByText(/Table for|people/)).toHaveCount(0);
  await expect(page.getByText("You can move it to another date or time, or to someone else, or cancel it.", { exact: false })).toBeVisible();
  await expectAccessible(page, "appointment confirmation");
  await screenshot(page, testInfo, "appointment-4-confirmation");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Add to calendar (.ics)" }).click()]);
  const calendar = readFileSync((await download.path())!, "utf8");
  const stamp = (instant: string) => new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  expect(calendar).toContain(`DTSTART:${stamp(booking.starts_at)}\r\n`);
  expect(calendar).toContain(`DTEND:${stamp(booking.ends_at)}\r\n`);
  expect(calendar).toContain(`SUMMARY:The Meadow Clinic: Consultation with ${seen.name}\r\n`);

  // The member of staff no longer offers 10:00; cancelled, they do again.
  await expect.poll(async () => (await appointmentTimes(request, "consultation", day, seen.id)).map((slot) => slot.time)).not.toContain("10:00");
  await page.getByRole("link", { name: "manage your booking here" }).click();
  await expectFocusOnHeading(page, "Your booking");
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expectFocusOnHeading(page, "Cancel this booking?");
  await expect(page.getByText("The time will be offered to others.")).toBeVisible();
  await page.getByRole("group", { name: "Why are you cancelling?" }).getByRole("radio").first().check();
  await page.getByRole("button", { name: "Yes, cancel my booking" }).click();
  await expectFocusOnHeading(page, "Your booking has been cancelled");
  await expect(page.getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Change date, time or person" })).toHaveCount(0);
  expect((await appointmentsOf(request, email))[0]!.status).toBe("cancelled");
  await expect.poll(async () => (await appointmentTimes(request, "consultation", day, seen.id)).map((slot) => slot.time), {
    message: `${seen.name} is free at 10:00 again`,
  }).toContain("10:00");
  await expectAccessible(page, "appointment cancelled");
});

test("a time taken with the chosen physiotherapist while the customer types: fresh times, details kept, booked at another (appointments 2)", async (
  { page, request },
  testInfo,
) => {
  const day = clinicWeekdayFor(testInfo, 2);
  const email = uniqueEmail(testInfo, "taken");
  const mia = (await clinicStaff(request))["Mia Schulz"]!;

  await page.goto(`/venues/${CLINIC}`);
  await page.getByRole("button", { name: "Choose Physiotherapy" }).click();
  await expectFocusOnHeading(page, "Physiotherapy");
  const who = page.getByRole("group", { name: "Who would you like to see?" });
  await expect(who.getByRole("radio")).toHaveCount(3); // anyone, Mia Schulz and Lukas Becker
  await who.getByRole("radio", { name: /^Mia Schulz/ }).check();
  await page.getByLabel("Date", { exact: true }).fill(day);
  await expect(page.getByRole("group", { name: `Times on ${longDate(day)} with Mia Schulz` })).toBeVisible();
  await expect(offeredTimes(page)).toHaveCount((await appointmentTimes(request, "physiotherapy", day, mia.id)).length);
  await pickTime(page, "09:00");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFocusOnHeading(page, "Your details");
  await expect(page.getByText("Physiotherapy with Mia Schulz at The Meadow Clinic")).toBeVisible();
  await fillDetails(page, { firstName: "Jonas", surname: "Krüger", email, mobile: "0151 23456789" });

  // Meanwhile someone else books Mia Schulz at 09:00.
  await bookAppointmentThroughApi(request, { service: "physiotherapy", date: day, time: "09:00", staff: mia.id, email: `other.${email}` });
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expectFocusOnHeading(page, `Sorry, 09:00 on ${longDate(day)} was taken meanwhile`);
  await expect(page.getByText("Someone else booked Mia Schulz at that time while you were booking.")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`staff=${mia.id}&date=${day}$`));
  await expect(who.getByRole("radio", { name: /^Mia Schulz/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /^09:00/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Choose 10:00" })).toBeVisible();
  expect(await appointmentsOf(request, email)).toHaveLength(0);
  await expectAccessible(page, "appointment time taken meanwhile");
  await screenshot(page, testInfo, "appointment-5-taken");

  await page.getByRole("button", { name: "Choose 10:00" }).click();
  await expectFocusOnHeading(page, "Your details");
  await expect(page.getByLabel("First name")).toHaveValue("Jonas");
  await expect(page.getByLabel("E-mail address")).toHaveValue(email);
  await page.getByRole("button", { name: "Book this appointment" }).click();
  await expectFocusOnHeading(page, "Booking confirmed");
  await expect(page.locator("dl")).toContainText("WithMia Schulz");
  await expect(page.getByText("You asked for anyone available")).toHaveCount(0);
  const made = await appointmentsOf(request, email);
  expect(made).toHaveLength(1);
  expect(made[0]).toMatchObject({ date: day, time: "10:00", appointment: { service: "physiotherapy", staff: { id: mia.id } } });
});

test("a customer finds their appointment from the e-mail's link and moves it to another doctor and time (appointments 3)", async (
  { page, request },
  testInfo,
) => {
  const day = clinicWeekdayFor(testInfo, 3);
  const email = uniqueEmail(testInfo, "move-appointment");
  const staff = await clinicStaff(request);
  const weber = staff["Dr Hanna Weber"]!;
  const richter = staff["Dr Jonas Richter"]!;
  const booked = await bookAppointmentThroughApi(request, { service: "health-check", date: day, time: "11:00", staff: weber.id, email });
  const token = new URL(await emailLink(request, booked.reference)).searchParams.get("token");

  await page.goto(`/bookings/${booked.reference}?token=${token}`);
  await expectFocusOnHeading(page, "Your booking");
  // The header follows the booking's venue: a clinic's, not "Book a table".
  const header = page.getByRole("navigation", { name: "Main" });
  await expect(header.getByRole("link")).toHaveText(["Book an appointment", "Manage a booking"]);
  await expect(header.getByRole("link", { name: "Book an appointment" })).toHaveAttribute("href", `/venues/${CLINIC}`);
  const summary = page.locator("dl");
  await expect(summary).toContainText("AppointmentHealth check");
  await expect(summary).toContainText("WithDr Hanna Weber");
  await expect(summary).toContainText(`When${appointmentText(booked)}`);
  await expect(summary).toContainText("Price€120.00");
  await expect(page.getByText(/Table for/)).toHaveCount(0);
  await expectAccessible(page, "an appointment, managed");
  await screenshot(page, testInfo, "appointment-6-manage");

  await page.getByRole("button", { name: "Change date, time or person" }).click();
  await expectFocusOnHeading(page, "Change your appointment");
  const who = page.getByRole("group", { name: "Who would you like to see?" });
  await expect(who.getByRole("radio", { name: /^Dr Hanna Weber \(your appointment is with them now\)/ })).toBeChecked();
  // Nothing chosen yet: saving asks for a time.
  await page.getByRole("button", { name: "Save the change" }).click();
  await expect(page.locator("[aria-labelledby=error-summary-title]")).toBeFocused();
  await expect(page.getByRole("link", { name: "Choose a time" })).toBeVisible();

  // A quarter of an hour later with the same doctor: it overlaps the appointment's own time, which the
  // public search counts as taken; the move's own times offer it (and its own time), and the move takes it.
  const weberPublic = (await appointmentTimes(request, "health-check", day, weber.id)).map((slot) => slot.time);
  expect(weberPublic, "the public search counts the appointment's own time as taken").not.toContain("11:15");
  await expect(page.getByRole("group", { name: `Times on ${longDate(day)} with Dr Hanna Weber` })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^11:00 to 11:45/ })).toBeVisible();
  await pickTime(page, "11:15");
  await expectAccessible(page, "moving an appointment over its own time");
  await page.getByRole("button", { name: "Save the change" }).click();
  await expectFocusOnHeading(page, "Your booking has been changed");
  const later = (await appointmentsOf(request, email))[0]!;
  expect(later).toMatchObject({ status: "confirmed", date: day, time: "11:15", appointment: { staff: { id: weber.id } } });
  await expect(summary).toContainText(`When${appointmentText(later)}`);
  await expect(header.getByRole("link", { name: "Book an appointment" })).toBeVisible();

  // Then to another doctor and time.
  await page.getByRole("button", { name: "Change date, time or person" }).click();
  await expectFocusOnHeading(page, "Change your appointment");
  await who.getByRole("radio", { name: /^Dr Jonas Richter/ }).check();
  await expect(page.getByRole("group", { name: `Times on ${longDate(day)} with Dr Jonas Richter` })).toBeVisible();
  await expect(offeredTimes(page)).toHaveCount((await appointmentTimes(request, "health-check", day, richter.id)).length);
  await pickTime(page, "15:00");
  await expectAccessible(page, "moving an appointment");
  await screenshot(page, testInfo, "appointment-7-move");
  await page.getByRole("button", { name: "Save the change" }).click();
  await expectFocusOnHeading(page, "Your booking has been changed");
  const moved = (await appointmentsOf(request, email))[0]!;
  expect(moved).toMatchObject({ status: "confirmed", date: day, time: "15:00", appointment: { staff: { id: richter.id } } });
  await expect(summary).toContainText("WithDr Jonas Richter");
  await expect(summary).toContainText(`When${appointmentText(moved)}`);
  // The old time is Dr Weber's to give again.
  await expect.poll(async () => (await appointmentTimes(request, "health-check", day, weber.id)).map((slot) => slot.time)).toContain("11:00");
});

test("the clinic's desk sees each member of staff's appointments on the day sheet and in the list, and moves one (appointments staff)", async (
  { page, request },
  testInfo,
) => {
  const day = clinicWeekdayFor(testInfo, 4);
  const email = uniqueEmail(testInfo, "desk");
  const staff = await clinicStaff(request);
  const lukas = staff["Lukas Becker"]!;
  const mia = staff["Mia Schulz"]!;
  const consultation: AppointmentBooking = await bookAppointmentThroughApi(request, {
    service: "consultation", date: day, time: "09:00", email, firstName: "Lena", surname: "Vogel",
  });
  const physio = await bookAppointmentThroughApi(request, {
    service: "physiotherapy", date: day, time: "14:00", staff: lukas.id, email: `physio.${email}`, firstName: "Paul", surname: "Neumann",
  });
  const doctor = consultation.appointment.staff.name;

  await logIn(page, CLINIC_STAFF, `/staff/${CLINIC}/day?date=${day}`);
  await expectFocusOnHeading(page, "Day sheet");
  await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link")).toHaveText(["Day sheet", "Bookings", "New appointment"]);
  await expect(page.getByRole("status").filter({ hasText: "appointments" })).toHaveText("2 appointments");
  const doctorsDay = page.getByRole("region", { name: doctor });
  await expect(doctorsDay).toContainText("09:00 to 09:20");
  await expect(doctorsDay).toContainText("Lena Vogel · Consultation");
  await expect(doctorsDay).toContainText("1 appointment");
  await expect(page.getByRole("region", { name: "Lukas Becker" })).toContainText("14:00 to 14:45");
  await expect(page.getByRole("region", { name: "Lukas Becker" })).toContainText("Paul Neumann · Physiotherapy");
  await expect(page.getByRole("region", { name: "Mia Schulz" })).toContainText("No appointments on this day.");
  await expect(page.getByText(/covers?\b|people/)).toHaveCount(0);
  await expectAccessible(page, "a clinic's day sheet");
  await screenshot(page, testInfo, "staff-appointment-1-day");
  if (testInfo.project.name.startsWith("phone")) return; // the rest is the same at any width

  // The physiotherapy session moves to Mia Schulz at 15:00, with the customer's pickers.
  await page.getByRole("link", { name: "Paul Neumann" }).click();
  await expectFocusOnHeading(page, `Booking ${physio.reference}`);
  const facts = page.locator("dl");
  await expect(facts).toContainText("AppointmentPhysiotherapy");
  await expect(facts).toContainText("WithLukas Becker");
  await expect(facts).toContainText(`When${appointmentText(physio)}`);
  await expect(facts).not.toContainText("Party");
  await expect(page.getByRole("region", { name: "History" })).toContainText(
    `The guest booked Physiotherapy with Lukas Becker at 14:00 on ${longDate(day)} (online).`,
  );
  await page.getByRole("button", { name: "Move" }).click();
  await expectFocusOnHeading(page, "Move this appointment");
  const whichMember = page.getByRole("group", { name: "Which member of staff?" });
  await expect(whichMember.getByRole("radio", { name: /^Lukas Becker \(booked with them now\)/ })).toBeChecked();
  await whichMember.getByRole("radio", { name: /^Mia Schulz/ }).check();
  await pickTime(page, "15:00");
  await expectAccessible(page, "the desk moving an appointment");
  await screenshot(page, testInfo, "staff-appointment-2-move");
  await page.getByRole("button", { name: "Save the move" }).click();
  await expectFocusOnHeading(page, "Booking moved");
  await expect(facts).toContainText("WithMia Schulz");
  await expect(page.getByRole("region", { name: "History" })).toContainText(
    "You moved it from 14:00 to 15:00 and from Lukas Becker to Mia Schulz.",
  );
  const moved = (await appointmentsOf(request, `physio.${email}`))[0]!;
  expect(moved).toMatchObject({ time: "15:00", appointment: { staff: { id: mia.id } } });

  // The list says what each appointment is, not "1 person".
  await goTo(page, "Bookings");
  await expectFocusOnHeading(page, "Bookings");
  await page.getByLabel("From").fill(day);
  await page.getByLabel("To").fill(day);
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expectFocusOnHeading(page, "Results");
  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("listitem").filter({ hasText: consultation.reference })).toContainText(`Consultation · ${doctor} · 20 minutes`);
  await expect(results.getByRole("listitem").filter({ hasText: physio.reference })).toContainText("Physiotherapy · Mia Schulz · 45 minutes");
  await expect(results.getByText(/1 person/)).toHaveCount(0);
  await expectAccessible(page, "a clinic's bookings list");
  await screenshot(page, testInfo, "staff-appointment-3-bookings");
});

test("the clinic's desk books an appointment for a customer on the phone, then moves it a quarter of an hour on (appointments staff 2)", async (
  { page, request },
  testInfo,
) => {
  const day = clinicWeekdayFor(testInfo, 7);
  const email = uniqueEmail(testInfo, "desk-new");
  const lukas = (await clinicStaff(request))["Lukas Becker"]!;

  await logIn(page, CLINIC_STAFF, `/staff/${CLINIC}/day?date=${day}`);
  await expectFocusOnHeading(page, "Day sheet");
  await goTo(page, "New appointment");
  await expectFocusOnHeading(page, "New appointment");
  // Nothing chosen: the service is asked for first.
  await page.getByRole("button", { name: "Book the appointment" }).click();
  await expectSummary(page, "Choose a service");
  await page.getByLabel("Service").selectOption({ label: "Physiotherapy (45 minutes · €75.00)" });
  const whichMember = page.getByRole("group", { name: "Which member of staff?" });
  await expect(whichMember.getByRole("radio", { name: /^Anyone available/ })).toBeChecked();
  await whichMember.getByRole("radio", { name: /^Lukas Becker/ }).check();
  await page.getByLabel("Date", { exact: true }).fill(day);
  await expect(page.getByRole("group", { name: `Times on ${longDate(day)} with Lukas Becker` })).toBeVisible();
  const times = await appointmentTimes(request, "physiotherapy", day, lukas.id);
  await expect(offeredTimes(page)).toHaveCount(times.length);
  // His first time that day, and a quarter of an hour later (it overlaps it) to move to.
  const first = times[0]!.time;
  const later = times.find((slot) => minutesOf(slot.time) === minutesOf(first) + 15)!.time;
  await page.getByRole("button", { name: "Book the appointment" }).click();
  await expectSummary(page, "Choose a time");
  await pickTime(page, first);
  await page.getByRole("radio", { name: "Phone" }).check();
  await page.getByLabel("First name (optional)").fill("Paul");
  await page.getByLabel("Surname (optional)").fill("Neumann");
  await page.getByLabel("E-mail address (optional)").fill(email);
  await page.getByLabel("Phone number (optional)").fill("0151 23456789");
  await expectAccessible(page, "the desk booking an appointment");
  await screenshot(page, testInfo, "staff-appointment-4-new");
  await page.getByRole("button", { name: "Book the appointment" }).click();

  await expectFocusOnHeading(page, "Booking added");
  const [made] = await appointmentsOf(request, email);
  expect(made).toMatchObject({
    kind: "appointment", status: "confirmed", channel: "phone", date: day, time: first,
    appointment: { service: "physiotherapy", staff: { id: lukas.id } }, customer: { first_name: "Paul", surname: "Neumann", email },
  });
  const facts = page.locator("dl");
  await expect(facts).toContainText("AppointmentPhysiotherapy");
  await expect(facts).toContainText("WithLukas Becker");
  await expect(facts).toContainText(`When${appointmentText(made!)}`);
  await expect(page.getByRole("region", { name: "History" })).toContainText(
    `You booked Physiotherapy with Lukas Becker at ${first} on ${longDate(day)} (phone).`,
  );

  // A quarter of an hour later with Lukas Becker overlaps the appointment's own time: the public search
  // no longer offers it; its page does, and the move takes it.
  expect((await appointmentTimes(request, "physiotherapy", day, lukas.id)).map((slot) => slot.time)).not.toContain(later);
  await page.getByRole("button", { name: "Move" }).click();
  await expectFocusOnHeading(page, "Move this appointment");
  await pickTime(page, later);
  await expectAccessible(page, "the desk moving an appointment over its own time");
  await page.getByRole("button", { name: "Save the move" }).click();
  await expectFocusOnHeading(page, "Booking moved");
  expect((await appointmentsOf(request, email))[0]).toMatchObject({ time: later, appointment: { staff: { id: lukas.id } } });
  await expect(page.getByRole("region", { name: "History" })).toContainText(`You moved it from ${first} to ${later}.`);
});
