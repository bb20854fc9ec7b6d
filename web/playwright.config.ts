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

export default defineConfig({
  testDir: "./tests",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One system, shared data (slots, capacity): journeys run one at a time, in a known order.
  workers: 1,
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
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 900 } } },
    // A phone is used by touch and not zoomed out of its width: the keyboard-only and 200 % zoom
    // journeys are the desktop layout's.
    {
      name: "phone",
      use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
      testIgnore: ["keyboard.spec.ts", "zoom.spec.ts", "staff-keyboard.spec.ts"],
    },
  ],
});
