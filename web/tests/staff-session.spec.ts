/**
 * Staff sessions: a wrong password, logging in with the keyboard, a session that ends (its refresh
 * token revoked elsewhere, the access token then due) shows a sentence and the login form in front
 * of the page, which is kept; logging out revokes the session at the API.
 */
import { expect } from "@playwright/test";
import { test } from "./support/test";
import { STAFF, VENUE } from "./support/system";
import { expectAccessible, expectFocusOnHeading, screenshot } from "./support/page";
import { expectSummary, goTo } from "./support/staff";

test("staff session: wrong password, keyboard login, an ended session keeps the page, logging out revokes", async (
  { page, request },
  testInfo,
) => {
  // The browser's clock is Playwright's: the app's refresh timer can be brought forward.
  await page.clock.install();
  await page.goto(`/staff/${VENUE}/bookings`);
  await expectFocusOnHeading(page, "Staff log in");
  await expectAccessible(page, "staff login");
  await screenshot(page, testInfo, "staff-0-login");

  await page.getByLabel("E-mail address").fill(STAFF.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expectSummary(page, "The e-mail address or password is not right. Check them and try again.");
  await expect(page.getByLabel("E-mail address")).toHaveValue(STAFF.email);
  await expectAccessible(page, "staff login refused");

  // With the keyboard alone: from the summary to the fields, and Enter sends the form.
  await page.getByLabel("Password").fill("");
  await page.getByLabel("E-mail address").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(STAFF.password);
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/auth/login") && response.ok());
  await page.keyboard.press("Enter");
  const firstRefresh = ((await (await answer).json()) as { refresh_token: string }).refresh_token;
  await expectFocusOnHeading(page, "Bookings");
  await page.getByLabel("Search").fill("nobody-at-all");
  await page.getByRole("button", { name: "Show bookings" }).click();
  await expect(page.getByText("No bookings match these filters.")).toBeVisible();

  // Logged out in another place: the refresh token's family is revoked. When the access token is
  // due for its refresh, the API refuses it and the page says so, with the login form in front.
  const revoked = await request.post("/api/v1/auth/logout", { data: { refresh_token: firstRefresh } });
  expect(revoked.status()).toBe(204);
  await page.clock.fastForward("15:00");
  await expectFocusOnHeading(page, "Log in again");
  await expect(page.getByRole("alert")).toHaveText(
    "Your session has ended. Log in again to carry on where you were. Nothing on the page has been lost.",
  );
  await expect(page).toHaveURL(/q=nobody-at-all/);
  await expectAccessible(page, "session ended");
  await screenshot(page, testInfo, "staff-session-ended");
  const replayed = await request.post("/api/v1/auth/refresh", { data: { refresh_token: firstRefresh } });
  expect(replayed.status()).toBe(401);

  // Logging in again carries on: the same page, what was typed still there.
  await expect(page.getByLabel("E-mail address")).toHaveValue(STAFF.email);
  await page.getByLabel("Password").fill(STAFF.password);
  const again = page.waitForResponse((response) => response.url().endsWith("/api/v1/auth/login") && response.ok());
  await page.getByRole("button", { name: "Log in" }).click();
  const secondRefresh = ((await (await again).json()) as { refresh_token: string }).refresh_token;
  await expectFocusOnHeading(page, "Bookings");
  await expect(page.getByLabel("Search")).toHaveValue("nobody-at-all");
  await expect(page.getByText("No bookings match these filters.")).toBeVisible();
  await goTo(page, "Day sheet");
  await expectFocusOnHeading(page, "Day sheet");

  // Logging out revokes the refresh token at the API. The page goes at once and the API is told
  // meanwhile: the refresh below waits for that answer, or it could beat the revocation to it.
  const loggedOut = page.waitForResponse((response) => response.url().endsWith("/api/v1/auth/logout"));
  await page.getByRole("button", { name: "Log out" }).click();
  await expectFocusOnHeading(page, "Staff log in");
  await expect(page.getByRole("status")).toContainText("You have logged out.");
  expect((await loggedOut).status()).toBe(204);
  const afterLogout = await request.post("/api/v1/auth/refresh", { data: { refresh_token: secondRefresh } });
  expect(afterLogout.status()).toBe(401);
  expect((await afterLogout.json()).error.code).toBe("invalid_refresh_token");
});
