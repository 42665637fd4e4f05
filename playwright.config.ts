import path from "node:path";
import { defineConfig } from "@playwright/test";

// Debian's Chromium (PLATFORM.md): Playwright's own browser download cannot work here.
// The networking flags stop Chromium from flooding the closed network at start.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ADMIN = { username: "admin", password: "e2e-admin-password" };
export const E2E_DATA_DIR = path.resolve(import.meta.dirname, ".e2e-data");
const dataDir = E2E_DATA_DIR;
// The panel's database under test, for specs that seed rows only the collector would write.
export const E2E_DATABASE_URL = `file:${path.join(dataDir, "panel.db")}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  // CI runs on 2 cores beside the lab's daemons: a page that reads hosts live needs more than 5 s.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/playwright.json" }]] : "list",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && node_modules/.bin/tsx scripts/start.ts`,
    url: `http://127.0.0.1:${E2E_PORT}/login`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      HOSTNAME: "127.0.0.1",
      PANEL_DATA_DIR: dataDir,
      PANEL_ADMIN_PASSWORD: E2E_ADMIN.password,
    },
  },
});
