import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { PrismaClient } from "../lib/generated/prisma/client";
import { diffPacemakerCib } from "../agents/pacemaker/cib-diff";
import { parseCib } from "../agents/pacemaker/cib-xml";
import { drbdCibDesired } from "../lib/wizard/storage-pacemaker";
import { E2E_DATABASE_URL } from "../playwright.config";
import { artifact, forgetLabHosts, login, seedLabInPanel } from "./helpers";
import { ensureLab, labDown, labSsh, type TLabStatus } from "./lab/lab-env";

// The wizard's Storage step end to end (seed 002's case): two bare lab hosts, each with one
// empty disk (`sim-disks`, read by the hosts' facts), become a two_node corosync + Pacemaker
// cluster with a DRBD 9 resource on those disks handed to Pacemaker. Stage 3 runs create-md,
// up, the initial sync from the first node and the demotion through the real drbdadm on the
// lab's DRBD kernel simulator, then hands the resource to Pacemaker (an ocf:linbit:drbd
// promotable clone pushed through the Pacemaker agent's work copy); the dashboard's DRBD widget
// then shows the resource. Pacemaker cannot run the DRBD agent here: pacemaker-execd's PATH
// (/sbin:/bin:/usr/sbin:/usr/bin) does not reach the simulator in /usr/local/bin, so the agent
// finds no DRBD kernel module and its probes report "not installed"; the test therefore checks
// the CIB configuration, not a promoted instance. The cluster it builds is not what "bare" mode
// expects, so afterAll takes the lab down.
const CLUSTER = "wizst";
const NODES = ["lab1", "lab2"] as const;
// A block device every lab host has and no other browser test uses.
const DISK = "loop6";
let lab: TLabStatus;
let clusterId = "";

test.describe.configure({ mode: "serial", timeout: 300_000 });

const onNodes = (command: string) => Promise.all(NODES.map((n) => labSsh(lab, n, command, 60_000)));

test.beforeAll(async () => {
  // A lab left with a cluster by an earlier, interrupted run would not be "bare".
  await labDown();
  lab = await ensureLab({ mode: "bare", nodes: 2 });
  await forgetLabHosts();
  // Before the panel reads the hosts' facts, so the disk shows as empty there.
  for (const r of await onNodes(`sim-disks add ${DISK} 1G`)) expect(r.code, r.stderr).toBe(0);
  clusterId = seedLabInPanel({ mode: "bare", nodes: 2, cluster: CLUSTER, kind: "pacemaker" });
});

test.afterEach(async ({ page }, info) => {
  if (info.status !== info.expectedStatus) await page.screenshot({ path: artifact("wizard-storage-failed"), fullPage: true });
});

test.afterAll(async () => {
  // drbdsetup/drbdmeta, not drbdadm: they need no config. The lab keeps /var/lib/panel-sim.
  if (lab) await onNodes(`drbdsetup down r0; drbdmeta --force 0 v09 /dev/${DISK} internal wipe-md; rm -f /etc/drbd.d/r0.res; sim-disks remove ${DISK}`);
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: E2E_DATABASE_URL }) });
  try {
    await db.cluster.deleteMany({ where: { name: CLUSTER } });
  } finally {
    await db.$disconnect();
  }
  await forgetLabHosts();
  await labDown();
});

const next = (page: Page) => page.getByRole("button", { name: "Next" }).click();
const shot = (page: Page, name: string) => page.screenshot({ path: artifact(`wizard-storage-${name}`), fullPage: true });

// The typed name, and "force" when the plan carries warnings (one corosync link; DRBD's
// initial sync overwrites the peer's disk).
async function confirmPlan(page: Page): Promise<void> {
  await page.getByLabel(`This plan is destructive. Type ${CLUSTER} to confirm`).fill(CLUSTER);
  const force = page.getByRole("checkbox", { name: "Run despite the warnings above" });
  if (await force.isVisible()) await force.check();
  await page.getByRole("button", { name: "Confirm and run" }).click();
}

