/**
 * What the journeys know about the system under test, and how they check what the API holds:
 * through the public API with a staff login (the same API the app uses), and the test's control
 * server (tests/support/web_control.py) for outages and e-mail links.
 */
import { expect, type APIRequestContext, type TestInfo } from "@playwright/test";

export const VENUE = process.env.TESSERA_VENUE ?? "TheHungryUnicorn";
const CONTROL = process.env.TESSERA_CONTROL_URL ?? "";
const STAFF_LOGIN = { email: process.env.TESSERA_STAFF_EMAIL ?? "", password: process.env.TESSERA_STAFF_PASSWORD ?? "" };

export interface Booking {
  reference: string;
  status: string;
  channel: string;
  date: string;
  time: string;
  party_size: number;
  starts_at: string;
  special_requests: string | null;
  cancellation_reason_id: number | null;
  customer: Record<string, unknown>;
}

export interface Slot {
  time: string;
  remaining: number;
  bookable: boolean;
  starts_at: string;
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  expect(response.status(), `${what}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

export interface Credentials {
  email: string;
  password: string;
}

/** The venue's manager the journeys log in as (and read back with). */
export const STAFF: Credentials = STAFF_LOGIN;
/** Staff journey 5: the manager of another venue, and an admin of every venue. */
export const OTHER_VENUE = process.env.TESSERA_OTHER_VENUE ?? "";
export const OTHER_REFERENCE = process.env.TESSERA_OTHER_REFERENCE ?? "";
export const OTHER_DATE = process.env.TESSERA_OTHER_DATE ?? "";
export const OTHER_STAFF: Credentials = { email: process.env.TESSERA_OTHER_STAFF_EMAIL ?? "", password: STAFF_LOGIN.password };
export const ADMIN: Credentials = { email: process.env.TESSERA_ADMIN_EMAIL ?? "", password: STAFF_LOGIN.password };
/** The stay journeys: the demo hotel (Europe/Lisbon, EUR) and a manager of it. */
export const HOTEL = process.env.TESSERA_HOTEL ?? "TheHarbourHotel";
export const HOTEL_STAFF: Credentials = { email: process.env.TESSERA_HOTEL_STAFF_EMAIL ?? "", password: STAFF_LOGIN.password };

const staffTokens = new Map<string, { value: string; until: number }>();

/** A staff access token, logged in once per person and again before it expires. */
export async function staffHeaders(request: APIRequestContext, who: Credentials = STAFF) {
  let token = staffTokens.get(who.email);
  if (!token || Date.now() > token.until) {
    const tokens = await ok<{ access_token: string; expires_in: number }>(
      await request.post("/api/v1/auth/login", { data: who }),
      `staff login of ${who.email}`,
    );
    token = { value: tokens.access_token, until: Date.now() + (tokens.expires_in / 2) * 1000 };
    staffTokens.set(who.email, token);
  }
  return { Authorization: `Bearer ${token.value}` };
}

/** A GET of the API as a member of staff: the status and the body, for reading back what the API holds. */
export async function staffGet(
  request: APIRequestContext,
  path: string,
  params: Record<string, string | number> = {},
  who: Credentials = STAFF,
): Promise<{ status: number; body: any }> {
  const response = await request.get(path, { headers: await staffHeaders(request, who), params });
  return { status: response.status(), body: await response.json() };
}

/** Every booking made with this e-mail at the venue, whatever its status (staff list). */
export async function bookingsOf(request: APIRequestContext, email: string): Promise<Booking[]> {
  const headers = await staffHeaders(request);
  const page = await ok<{ items: Booking[] }>(
    await request.get("/api/v1/bookings", { headers, params: { venue: VENUE, email, limit: 50 } }),
    "staff booking list",
  );
  return page.items;
}

/** The one booking made with this e-mail: a journey that made two has double-booked. */
export async function onlyBookingOf(request: APIRequestContext, email: string): Promise<Booking> {
  const bookings = await bookingsOf(request, email);
  expect(bookings, `bookings made with ${email}`).toHaveLength(1);
  return bookings[0]!;
}

export async function slotsOn(request: APIRequestContext, date: string, partySize = 2): Promise<Slot[]> {
  const day = await ok<{ slots: Slot[] }>(
    await request.get(`/api/v1/venues/${VENUE}/availability`, { params: { date, party_size: partySize } }),
    "availability",
  );
  return day.slots;
}

export async function remainingAt(request: APIRequestContext, date: string, time: string): Promise<number> {
  const slot = (await slotsOn(request, date, 1)).find((s) => s.time === time);
  expect(slot, `a slot at ${date} ${time}`).toBeDefined();
  return slot!.remaining;
}

/** The ledger of one slot, as staff see it: capacity and covers booked. */
export async function ledgerOf(request: APIRequestContext, date: string, time: string) {
  const headers = await staffHeaders(request);
  const page = await ok<{ items: { time: string; capacity: number; booked: number; is_open: boolean }[] }>(
    await request.get(`/api/v1/venues/${VENUE}/slots`, { headers, params: { from: date, to: date } }),
    "staff slot list",
  );
  const slot = page.items.find((s) => s.time === time);
  expect(slot, `the slot ${date} ${time}`).toBeDefined();
  return slot!;
}

export async function changeSlot(
  request: APIRequestContext,
  date: string,
  time: string,
  change: { capacity?: number; is_open?: boolean },
) {
  const headers = await staffHeaders(request);
  await ok(await request.patch(`/api/v1/venues/${VENUE}/slots/${date}/${time}`, { headers, data: change }), "slot change");
}

async function control<T>(request: APIRequestContext, method: "GET" | "POST", path: string): Promise<T | undefined> {
  expect(CONTROL, "TESSERA_CONTROL_URL (set by tests/e2e/test_web_app.py)").not.toBe("");
  const response = await request.fetch(`${CONTROL}${path}`, { method, timeout: 60_000 });
  expect(response.status(), `control ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.status() === 204 ? undefined : ((await response.json()) as T);
}

export const stopProcess = (request: APIRequestContext, name: string) => control(request, "POST", `/processes/${name}/stop`);
export const startProcess = (request: APIRequestContext, name: string) => control(request, "POST", `/processes/${name}/start`);

export async function emailLink(request: APIRequestContext, reference: string): Promise<string> {
  return (await control<{ url: string }>(request, "GET", `/links/${reference}`))!.url;
}

/** Move a booking's start an hour back, so that it has started (staff may then record its outcome). */
export async function startBooking(request: APIRequestContext, reference: string): Promise<void> {
  await control(request, "POST", `/bookings/${reference}/start`);
}

export async function expiredToken(request: APIRequestContext, reference: string): Promise<string> {
  return (await control<{ token: string }>(request, "GET", `/expired-links/${reference}`))!.token;
}

/** The venue's date `days` from today, as the venue counts days (Europe/London for the demo venue). */
export function venueDay(days: number, timeZone = "Europe/London"): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/**
 * A day of its own for each journey and project, so journeys sharing one system never meet on a
 * slot: `slot` numbers the journey (1-14), the phone project takes the next fourteen days.
 */
export function dayFor(testInfo: TestInfo, slot: number): string {
  return venueDay(slot + (testInfo.project.name.startsWith("phone") ? 14 : 0));
}

export function uniqueEmail(testInfo: TestInfo, name: string): string {
  return `${name}.${testInfo.project.name}.${Date.now()}@example.com`;
}

/** A booking made straight through the API, as a guest would (set-up for the journeys that manage one). */
export async function bookThroughApi(
  request: APIRequestContext,
  visit: { date: string; time: string; partySize: number; email: string; firstName?: string; surname?: string; requests?: string },
): Promise<Booking> {
  return ok<Booking>(
    await request.post("/api/v1/bookings", {
      data: {
        venue: VENUE, date: visit.date, time: visit.time, party_size: visit.partySize,
        customer: { first_name: visit.firstName ?? "Mary", surname: visit.surname ?? "Seacole", email: visit.email },
        ...(visit.requests ? { special_requests: visit.requests } : {}),
      },
    }),
    "booking through the API",
  );
}

export async function bookingAs(request: APIRequestContext, reference: string, email: string): Promise<Booking> {
  return ok<Booking>(await request.get(`/api/v1/bookings/${reference}`, { params: { email } }), "the guest's booking");
}

/** The hotel's date `days` from today, as the hotel counts days (Europe/Lisbon). */
export const hotelDay = (days: number) => venueDay(days, "Europe/Lisbon");

export interface Money {
  amount: string;
  currency: string;
}

export interface StayBooking extends Booking {
  kind: string;
  total: Money;
  stay: {
    room_type: string;
    arrival: string;
    departure: string;
    nights: number;
    guests: number;
    room: string | null;
    checked_in_at: string | null;
    checked_out_at: string | null;
    lines: { kind: string; amount: Money }[];
  };
}

/** A stay made straight through the API, as a guest would (set-up for the journeys that run one). */
export async function bookStayThroughApi(
  request: APIRequestContext,
  stay: {
    arrival: string; departure: string; roomType: string; guests?: number; email: string; firstName?: string; surname?: string;
    ratePlan?: string;
  },
): Promise<StayBooking> {
  return ok<StayBooking>(
    await request.post("/api/v1/bookings", {
      data: {
        kind: "stay", venue: HOTEL, room_type: stay.roomType, rate_plan: stay.ratePlan ?? "flexible",
        arrival: stay.arrival, departure: stay.departure, guests: stay.guests ?? 2,
        customer: { first_name: stay.firstName ?? "Ines", surname: stay.surname ?? "Sousa", email: stay.email },
      },
    }),
    "stay through the API",
  );
}

/** A POST to the API as a member of staff (the hotel's manager unless told): the status and the body. */
export async function staffPost(
  request: APIRequestContext,
  path: string,
  data: unknown = {},
  who: Credentials = HOTEL_STAFF,
): Promise<{ status: number; body: any }> {
  const response = await request.post(path, { headers: await staffHeaders(request, who), data });
  return { status: response.status(), body: await response.json() };
}

/** The appointment journeys: the demo clinic (Europe/Berlin, EUR) and its demo manager, both seeded by `seed-demo`. */
export const CLINIC = process.env.TESSERA_CLINIC ?? "TheMeadowClinic";
export const CLINIC_STAFF: Credentials = {
  email: process.env.TESSERA_CLINIC_STAFF_EMAIL ?? "manager@meadow-clinic.example",
  password: process.env.TESSERA_CLINIC_STAFF_PASSWORD ?? "meadow-demo-manager",
};

/** The clinic's date `days` from today, as the clinic counts days (Europe/Berlin). */
export const clinicDay = (days: number) => venueDay(days, "Europe/Berlin");

/**
 * A weekday of its own (Monday to Friday, when the clinic's GPs work) for each appointment journey
 * and project, from tomorrow on: `slot` numbers the journey (1-12), the phone project takes the
 * next twelve weekdays, so journeys sharing one system never meet on a day.
 */
export function clinicWeekdayFor(testInfo: TestInfo, slot: number): string {
  let wanted = slot + (testInfo.project.name.startsWith("phone") ? 12 : 0);
  for (let days = 1; ; days++) {
    const day = clinicDay(days);
    const [y, m, d] = day.split("-").map(Number);
    const weekday = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
    if (weekday >= 1 && weekday <= 5 && --wanted === 0) return day;
  }
}

export interface AppointmentBooking extends Booking {
  id: string;
  kind: string;
  ends_at: string;
  total: Money;
  appointment: { service: string; service_name: string; staff: { id: number; name: string }; resources: { id: number; name: string }[] };
}

export interface ClinicStaffMember {
  id: number;
  name: string;
  description: string | null;
  services: string[];
}

/** The clinic's staff by name, as its public list has them. */
export async function clinicStaff(request: APIRequestContext): Promise<Record<string, ClinicStaffMember>> {
  const page = await ok<{ items: ClinicStaffMember[] }>(await request.get(`/api/v1/venues/${CLINIC}/staff`), "the clinic's staff");
  return Object.fromEntries(page.items.map((member) => [member.name, member]));
}

/** The day's free start times of a service (with a member of staff, or anyone), as the API answers. */
export async function appointmentTimes(
  request: APIRequestContext,
  service: string,
  date: string,
  staff?: number,
): Promise<{ time: string; starts_at: string; ends_at: string; staff: number[] }[]> {
  const params: Record<string, string | number> = { service, date };
  if (staff !== undefined) params.staff = staff;
  const day = await ok<{ slots: { time: string; starts_at: string; ends_at: string; staff: number[] }[] }>(
    await request.get(`/api/v1/venues/${CLINIC}/appointments/availability`, { params }),
    "appointment search",
  );
  return day.slots;
}

/** An appointment made straight through the API, as a customer would (set-up for the journeys that need one). */
export async function bookAppointmentThroughApi(
  request: APIRequestContext,
  visit: { service: string; date: string; time: string; staff?: number | null; email: string; firstName?: string; surname?: string },
): Promise<AppointmentBooking> {
  return ok<AppointmentBooking>(
    await request.post("/api/v1/bookings", {
      data: {
        kind: "appointment", venue: CLINIC, service: visit.service, date: visit.date, time: visit.time, staff: visit.staff ?? null,
        customer: { first_name: visit.firstName ?? "Lena", surname: visit.surname ?? "Vogel", email: visit.email },
      },
    }),
    "appointment through the API",
  );
}

/** Every appointment made with this e-mail at the clinic, read back as its manager. */
export async function appointmentsOf(request: APIRequestContext, email: string): Promise<AppointmentBooking[]> {
  const { status, body } = await staffGet(request, "/api/v1/bookings", { venue: CLINIC, email, limit: 50 }, CLINIC_STAFF);
  expect(status).toBe(200);
  return body.items;
}

/** The reservation journeys: the demo lab (America/New_York) and its demo manager, both seeded by `seed-demo`. */
export const LAB = process.env.TESSERA_LAB ?? "TheMakerLab";
export const LAB_STAFF: Credentials = {
  email: process.env.TESSERA_LAB_STAFF_EMAIL ?? "manager@maker-lab.example",
  password: process.env.TESSERA_LAB_STAFF_PASSWORD ?? "makerlab-demo-manager",
};

/** The lab's date `days` from today, as the lab counts days (America/New_York). */
export const labDay = (days: number) => venueDay(days, "America/New_York");
