import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { applyPvePlan } from "../agents/proxmox/apply";
import { planPveCluster } from "../agents/proxmox/cluster/plan";
import { probePveNode } from "../agents/proxmox/cluster/probe";
import { probePveClusterView } from "../agents/proxmox/cluster-view";
import { planPveStorage } from "../agents/proxmox/storage/plan";
import { probePveStorage } from "../agents/proxmox/storage/probe";
import { PrismaClient } from "../lib/generated/prisma/client";
import { quote } from "shell-quote";
import { checkExitCode, type Runner } from "../lib/ssh/runner";
import { waitFor } from "../lib/testing/wait-for";
import { E2E_DATABASE_URL } from "../playwright.config";
import { artifact, forgetLabHosts, login, seedLabInPanel } from "./helpers";
import { ensureLab, labDown, labSsh, type TLabStatus } from "./lab/lab-env";

// Guests on a simulated Proxmox cluster (issue 13): the lab's bare hosts become a 3-node PVE
// cluster through the Proxmox agent (simulated pvecm/qm/ha-manager/pvesr over the real
// corosync, as agents/proxmox/guests.int.test.ts does), the hosts are added to the panel with
// their pinned keys as `npm run demo` does (the onboarding UI has its own spec), and everything
// after that happens in the browser. The last block rebuilds the lab as two nodes without a
// QDevice, where HA must be refused.

test.describe.configure({ mode: "serial", timeout: 300_000 });

const HOSTS = ["lab1", "lab2", "lab3"] as const;
const CLUSTER_NAME = `guests-${Date.now().toString(36)}`;
const TWO_NODE_CLUSTER_NAME = `guests2-${Date.now().toString(36)}`;
const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: E2E_DATABASE_URL }) });
let lab: TLabStatus;
let clusterId = "";
let runners: Record<string, Runner> = {};
const run = (h: string) => runners[h] as Runner;
const sim = (h: string, ...args: string[]) => run(h).run(["sim-pve", ...args]);

// The panel's SSH engine is "server-only", so the test drives the lab with the system ssh
// client. No command of the setup needs stdin: the simulated `pvecm add` asks no password.
function sshRunner(host: string): Runner {
  return {
    run: async (argv, opts = {}) => {
      const started = Date.now();
      const r = await labSsh(lab, host, quote(argv), opts.timeoutMs ?? 60_000);
      return checkExitCode(argv, { code: r.code ?? 255, stdout: r.stdout, stderr: r.stderr, durationMs: Date.now() - started }, opts.okCodes);
    },
  };
}

