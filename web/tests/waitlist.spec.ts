/** The waitlist of the demo lab: staff see who waits for a resource and remove someone; a reservation is
 * cancelled, the first in line opens the offer from the link in their real e-mail and declines it, which
 * passes it to the next at once; the next opens theirs, reserves it, and the API holds one booking. */
import { expect, type APIRequestContext } from "@playwright/test";
import { test } from "./support/test";
import { emailLink, LAB, LAB_STAFF, labDay, staffGet, staffPost } from "./support/system";
import { expectAccessible, expectFocusOnHeading, longDate, screenshot } from "./support/page";
import { logIn } from "./support/staff";

/** A weekday (when the lab's cutters keep 09:00 to 21:00) a few days on, in the lab's calendar. */
function weekdayAhead(): string {
  for (let days = 3; ; days++) {
    const day = labDay(days);
    const [year, month, date] = day.split("-").map(Number);
    const weekday = new Date(Date.UTC(year!, month! - 1, date!)).getUTCDay();
    if (weekday >= 1 && weekday <= 5) return day;
  }
}

interface Entry {
  id: string;
  status: string;
  booking_reference: string | null;
}

async function join(request: APIRequestContext, resource: number, start: string, end: string, firstName: string, email: string): Promise<Entry> {
  const response = await request.post(`/api/v1/venues/${LAB}/resources/${resource}/waitlist`, {
    data: { start, end, customer: { first_name: firstName, surname: "Waits", email } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Entry;
}

async function entry(request: APIRequestContext, id: string): Promise<Entry> {
  const { status, body } = await staffGet(request, `/api/v1/waitlist/${id}`, {}, LAB_STAFF);
  expect(status).toBe(200);
  return body as Entry;
}

test("staff see and remove a waiting person; an offer is declined, passed on at once, and reserved by the next (waitlist)", async (
  { page, request },
  testInfo,
) => {
  // Each project its own cutter, so that the desktop and the phone never wait for each other's time.
  const cutter = testInfo.project.name.startsWith("phone") ? "Vinyl cutter" : "Laser cutter";
  const listed = await request.get(`/api/v1/venues/${LAB}/resources`, { params: { limit: 100 } });
  const resource = ((await listed.json()).items as { id: number; name: string }[]).find((each) => each.name === cutter)!;
  expect(resource, `${cutter} at ${LAB}`).toBeTruthy();
  const day = weekdayAhead();
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const held = await staffPost(
    request,
    "/api/v1/bookings",
    { kind: "reservation", venue: LAB, resource: resource.id, start: `${day}T10:00`, end: `${day}T12:00`, customer: { first_name: "Grace", surname: "Hopper" } },
    LAB_STAFF,
  );
  expect(held.status, JSON.stringify(held.body)).toBe(201);
  const wren = await join(request, resource.id, `${day}T10:00`, `${day}T11:00`, "Wren", `wren.${stamp}@example.com`);
  const yuri = await join(request, resource.id, `${day}T10:00`, `${day}T11:00`, "Yuri", `yuri.${stamp}@example.com`);
  const zoe = await join(request, resource.id, `${day}T10:30`, `${day}T11:30`, "Zoe", `zoe.${stamp}@example.com`);

  // The staff's view of the cutter's waitlist: who, for which time, where each stands; Zoe removed.
  await logIn(page, LAB_STAFF, `/staff/${LAB}/calendar?resource=${resource.id}`);
  await expectFocusOnHeading(page, "Resource calendar");
  const waiting = page.getByRole("list", { name: `Waiting for the ${cutter}` });
  const row = (name: string) => waiting.getByRole("listitem").filter({ hasText: `${name} Waits` });
  for (const [name, range] of [["Wren", "10:00 to 11:00"], ["Yuri", "10:00 to 11:00"], ["Zoe", "10:30 to 11:30"]] as const) {
    await expect(row(name)).toContainText(`${longDate(day)}, ${range}`);
    await expect(row(name)).toContainText("Waiting");
  }
  await expectAccessible(page, "the cutter's waitlist");
  await screenshot(page, testInfo, "staff-lab-6-waitlist");
  await page.getByRole("button", { name: "Remove Zoe Waits from the waitlist" }).click();
  await expectFocusOnHeading(page, "Zoe Waits is no longer on the waitlist");
  await expect(row("Zoe")).toHaveCount(0);
  expect((await entry(request, zoe.id)).status).toBe("left");
  await expectAccessible(page, "someone removed from the waitlist");

  // The reservation is cancelled: the first in line, Wren, is offered the time and e-mailed.
  const cancelled = await staffPost(request, `/api/v1/bookings/${held.body.reference}/cancel`, { reason_id: 1 }, LAB_STAFF);
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
  await expect.poll(async () => (await entry(request, wren.id)).status).toBe("offered");
  await expect(row("Wren")).toContainText(/Offered until \d\d:\d\d/, { timeout: 15_000 }); // the list asks every 10 s
  expect((await entry(request, yuri.id)).status).toBe("waiting");

  // Wren opens the link in her e-mail and declines: Yuri is offered it at once.
  await page.goto(await emailLink(request, wren.id));
  await expectFocusOnHeading(page, `${cutter} is free: it is held for you`);
  await expect(page.getByText(new RegExp(`^${longDate(day)}, 10:00 to 11:00 E[SD]T$`))).toBeVisible();
  await expect(page.getByText("Held for you until", { exact: true })).toBeVisible();
  await expect(page.getByText(/^It is held for you until \w+ \d+ \w+ \d{4}, \d\d:\d\d E[SD]T\./)).toBeVisible(); // the lab's clock
  await expectAccessible(page, "an open offer");
  await screenshot(page, testInfo, "waitlist-1-offer");
  await page.getByRole("button", { name: "Decline it" }).click();
  await expectFocusOnHeading(page, "You declined this offer");
  await expect(page.getByText("It has gone to the next person waiting")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reserve it" })).toHaveCount(0);
  expect((await entry(request, wren.id)).status).toBe("declined");
  expect((await entry(request, yuri.id)).status).toBe("offered");
  await expectAccessible(page, "an offer declined");

  // Yuri opens his and reserves it: confirmed, one booking in the API, and the link now says it is taken.
  const yuriLink = await emailLink(request, yuri.id);
  await page.goto(yuriLink);
  await expectFocusOnHeading(page, `${cutter} is free: it is held for you`);
  await page.getByRole("button", { name: "Reserve it" }).click();
  await expectFocusOnHeading(page, "Booking confirmed");
  const booked = await staffGet(request, "/api/v1/bookings", { venue: LAB, kind: "reservation", email: `yuri.${stamp}@example.com` }, LAB_STAFF);
  const items = booked.body.items as { reference: string; status: string; channel: string }[];
  expect(items.map((b) => [b.status, b.channel])).toEqual([["confirmed", "waitlist"]]);
  const reference = items[0]!.reference;
  await expect(page.getByText(reference, { exact: true })).toBeVisible();
  await expect(page.getByText(new RegExp(`^${longDate(day)}, 10:00 to 11:00 E[SD]T$`))).toBeVisible();
  await expect(page.getByText(`We have sent a confirmation to yuri.${stamp}@example.com.`)).toBeVisible();
  await expectAccessible(page, "an offer taken");
  await screenshot(page, testInfo, "waitlist-2-taken");
  expect((await entry(request, yuri.id)).booking_reference).toBe(reference);
  await page.goto(yuriLink);
  await expectFocusOnHeading(page, "You took this offer");
  await expect(page.getByText(`your reference is ${reference}`)).toBeVisible();
  await expectAccessible(page, "a taken offer opened again");
});
