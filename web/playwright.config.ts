/**
 * Browser journeys against a running Tessera (tests/e2e/test_web_app.py starts one and runs these).
 * TESSERA_WEB_URL: the gateway serving the built app; TESSERA_CONTROL_URL: the test's control server.
 * Debian's chromium is driven directly: Playwright's own browser download does not work here.
 */
import { defineConfig } from "@playwright/test";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const OUTAGES = "errors.spec.ts";

export default defineConfig({
  testDir: "./tests",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One system, shared data: each journey books on days of its own (tests/support/system.ts:
  // dayFor), so two run side by side; the outage journeys stop services, so they run last, alone.
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.TESSERA_WEB_URL ?? "http://127.0.0.1:8000",
    locale: "en-GB",
    // Not the venue's zone: what the app shows must be the venue's time, whatever the browser's.
    timezoneId: "America/Los_Angeles",
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    // Recording a trace of every journey slowed the run by a third; `PLAYWRIGHT_ARGS="--trace on"` when debugging.
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "desktop", use: DESKTOP, testIgnore: [OUTAGES] },
    // A phone is used by touch and not zoomed out of its width: the keyboard-only and 200 % zoom
    // journeys are the desktop layout's. On a phone run what a phone changes: every customer page
    // and the staff's day sheet; the rules behind the rest (races, sessions, the staff's other
    // pages, the lab calendar's keyboard journey, stopped services) are the same at any width and
    // run once, on the desktop. The front desk's pages are seen at a phone's width in the stay
    // journey (stays 1); a hotel's reports, whose tables are wider than a phone, run on both.
    {
      name: "phone",
      use: PHONE,
      testIgnore: [
        OUTAGES,
        "keyboard.spec.ts",
        "zoom.spec.ts",
        "staff-keyboard.spec.ts",
        "race.spec.ts",
        "staff-session.spec.ts",
        "front-desk.spec.ts",
      ],
      grepInvert: /staff [2-5]|reservations 2/,
    },
    { name: "desktop-outages", use: DESKTOP, testMatch: OUTAGES, dependencies: ["desktop", "phone"] },
    {
      name: "phone-outages",
      use: PHONE,
      testMatch: OUTAGES,
      grepInvert: /availability service (is )?stopped/,
      dependencies: ["desktop-outages"],
    },
  ],
});
