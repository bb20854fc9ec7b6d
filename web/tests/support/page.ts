/** Seeing and doing as a person does: by role and label, axe on each state, screenshots to look at. */
import axe from "axe-core";
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * axe-core run in the page itself, injected once per document (the app changes pages without
 * reloading). @axe-core/playwright injected it again on each call and opened a blank page to merge
 * the results of frames, which the app does not have: 1.3 s a check against 0.6 s here. Only the
 * violations are collected in full (`resultTypes`): the passes' node lists were never read.
 */
async function runAxe(page: Page): Promise<axe.AxeResults> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  return page.evaluate(
    (values) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: "tag", values },
        resultTypes: ["violations"],
      }),
    AXE_TAGS,
  );
}

/**
 * 0 serious or critical axe violations (WCAG 2.0-2.2 A and AA, and best practices), and content
 * that reflows to the viewport (WCAG 1.4.10): nothing scrolls sideways at 375 px, or at 200 % zoom
 * of the desktop layout (which is 640 CSS px).
 */
export async function expectAccessible(page: Page, state: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `"${state}" scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  const results = await runAxe(page);
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `axe on "${state}"`).toEqual([]);
}

/** A full-page PNG for docs/screenshots, named by project (desktop/phone) and step. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const dir = process.env.TESSERA_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${testInfo.project.name}-${name}.png`), fullPage: true, animations: "disabled" });
}

/** The heading of a new page or step has focus, as the app moves it there. */
export async function expectFocusOnHeading(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { name })).toBeFocused();
}

export interface Guest {
  firstName: string;
  surname: string;
  email: string;
  mobile?: string;
  requests?: string;
}

export async function chooseVisit(page: Page, visit: { date: string; party: number; time: string }) {
  await page.getByLabel("Date").fill(visit.date);
  await page.getByLabel("Number of people").selectOption(String(visit.party));
  await pickTime(page, visit.time);
}

/** Click the slot's box, as a person does (the radio itself is visually hidden behind it). */
export async function pickTime(page: Page, time: string) {
  await page.locator("label").filter({ hasText: new RegExp(`^${time}`) }).click();
  await expect(page.getByRole("radio", { name: new RegExp(`^${time}`) })).toBeChecked();
}

export async function fillDetails(page: Page, guest: Guest) {
  await page.getByLabel("First name").fill(guest.firstName);
  await page.getByLabel("Surname").fill(guest.surname);
  await page.getByLabel("E-mail address").fill(guest.email);
  if (guest.mobile) await page.getByLabel("Mobile number", { exact: true }).fill(guest.mobile);
  if (guest.requests) await page.getByLabel("Special requests (optional)").fill(guest.requests);
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * The visit as the app must show it ("Wednesday 9 December 2026, 19:00 GMT"), worked out from the
 * booking's venue-local date and time and its UTC start: London is on GMT when the two clocks agree.
 */
export function visitText(booking: { date: string; time: string; starts_at: string }): string {
  const [year, month, day] = booking.date.split("-").map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay()];
  const utcTime = booking.starts_at.slice(11, 16);
  const zone = utcTime === booking.time ? "GMT" : "BST";
  return `${weekday} ${day} ${MONTHS[month! - 1]} ${year}, ${booking.time} ${zone}`;
}

/** "Tuesday 8 December 2026" for a calendar date, as the app writes one. */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay()];
  return `${weekday} ${day} ${MONTHS[month! - 1]} ${year}`;
}

/** Press Tab until `target` has focus, as a keyboard user gets there; fails if it never does. */
export async function tabTo(page: Page, target: Locator, most = 40): Promise<Locator> {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return target;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Type a date into a focused date field as Debian's chromium (an en-US interface) takes it: month, day, year. */
export async function typeDate(page: Page, isoDate: string) {
  const [year, month, day] = isoDate.split("-");
  await page.keyboard.type(`${month}${day}${year}`);
}
