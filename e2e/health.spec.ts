import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../lib/generated/prisma/client";
import { E2E_DATABASE_URL } from "../playwright.config";
import { artifact, forgetLabHosts, login, seedLabInPanel } from "./helpers";
import { ensureLab, labFault } from "./lab/lab-env";

// The live dashboard against the lab's real corosync and Pacemaker (cluster mode, 3 hosts),
// with the panel's own collector probing every 5 s. DRBD runs on the lab's kernel simulator.
test.describe.configure({ mode: "serial", timeout: 240_000 });

const INTERVAL_MS = 5_000;
let clusterId = "";
const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: E2E_DATABASE_URL }) });

// A command inside a lab host (nsenter, no SSH): the test's own hands, not the panel's.
const onHost = (host: string, ...argv: string[]) =>
  execFileSync("bash", ["e2e/lab/lab.sh", "exec", host, ...argv], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test.beforeAll(async () => {
  await ensureLab({ mode: "cluster", nodes: 3 });
  clusterId = seedLabInPanel();
});

test.afterAll(async () => {
  // Specs share one database: the next ones add lab hosts of their own.
  await forgetLabHosts();
  await db.cluster.deleteMany({ where: { id: clusterId } });
  await db.$disconnect();
});

async function openDashboard(page: Page): Promise<void> {
  await login(page);
  await page.goto(`/clusters/${clusterId}`);
  await expect(page.getByRole("status").getByText("Healthy")).toBeVisible({ timeout: 30_000 });
}

const alerts = (page: Page) => page.getByRole("region", { name: "Alerts" });

test("a healthy cluster is all green, in the picture and in words", async ({ page }) => {
  await openDashboard(page);
  const words = page.getByRole("list", { name: "Topology in words" });
  for (const h of ["lab1", "lab2", "lab3"]) await expect(words).toContainText(`${h}: ok`);
  await expect(page.getByRole("img", { name: "Cluster topology" })).toBeVisible();
  await expect(alerts(page)).toContainText("No alerts");
  await page.screenshot({ path: artifact("health-ok"), fullPage: true });
});

test("a layer page and a host page, reached from the overview", async ({ page }) => {
  await openDashboard(page);
  await page.getByRole("region", { name: /^Pacemaker/ }).getByRole("link", { name: /Pacemaker/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Pacemaker:");
  const nodes = page.getByRole("table", { name: "Pacemaker nodes" });
  for (const h of ["lab1", "lab2", "lab3"]) await expect(nodes.getByRole("row").filter({ hasText: h })).toContainText("online");
  await expect(page.getByRole("navigation", { name: "Health layers" }).getByRole("link", { name: "Quorum and corosync links" })).toBeVisible();
  await page.screenshot({ path: artifact("health-layer-pacemaker"), fullPage: true });
  await page.getByRole("navigation", { name: "Health layers" }).getByRole("link", { name: "Overview" }).click();
  await page.getByRole("list", { name: "Topology in words" }).getByRole("link", { name: "lab1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("lab1 in");
  await expect(page.getByRole("region", { name: "Reachability" })).toContainText("reachable");
  await expect(page.getByRole("region", { name: "Reachability" })).toContainText("ms against the panel");
  const links = page.getByRole("table", { name: "Corosync links of lab1" });
  await expect(links.getByRole("row").filter({ hasText: "lab1 ↔ lab2" })).toContainText("connected");
  await page.screenshot({ path: artifact("health-host-lab1"), fullPage: true });
});

test("a cut host: alerted within interval + 2 s, cleared when it is back", async ({ page }) => {
  await openDashboard(page);
  const cutAt = Date.now();
  await labFault("cut", "lab3");
  try {
    // The UI polls every 2 s on top of the collector's round: that much slack, and no more.
    await expect(alerts(page)).toContainText("lab3", { timeout: INTERVAL_MS + 2_000 + 2_000 });
    const seenAfterMs = Date.now() - cutAt;
    test.info().annotations.push({ type: "cut-to-alert-ms", description: String(seenAfterMs) });
    await expect(page.getByRole("list", { name: "Topology in words" })).toContainText("lab3: down");
    await expect(page.getByRole("status").getByText(/Degraded|Critical/)).toBeVisible();
    await page.screenshot({ path: artifact("health-cut-lab3"), fullPage: true });
  } finally {
    await labFault("heal", "lab3");
  }
  await expect(page.getByRole("status").getByText("Healthy")).toBeVisible({ timeout: 60_000 });
  await expect(alerts(page)).toContainText("No alerts");
});

test("a crashed host: quorum drops to 2 of 3, its resource moves, lab3 is back as a member after boot", async ({ page }) => {
  onHost("lab1", "crm", "configure", "primitive", "e2e-dummy", "ocf:pacemaker:Dummy", "op", "monitor", "interval=5s");
  onHost("lab1", "crm", "resource", "move", "e2e-dummy", "lab3");
  try {
    // Not "Healthy" from here on: a resource with stonith disabled is a warning of its own.
    await login(page);
    await page.goto(`/clusters/${clusterId}`);
    const words = page.getByRole("list", { name: "Topology in words" });
    const picture = page.getByRole("img", { name: "Cluster topology" });
    await expect(picture.getByText("e2e-dummy")).toBeVisible({ timeout: 30_000 });
    // The move's preference for lab3 stays: Pacemaker must still place it elsewhere while lab3 is gone.
    await labFault("crash", "lab3");
    await expect(words).toContainText("lab3: down", { timeout: INTERVAL_MS + 4_000 });
    await expect(page.getByRole("region", { name: "Quorum" })).toContainText("2 of 3", { timeout: 30_000 });
    const row = page.getByRole("table", { name: "Resources" }).getByRole("row").filter({ hasText: "e2e-dummy" });
    await expect(row).toContainText(/lab1|lab2/, { timeout: 30_000 });
    await page.screenshot({ path: artifact("health-crash-lab3"), fullPage: true });
    await labFault("boot", "lab3");
    await labFault("start-cluster", "lab3");
    await expect(words).toContainText("lab3: ok", { timeout: 90_000 });
    await expect(page.getByRole("region", { name: "Quorum" })).toContainText("3 of 3", { timeout: 30_000 });
    await expect(alerts(page)).not.toContainText("lab3", { timeout: 30_000 });
  } finally {
    onHost("lab1", "sh", "-c", "crm resource clear e2e-dummy; crm resource stop e2e-dummy; sleep 2; crm --force configure delete e2e-dummy; true");
  }
});

const RES = `resource e2edata {
  device /dev/drbd30;
  disk /dev/panel-e2e/data;
  meta-disk internal;
  on lab1 { node-id 0; address 10.99.0.11:7830; }
  on lab2 { node-id 1; address 10.99.0.12:7830; }
}
`;

test("DRBD: a resync shows a moving progress bar; a split brain raises its alert", async ({ page }) => {
  const drbd = ["lab1", "lab2"];
  try {
    // 48 MiB at 2 MiB/s: about 24 s of resync, long enough to watch the bar move.
    onHost("lab1", "sim-drbd", "size", "49152");
    onHost("lab1", "sim-drbd", "rate", "2048");
    await login(page);
    for (const h of drbd) {
      onHost(h, "sh", "-c", 'printf %s "$1" > /etc/drbd.d/e2edata.res', "sh", RES);
      onHost(h, "drbdadm", "create-md", "--force", "e2edata");
      onHost(h, "drbdadm", "up", "e2edata");
    }
    onHost("lab1", "drbdadm", "primary", "--force", "e2edata");
    await page.goto(`/clusters/${clusterId}`);
    const bar = page.getByRole("progressbar", { name: "Resync of e2edata" });
    await expect(bar).toBeVisible({ timeout: INTERVAL_MS + 4_000 });
    const first = Number(await bar.getAttribute("aria-valuenow"));
    await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow")), { timeout: 15_000 }).toBeGreaterThan(first);
    await page.screenshot({ path: artifact("health-drbd-resync"), fullPage: true });
    await expect(bar).toHaveCount(0, { timeout: 40_000 });

    onHost("lab1", "drbdadm", "disconnect", "e2edata");
    onHost("lab1", "sim-drbd", "write", "e2edata", "3000");
    onHost("lab2", "drbdadm", "primary", "e2edata");
    onHost("lab2", "sim-drbd", "write", "e2edata", "500");
    onHost("lab2", "drbdadm", "secondary", "e2edata");
    onHost("lab1", "drbdadm", "connect", "e2edata");
    await expect(alerts(page)).toContainText("Split brain on e2edata", { timeout: INTERVAL_MS + 4_000 });
    await expect(page.getByRole("region", { name: "DRBD" })).toContainText("split-brain");
    await page.screenshot({ path: artifact("health-drbd-split-brain"), fullPage: true });

    // The alert leads to the assistant, which reads both sides live. The recovery itself is
    // only planned here (the job waits for confirmation), never run.
    await alerts(page).getByRole("link", { name: "Open the split-brain assistant" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Split-brain assistant: e2edata", { timeout: 20_000 });
    const evidence = page.getByRole("table", { name: "Evidence per node for e2edata" });
    await expect(evidence.getByRole("row").filter({ hasText: "Role" })).toContainText(/Primary.*Secondary/);
    await expect(evidence.getByRole("row").filter({ hasText: "Connection" })).toContainText("StandAlone");
    await expect(page.getByRole("region", { name: "Recommendation" })).toContainText("Recommended victim: lab2");
    await page.screenshot({ path: artifact("health-split-brain-assistant"), fullPage: true });
    await page.getByLabel("Type the resource name e2edata to confirm").fill("e2edata");
    await page.getByRole("button", { name: "Plan the recovery: discard the changes on lab2" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Recover e2edata from split brain: discard the changes on lab2" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("$ drbdadm connect --discard-my-data e2edata")).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: artifact("health-split-brain-job"), fullPage: true });
  } finally {
    for (const h of drbd) {
      onHost(h, "sh", "-c", "drbdadm down e2edata; rm -f /etc/drbd.d/e2edata.res; sim-drbd wipe; true");
    }
    // The simulator's defaults (cluster-wide settings) for the specs that follow.
    onHost("lab1", "sh", "-c", "sim-drbd size 1048576; sim-drbd rate 102400");
  }
});
