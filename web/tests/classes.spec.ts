/** A place in a class at the demo clinic (docs/appointments.md, "Classes"): the Pilates class's times say how many places are left, a full one is shown but not pickable, a place is booked, and the desk's day sheet shows the session with everyone in it. */
import { expect, type APIRequestContext } from "@playwright/test";
import { test } from "./support/test";
import { appointmentsOf, appointmentTimes, CLINIC, CLINIC_STAFF, clinicWeekdayFor, uniqueEmail } from "./support/system";
import { expectAccessible, expectFocusOnHeading, fillDetails, longDate, pickTime, screenshot } from "./support/page";
import { logIn } from "./support/staff";

/** Places in the class booked through the API, as another customer would. */
async function bookPlaces(request: APIRequestContext, date: string, time: string, places: number, email: string, firstName: string) {
  const response = await request.post("/api/v1/bookings", {
    data: {
      kind: "appointment", venue: CLINIC, service: "pilates", date, time, party_size: places,
      customer: { first_name: firstName, surname: "Brandt", email },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
}

const placesLeft = async (request: APIRequestContext, date: string, time: string) =>
  ((await appointmentTimes(request, "pilates", date)).find((slot) => slot.time === time) as { places_left?: number } | undefined)
    ?.places_left;

test("a customer books a place in the Pilates class, a full time is shown but not offered, and the desk sees the session (classes 1)", async (
  { page, request },
  testInfo,
) => {
  const day = clinicWeekdayFor(testInfo, 7);
  const email = uniqueEmail(testInfo, "pilates");
  await bookPlaces(request, day, "17:00", 2, uniqueEmail(testInfo, "pilates-pair"), "Nora");
  await bookPlaces(request, day, "18:00", 6, uniqueEmail(testInfo, "pilates-group"), "Ida");
  expect(await placesLeft(request, day, "17:00")).toBe(4);
  expect(await placesLeft(request, day, "18:00")).toBe(0);

  await page.goto(`/venues/${CLINIC}`);
  await expectFocusOnHeading(page, "The Meadow Clinic");
  const pilates = page.getByRole("region", { name: "Pilates class" });
  await expect(pilates.getByText("50 minutes · €22.00 a place · up to 6 people")).toBeVisible();
  await pilates.getByRole("button", { name: "Choose Pilates class" }).click();
  await expectFocusOnHeading(page, "Pilates class");
  await page.getByLabel("Date", { exact: true }).fill(day);
  await expect(page.getByRole("group", { name: `Times on ${longDate(day)}` })).toBeVisible();
  // A class's times say what is left; a full one is there, but cannot be chosen.
  const five = page.getByRole("radio", { name: /^17:00 to 17:50/ });
  await expect(five).toHaveAccessibleName(/4 places left$/);
  const six = page.getByRole("radio", { name: /^18:00 to 18:50/ });
  await expect(six).toHaveAccessibleName(/Full$/);
  await expect(six).toBeDisabled();
  await expectAccessible(page, "a class's times, one full");
  await screenshot(page, testInfo, "class-1-times");

  await pickTime(page, "17:00");
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFocusOnHeading(page, "Your details");
  await expect(page.getByText("A place in Pilates class with anyone available at The Meadow Clinic")).toBeVisible();
  await expect(page.getByText("4 places left")).toBeVisible();
  await fillDetails(page, { firstName: "Lena", surname: "Vogel", email });
  await expectAccessible(page, "a class's details");
  await page.getByRole("button", { name: "Book a place" }).dblclick();

  await expectFocusOnHeading(page, "Booking confirmed");
  const made = await appointmentsOf(request, email);
  expect(made, "one place for a double click").toHaveLength(1);
  expect(made[0]).toMatchObject({
    status: "confirmed", time: "17:00", party_size: 1, total: { amount: "22.00", currency: "EUR" },
    appointment: { service: "pilates", staff: { name: "Sofia Lang" }, class_session: { capacity: 6, places: 1 } },
  });
  const summary = page.locator("dl");
  await expect(summary).toContainText("ClassPilates class");
  await expect(summary).toContainText("Places1 place");
  await expect(summary).toContainText("WithSofia Lang");
  await expect(summary).toContainText("Price€22.00");
  await expectAccessible(page, "a class's confirmation");
  await screenshot(page, testInfo, "class-2-confirmation");
  await expect.poll(() => placesLeft(request, day, "17:00"), { message: "one place fewer" }).toBe(3);

  // The desk: the session as one entry, with everyone in it and the places taken.
  await logIn(page, CLINIC_STAFF, `/staff/${CLINIC}/day?date=${day}`);
  await expectFocusOnHeading(page, "Day sheet");
  const sofia = page.getByRole("region", { name: "Sofia Lang" });
  await expect(sofia.getByRole("heading", { name: "Pilates class · 3 of 6 places taken" })).toBeVisible();
  await expect(sofia.getByRole("heading", { name: "Pilates class · 6 of 6 places taken" })).toBeVisible();
  const session = sofia.getByRole("list", { name: "Pilates class · 3 of 6 places taken" });
  await expect(session.getByRole("listitem")).toHaveCount(2);
  await expect(session).toContainText("Nora Brandt · 2 places");
  await expect(session).toContainText("Lena Vogel · 1 place");
  await expect(sofia).toContainText("17:00 to 17:50");
  await expectAccessible(page, "a class session on the clinic's day sheet");
  await screenshot(page, testInfo, "staff-class-1-day");
});
