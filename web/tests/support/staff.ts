/** Staff journeys: logging in as a person does, and what the API then holds, read as staff. */
import { expect, type Page } from "@playwright/test";
import { STAFF, type Credentials } from "./system";
import { expectFocusOnHeading } from "./page";

/**
 * Open `path` and log in with the form (tokens live in the page's memory: every page load asks
 * again). Answers the refresh token the API gave, for the journeys that revoke it elsewhere.
 */
export async function logIn(page: Page, who: Credentials = STAFF, path = "/staff"): Promise<string> {
  await page.goto(path);
  await expectFocusOnHeading(page, "Staff log in");
  await page.getByLabel("E-mail address").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/auth/login") && response.ok());
  await page.getByRole("button", { name: "Log in" }).click();
  return ((await (await answer).json()) as { refresh_token: string }).refresh_token;
}

/** The staff page's own navigation, as a person uses it. */
export async function goTo(
  page: Page,
  link: "Day sheet" | "Bookings" | "New booking" | "New appointment" | "Capacity" | "Front desk" | "Room board" | "Reports" | "Resource calendar",
) {
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: link, exact: true }).click();
}

export const errorSummary = (page: Page) => page.locator("[aria-labelledby=error-summary-title]");

export async function expectSummary(page: Page, text: string) {
  await expect(errorSummary(page)).toBeFocused();
  await expect(errorSummary(page)).toContainText(text);
}
