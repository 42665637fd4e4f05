import { createServer } from "node:http";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { expect, test } from "@playwright/test";
import { PrismaClient } from "../lib/generated/prisma/client";
import { E2E_DATABASE_URL } from "../playwright.config";
import { artifact, login } from "./helpers";

// Alert notifications and the alert page. The firing alert is seeded in the panel's database
// (the collector would write it after a probe round; that path has its own lab test).
test.describe.configure({ mode: "serial" });

const received: unknown[] = [];
const hook = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    received.push(JSON.parse(body));
    res.writeHead(204).end();
  });
});
let hookUrl = "";
const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: E2E_DATABASE_URL }) });

test.beforeAll(async () => {
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  const a = hook.address();
  hookUrl = `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}/hook`;
});
test.afterAll(async () => {
  // Specs share one database and run in file order; leave no seeded cluster behind for the next.
  await db.cluster.deleteMany({ where: { name: { startsWith: "alerts-" } } });
  // The webhook receiver closes with this spec: later specs' alerts must not try to reach it.
  await db.setting.deleteMany({ where: { key: "notifications" } });
  await db.$disconnect();
  await new Promise((r) => hook.close(r));
});

test("an admin sets up a webhook: a bad URL is refused, a test notification arrives", async ({ page }) => {
  await login(page);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Notifications" });
  await form.getByLabel("Webhook URL").fill("ftp://example.org/hook");
  // The browser's own URL check would accept ftp://; the server's schema must refuse it.
  await form.getByRole("button", { name: "Save notifications" }).click();
  await expect(form.getByRole("alert").first()).toContainText("http:// or https://");

  await form.getByLabel("Webhook URL").fill(hookUrl);
  await form.getByRole("button", { name: "Save notifications" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");
  await form.getByRole("button", { name: "Send a test" }).click();
  await expect(form.getByText("webhook: delivered (HTTP 204)")).toBeVisible();
  expect(received.at(-1)).toMatchObject({ event: "fired", alert: { code: "PANEL_TEST", message: "Test notification sent by admin" } });
  await page.screenshot({ path: artifact("settings-notifications"), fullPage: true });
});

test("an operator acknowledges and silences a firing alert; the timeline shows past ones", async ({ page }) => {
  const cluster = await db.cluster.create({ data: { name: `alerts-${Date.now()}`, kind: "pve" } });
  const now = Date.now();
  await db.alert.create({
    data: {
      clusterId: cluster.id,
      key: "HOST_UNREACHABLE|host=pve3",
      code: "HOST_UNREACHABLE",
      severity: "error",
      message: "The panel cannot reach pve3: connection timed out",
      params: { host: "pve3" },
      state: "firing",
      firstSeenAt: new Date(now - 120_000),
      lastSeenAt: new Date(now),
      firedAt: new Date(now - 120_000),
      seenRounds: 24,
    },
  });
  await db.alert.create({
    data: {
      clusterId: cluster.id,
      key: "COROSYNC_LINK_DOWN|host=pve1|link=1",
      code: "COROSYNC_LINK_DOWN",
      severity: "warning",
      message: "Link 1 of pve1 is down",
      params: { host: "pve1", link: 1 },
      state: "resolved",
      firstSeenAt: new Date(now - 7_200_000),
      lastSeenAt: new Date(now - 3_600_000),
      firedAt: new Date(now - 7_195_000),
      resolvedAt: new Date(now - 3_585_000),
    },
  });
  await login(page);
  await page.goto(`/clusters/${cluster.id}`);
  await page.getByRole("link", { name: "Alerts and timeline" }).click();
  await expect(page.getByRole("heading", { name: `Alerts: ${cluster.name}` })).toBeVisible();
  await expect(page.getByText("The panel cannot reach pve3: connection timed out", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Resolved alerts, newest first" })).toContainText("Link 1 of pve1 is down");
  await expect(page.getByRole("table", { name: "Resolved alerts, newest first" })).toContainText("1h 0m");

  await page.getByRole("button", { name: "Acknowledge: The panel cannot reach pve3: connection timed out" }).click();
  await expect(page.getByText(/acknowledged by admin/)).toBeVisible();
  await page.getByLabel("Silence notifications for: The panel cannot reach pve3: connection timed out").selectOption("1");
  await expect(page.getByText(/silenced until/)).toBeVisible();
  expect(await db.alertSilence.count({ where: { clusterId: cluster.id, key: "HOST_UNREACHABLE|host=pve3" } })).toBe(1);
  await page.screenshot({ path: artifact("cluster-alerts"), fullPage: true });
});