async function openGuests(page: Page): Promise<void> {
  await page.goto(`/clusters/${clusterId}`);
  await page.getByRole("link", { name: "Guests, migration, HA and node maintenance" }).click();
  await expect(page.getByRole("heading", { name: "Guests", level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Guests" })).toBeVisible({ timeout: 30_000 });
}

async function confirmAndWait(page: Page, force: boolean): Promise<void> {
  const confirm = page.getByRole("button", { name: "Confirm and run" });
  await expect(confirm).toBeVisible({ timeout: 60_000 });
  if (force) await page.getByLabel("Run despite the warnings above").check();
  await confirm.click();
}

// Waits for the job to end and fails with its log when it did not succeed.
async function expectJobSucceeded(page: Page, timeout = 120_000): Promise<void> {
  const badge = page.getByRole("region", { name: "Steps" }).getByRole("heading").locator("span").first();
  let state = "";
  try {
    await expect(badge).toHaveText(/^(succeeded|failed|cancelled|interrupted)$/, { timeout });
    state = (await badge.textContent()) ?? "";
  } finally {
    if (state !== "succeeded") console.log(`job ended ${state || "not in time"}:\n${(await page.locator("body").innerText()).slice(0, 6000)}`);
  }
  expect(state).toBe("succeeded");
}

test.beforeAll(async () => {
  test.setTimeout(400_000);
  lab = await ensureLab({ mode: "bare", nodes: 3 });
  runners = Object.fromEntries(HOSTS.map((h) => [h, sshRunner(h)]));
  const observed = Object.fromEntries(await Promise.all(HOSTS.map(async (h) => [h, await probePveNode(run(h))] as const)));
  const cluster = await applyPvePlan(
    planPveCluster({ clusterName: "labpve", nodes: [1, 2, 3].map((i) => ({ name: `lab${i}`, link0: `10.99.0.1${i}` })) }, observed, { joinPassword: "lab" }),
    runners,
  );
  expect(cluster.failure).toBeNull();
  await waitFor("3 nodes online in /cluster/status", 45_000, async () => (await probePveClusterView(run("lab1"))).status.nodes.every((n) => n.online === true));
  const storage = [
    { type: "zfspool" as const, id: "local-zfs", pool: "rpool/data", content: ["images", "rootdir"], sparse: true },
    { type: "nfs" as const, id: "shared-nfs", server: "10.99.0.1", export: "/srv/pve", path: "/mnt/pve/shared-nfs", content: ["images"] },
  ];
  expect((await applyPvePlan(planPveStorage(storage, await probePveStorage(run("lab1")), "lab1"), runners)).failure).toBeNull();
  await sim("lab1", "seed-guest", "lab1", "104", "--disk", "shared-nfs:8", "--memory", "1024", "--running");
  await sim("lab1", "seed-guest", "lab1", "105", "--disk", "shared-nfs:8", "--usb", "--running");
  await sim("lab1", "seed-guest", "lab1", "106", "--disk", "local-zfs:4", "--running");
  await sim("lab1", "seed-guest", "lab3", "107", "--disk", "shared-nfs:4", "--running");
  clusterId = seedLabInPanel({ mode: "bare", cluster: CLUSTER_NAME, kind: "pve" });
});

test.afterAll(async () => {
  // Specs share one database and one lab: leave no lab host, no cluster of ours, a bare lab.
  await forgetLabHosts();
  await db.cluster.deleteMany({ where: { name: { in: [CLUSTER_NAME, TWO_NODE_CLUSTER_NAME] } } });
  await db.$disconnect();
  await labDown();
});

test("an operator migrates a running VM online and watches the progress to the result", async ({ page }) => {
  await login(page);
  await openGuests(page);
  const row = page.getByRole("row", { name: "Guest 104" });
  await expect(row).toContainText("shared-nfs");
  await expect(page.getByTestId("node-104")).toHaveText("lab1");
  await row.getByRole("button", { name: "Migrate" }).click();
  const dialog = page.getByRole("dialog", { name: "Migrate guest 104" });
  await expect(dialog.getByLabel("Target node")).toHaveValue("lab2");
  await expect(dialog.getByRole("region", { name: "Preflight" })).toContainText("All checks passed");
  await page.screenshot({ path: artifact("guests-migrate-dialog"), fullPage: true });
  await dialog.getByRole("button", { name: "Plan migration to lab2" }).click();

  await expect(page.getByRole("heading", { name: /^Migrate guest 104( \(.*\))? to lab2$/, level: 1 })).toBeVisible({ timeout: 30_000 });
  await confirmAndWait(page, false);
  const started = Date.now();
  const bar = page.getByRole("progressbar", { name: "Migration" });
  const seen = new Set<number>();
  const status = page.getByLabel("Migration status");
  try {
    await expect(async () => {
      seen.add(Number(await bar.getAttribute("aria-valuenow")));
      expect(await status.textContent()).toMatch(/Migrated in|failed|HA manager/);
    }).toPass({ timeout: 90_000, intervals: [300] });
    // The bar and the status change in one render; the last sample may predate it.
    seen.add(Number(await bar.getAttribute("aria-valuenow")));
  } finally {
    if (!seen.has(100)) console.log(`migration did not finish (seen ${[...seen].join(", ")}):\n${(await page.locator("body").innerText()).slice(0, 6000)}`);
  }
  expect(seen.has(100)).toBe(true);
  const wallSeconds = (Date.now() - started) / 1000;
  expect([...seen].some((p) => p > 0 && p < 100), `intermediate progress seen: ${[...seen].join(", ")}`).toBe(true);
  await expect(page.getByLabel("Migration status")).toContainText(/Migrated in \d+ s, downtime \d+ ms\./);
  await expectJobSucceeded(page, 30_000);
  console.log(`guest 104 migration: ${wallSeconds.toFixed(1)} s from confirm to 100%; progress values seen: ${[...seen].sort((a, b) => a - b).join(", ")}`);
  await page.screenshot({ path: artifact("guests-migration-done"), fullPage: true });

  await page.getByRole("link", { name: "Back to guests" }).click();
  await expect(page.getByTestId("node-104")).toHaveText("lab2", { timeout: 30_000 });
});

test("migrating a VM with USB pass-through is refused with the reason", async ({ page }) => {
  await login(page);
  await openGuests(page);
  const row = page.getByRole("row", { name: "Guest 105" });
  await expect(row).toContainText("usb0");
  await row.getByRole("button", { name: "Migrate" }).click();
  const dialog = page.getByRole("dialog", { name: "Migrate guest 105" });
  await expect(dialog.getByRole("region", { name: "Preflight" })).toContainText("uses host devices (usb0)");
  await expect(dialog.getByRole("button", { name: "Migration refused" })).toBeDisabled();
  await page.screenshot({ path: artifact("guests-migrate-usb-refused"), fullPage: true });
});

test("a ZFS-backed VM is enrolled in HA through a replication job, with its RPO shown", async ({ page }) => {
  await login(page);
  await openGuests(page);
  const row = page.getByRole("row", { name: "Guest 106" });
  await row.getByRole("button", { name: "Enroll in HA" }).click();
  const dialog = page.getByRole("dialog", { name: "Enroll guest 106 in HA" });
  const path = dialog.getByLabel("HA path");
  await expect(path).toHaveText(/^Local ZFS: creates a replication job to lab[23] \(\*\/15\) first\. RPO 15 min\.$/);
  const partner = /to (lab[23])/.exec((await path.textContent()) ?? "")?.[1] ?? "?";
  await expect(dialog.getByRole("region", { name: "Preflight" })).toContainText("RPO 15 min: a failover restarts it from the last replica");
  await page.screenshot({ path: artifact("guests-ha-dialog"), fullPage: true });
  await dialog.getByRole("button", { name: "Plan HA enrollment" }).click();

  await expect(page.getByRole("heading", { name: /^Enroll guest 106( \(.*\))? in HA$/, level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(`Replicate guest 106 to ${partner} (*/15)`).first()).toBeVisible({ timeout: 60_000 });
  await confirmAndWait(page, true);
  await expectJobSucceeded(page);
  await page.screenshot({ path: artifact("guests-ha-enrolled"), fullPage: true });

  await page.getByRole("link", { name: "Back to guests" }).click();
  const after = page.getByRole("row", { name: "Guest 106" });
  // The guests page reads the cluster live: give it the time openGuests gives it.
  await expect(after).toContainText(`→ ${partner}`, { timeout: 30_000 });
  await expect(after).toContainText("started");
});

test("putting a node in maintenance moves its guests away", async ({ page }) => {
  await login(page);
  await openGuests(page);
  await expect(page.getByTestId("node-107")).toHaveText("lab3");
  const panel = page.getByRole("region", { name: "Maintenance of lab3" });
  await expect(panel).toContainText("While lab3 is down the cluster keeps 2 of 3 votes (quorum needs 2): it stays quorate.");
  await expect(panel.getByRole("list", { name: "Moves off lab3" })).toContainText(/Guest 107.* → lab[12]/);
  await panel.getByRole("button", { name: "Enter maintenance on lab3" }).click();

  await expect(page.getByRole("heading", { name: "Enter maintenance on lab3", level: 1 })).toBeVisible({ timeout: 30_000 });
  await confirmAndWait(page, false);
  await expectJobSucceeded(page);
  await page.screenshot({ path: artifact("guests-maintenance-job"), fullPage: true });

  await page.getByRole("link", { name: "Back to guests" }).click();
  await expect(page.getByTestId("node-107")).not.toHaveText("lab3", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Maintenance of lab3" })).toContainText("maintenance");
  await expect(page.getByRole("button", { name: "Leave maintenance on lab3" })).toBeVisible();
  await page.screenshot({ path: artifact("guests-after-maintenance"), fullPage: true });
});

// Two nodes without a witness: losing either one loses quorum on both, so HA could never
// recover a guest. The panel refuses before planning anything, and says what would fix it.
test.describe("a two-node cluster without a QDevice", () => {
  const TWO = ["lab1", "lab2"] as const;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    await labDown();
    lab = await ensureLab({ mode: "bare", nodes: 2 });
    runners = Object.fromEntries(TWO.map((h) => [h, sshRunner(h)]));
    const observed = Object.fromEntries(await Promise.all(TWO.map(async (h) => [h, await probePveNode(run(h))] as const)));
    const cluster = await applyPvePlan(
      planPveCluster({ clusterName: "labtwo", nodes: [1, 2].map((i) => ({ name: `lab${i}`, link0: `10.99.0.1${i}` })) }, observed, { joinPassword: "lab" }),
      runners,
    );
    expect(cluster.failure).toBeNull();
    await waitFor("2 nodes online in /cluster/status", 45_000, async () => (await probePveClusterView(run("lab1"))).status.nodes.every((n) => n.online === true));
    const nfs = [{ type: "nfs" as const, id: "shared-nfs", server: "10.99.0.1", export: "/srv/pve", path: "/mnt/pve/shared-nfs", content: ["images"] }];
    expect((await applyPvePlan(planPveStorage(nfs, await probePveStorage(run("lab1")), "lab1"), runners)).failure).toBeNull();
    await sim("lab1", "seed-guest", "lab1", "201", "--disk", "shared-nfs:8", "--running");
    clusterId = seedLabInPanel({ mode: "bare", nodes: 2, cluster: TWO_NODE_CLUSTER_NAME, kind: "pve" });
  });

  test("HA enrollment is refused, with the reason and the fix", async ({ page }) => {
    await login(page);
    await openGuests(page);
    await page.getByRole("row", { name: "Guest 201" }).getByRole("button", { name: "Enroll in HA" }).click();
    const dialog = page.getByRole("dialog", { name: "Enroll guest 201 in HA" });
    await expect(dialog.getByRole("region", { name: "Preflight" })).toContainText("This cluster has 2 nodes and no QDevice");
    await expect(dialog.getByRole("region", { name: "Preflight" })).toContainText("Add a QDevice");
    await expect(dialog.getByRole("button", { name: "HA enrollment refused" })).toBeDisabled();
    await page.screenshot({ path: artifact("guests-ha-two-nodes-refused"), fullPage: true });
  });
});