test("builds a 2-node Pacemaker cluster with DRBD 9 on an empty disk per node, handed to Pacemaker as a promotable clone; the dashboard shows the resource", async ({ page }) => {
  await login(page);
  await page.goto(`/clusters/${clusterId}/setup`);
  await expect(page.getByRole("heading", { name: `Set up ${CLUSTER}`, level: 1 })).toBeVisible();
  const steps = page.getByRole("navigation", { name: "Wizard steps" });

  await page.getByRole("radio", { name: /2 nodes/ }).check();
  await next(page);

  // The worker reads the facts of the hosts the seed just added; a host is pickable once read.
  await expect(async () => {
    await page.reload();
    for (const n of NODES) await expect(page.getByRole("checkbox", { name: n, exact: true })).toBeEnabled({ timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  for (const n of NODES) await page.getByRole("checkbox", { name: n, exact: true }).check();
  await page.getByRole("button", { name: "Run prechecks" }).click();
  await expect(page.getByRole("region", { name: "Precheck results" })).toContainText("no blocking problems", { timeout: 90_000 });
  await next(page);
  await expect(page.getByLabel("lab1, link 0")).toHaveValue("10.99.0.11");
  await next(page);
  await page.getByRole("radio", { name: /two_node/ }).check();
  await page.getByRole("checkbox", { name: /I understand these consequences/ }).check();
  await next(page);

  // 5. Storage: only what a Pacemaker cluster can use is offered; the rest says why.
  await expect(steps.getByRole("button", { name: "5. Storage" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByRole("radio", { name: /Ceph/ })).toBeDisabled();
  await expect(page.getByText(/Not available: Ceph is storage for Proxmox VE guests/)).toBeVisible();
  await page.getByRole("radio", { name: /^DRBD/ }).check();
  // The lab's DRBD kernel (the simulator's 9.2.12, per the hosts' facts) rules out 8.4.
  await expect(page.getByRole("radio", { name: "DRBD 9", exact: true })).toBeChecked();
  await expect(page.getByRole("radio", { name: /DRBD 8\.4 Not available: lab1 runs DRBD 9\./ })).toBeDisabled();
  await expect(page.getByRole("radio", { name: "Managed by Pacemaker" })).toBeChecked();
  for (const n of NODES) await expect(page.getByLabel(`${n}, disk`)).toHaveValue(DISK);
  await expect(page.getByLabel("lab2, replication address")).toHaveValue("10.99.0.12");
  await expect(page.getByLabel("What this step still needs")).toContainText("This step is complete");
  await shot(page, "1-step");
  await next(page);

  await page.getByRole("radio", { name: "A fencing device for every node" }).check();
  await page.getByLabel("Fencing agent").selectOption("fence_dummy");
  await next(page);

  await expect(page.getByRole("region", { name: "Storage summary" })).toContainText(`DRBD 9 resource r0, managed by Pacemaker — lab1: /dev/${DISK}; lab2: /dev/${DISK}`);
  await page.getByRole("button", { name: "Compute the plan" }).click();
  await expect(page.getByLabel(`This plan is destructive. Type ${CLUSTER} to confirm`)).toBeVisible({ timeout: 90_000 });
  await shot(page, "2-review");
  await confirmPlan(page);

  await expect(page.getByRole("heading", { name: /Stage 2: .*awaiting-confirmation/ })).toBeVisible({ timeout: 180_000 });
  await confirmPlan(page);

  // Stage 3: the DRBD agent's plan against the running cluster, confirmed the same way.
  await expect(page.getByRole("heading", { name: /Stage 3: Storage: DRBD.*awaiting-confirmation/ })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText("Create DRBD meta-data for r0 on lab1").first()).toBeVisible();
  await expect(page.getByText(/Make lab1 the initial sync source of r0/).first()).toBeVisible();
  await expect(page.getByText(/Demote r0 on lab1 to Secondary/).first()).toBeVisible();
  await expect(page.getByText("Add clone drbd_r0_clone in the work copy").first()).toBeVisible();
  await shot(page, "3-stage3-plan");
  await confirmPlan(page);
  await expect(page.getByText("The cluster is set up.")).toBeVisible({ timeout: 120_000 });
  await shot(page, "4-done");

  // Pacemaker manages r0: the promotable clone is in the live CIB exactly as planned (so a
  // re-run finds nothing to change), and crm_mon lists it.
  const cib = await labSsh(lab, "lab1", "cibadmin --query", 30_000);
  expect(cib.code, cib.stderr).toBe(0);
  expect(cib.stdout).toMatch(/<clone id="drbd_r0_clone">[\s\S]*name="promotable" value="true"[\s\S]*<primitive id="drbd_r0" class="ocf" provider="linbit" type="drbd">/);
  expect(diffPacemakerCib(drbdCibDesired({ resource: "r0", nodeCount: 2, group: null }), parseCib(cib.stdout))).toEqual([]);
  const mon = await labSsh(lab, "lab1", "crm_mon --one-shot --inactive", 30_000);
  expect(mon.stdout).toMatch(/drbd_r0_clone/);

  await page.getByRole("link", { name: "Open its dashboard" }).click();
  const drbd = page.getByRole("region", { name: "DRBD" });
  await expect(drbd).toContainText("r0", { timeout: 60_000 });
  // The initial sync from lab1 runs at the simulator's 100 MiB/s: lab2 catches up in seconds.
  await expect(drbd).toContainText(/r0(syncing|ok)lab1: Secondary \/ UpToDate \(Connected\)/);
  await shot(page, "5-dashboard");
  await expect(drbd).toContainText("r0oklab1: Secondary / UpToDate (Connected)lab2: Secondary / UpToDate (Connected)", { timeout: 60_000 });
  await shot(page, "6-dashboard-uptodate");
});
