import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { artifact, forgetLabHosts, login } from "./helpers";
import { ensureLab, labDown, labFault, labSsh, type TLabStatus } from "./lab/lab-env";

// The setup wizard against bare lab hosts (sshd and packages, no cluster): the hosts go into
// the panel the way an admin adds them, then the wizard builds a 3-node corosync + Pacemaker
// cluster with fence_dummy and an IPaddr2 + Dummy group. The cluster it builds is not what
// "bare" mode expects, so afterAll takes the lab down.
let lab: TLabStatus;
const CLUSTER = "wiz3";
const VIP = "10.99.0.100";
let setupUrl = "";
let clusterUrl = "";

test.describe.configure({ mode: "serial", timeout: 600_000 });

test.beforeAll(async () => {
  // A lab left with a cluster by an earlier, interrupted run would not be "bare".
  await labDown();
  lab = await ensureLab({ mode: "bare", nodes: 3 });
  await forgetLabHosts();
});

// test-results/ is shared with the other specs' runs; keep the failure where it stays.
test.afterEach(async ({ page }, info) => {
  if (info.status !== info.expectedStatus) await page.screenshot({ path: artifact(`wizard-failed-${info.title.slice(0, 24).replace(/\W+/g, "-")}`), fullPage: true });
});

test.afterAll(async () => {
  await forgetLabHosts();
  await labDown();
});

async function addLabHost(page: Page, name: string): Promise<void> {
  const node = lab.nodes.find((n) => n.name === name);
  expect(node, `the lab reports ${name}`).toBeDefined();
  await page.goto("/hosts/new");
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Address").fill(node!.address);
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel("Presented fingerprint")).toHaveText(node!.hostKeyFingerprints.ed25519);
  await page.getByRole("button", { name: "Trust this key" }).click();
  const keyForm = page.getByRole("form", { name: "Paste a private key" });
  await keyForm.getByLabel("Private key").fill(readFileSync(lab.keyPath, "utf8"));
  await keyForm.getByRole("button", { name: "Save key" }).click();
  await expect(page.getByLabel("Host facts")).toContainText("Debian", { timeout: 60_000 });
}

// The typed name, and "force" when the plan carries warnings (the lab has one NIC per host,
// so stage 1 warns about the single corosync link).
async function confirmPlan(page: Page, cluster = CLUSTER): Promise<void> {
  await page.getByLabel(`This plan is destructive. Type ${cluster} to confirm`).fill(cluster);
  const force = page.getByRole("checkbox", { name: "Run despite the warnings above" });
  if (await force.isVisible()) await force.check();
  await page.getByRole("button", { name: "Confirm and run" }).click();
}

const next = (page: Page) => page.getByRole("button", { name: "Next" }).click();
const shot = (page: Page, name: string) => page.screenshot({ path: artifact(`wizard-${name}`), fullPage: true });

test("builds a 3-node corosync + Pacemaker cluster with an HA group, then finds nothing to change", async ({ page }) => {
  await login(page);
  for (const n of ["lab1", "lab2", "lab3"]) await addLabHost(page, n);

  await page.goto("/");
  const form = page.getByRole("form", { name: "New cluster" });
  await form.getByLabel("Cluster name").fill(CLUSTER);
  await form.getByLabel("Kind").selectOption("pacemaker");
  await form.getByRole("button", { name: "Create cluster" }).click();
  await expect(page.getByRole("heading", { name: CLUSTER, level: 1 })).toBeVisible();
  clusterUrl = page.url();
  await page.getByRole("link", { name: "Setup wizard" }).click();
  await expect(page.getByRole("heading", { name: `Set up ${CLUSTER}`, level: 1 })).toBeVisible();
  setupUrl = page.url();
  const steps = page.getByRole("navigation", { name: "Wizard steps" });

  // 1. Cluster: three nodes is the default.
  await expect(page.getByRole("radio", { name: /3 nodes/ })).toBeChecked();
  await shot(page, "1-cluster");
  await next(page);

  // 2. Hosts: nothing picked yet, so Next explains itself; then the prechecks go green.
  await expect(steps.getByRole("button", { name: "2. Hosts" })).toHaveAttribute("aria-current", "step");
  await expect(page.getByLabel("What this step still needs")).toContainText("Pick 3 hosts (0 picked)");
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  for (const n of ["lab1", "lab2", "lab3"]) await page.getByRole("checkbox", { name: n, exact: true }).check();
  await expect(page.getByLabel("What this step still needs")).toContainText("Run the prechecks");
  await page.getByRole("button", { name: "Run prechecks" }).click();
  const results = page.getByRole("region", { name: "Precheck results" });
  await expect(results).toContainText("no blocking problems", { timeout: 90_000 });
  await shot(page, "2-hosts");
  await next(page);

  // 3. Network: link 0 defaults to the address the panel reaches each host at.
  for (const n of lab.nodes) await expect(page.getByLabel(`${n.name}, link 0`)).toHaveValue(n.address);
  await shot(page, "3-network");
  await next(page);

  // 4. Quorum: three nodes need no tie-breaker.
  await expect(page.getByText("any two form a majority")).toBeVisible();
  await next(page);

  // 5. Storage: none (e2e/wizard-storage.spec.ts builds DRBD).
  await expect(page.getByRole("radio", { name: /No shared storage/ })).toBeChecked();
  await next(page);

  // 6. HA: fence_dummy (the lab has nothing real to fence) and IPaddr2 + Dummy.
  await page.getByRole("radio", { name: "A fencing device for every node" }).check();
  await page.getByLabel("Fencing agent").selectOption("fence_dummy");
  await page.getByRole("checkbox", { name: /Create a resource group/ }).check();
  await page.getByRole("checkbox", { name: /A floating IP/ }).check();
  await page.getByLabel("Floating IP", { exact: true }).fill("10.99.0.11");
  await expect(page.getByLabel("What this step still needs")).toContainText("10.99.0.11 is a node's own address");
  await page.getByLabel("Floating IP", { exact: true }).fill(VIP);
  await expect(page.getByLabel("Interface", { exact: true })).toHaveValue("eth0");
  await expect(page.getByLabel("What this step still needs")).toContainText("This step is complete");
  await shot(page, "4-ha");
  await next(page);

  // 7. Review: stage 1's full plan, then the typed confirmation.
  await page.getByRole("button", { name: "Compute the plan" }).click();
  const confirm1 = page.getByLabel(`This plan is destructive. Type ${CLUSTER} to confirm`);
  await expect(confirm1).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("region", { name: "File changes" }).first()).toContainText("/etc/corosync/corosync.conf");
  await expect(page.getByText("The cluster has one corosync link").first()).toBeVisible();
  await shot(page, "5-review");
  const started = Date.now();
  await confirmPlan(page);

  // 8. Apply: stage 1 runs, stage 2 is planned against the live CIB and confirmed in turn.
  await expect(steps.getByRole("button", { name: "8. Apply" })).toHaveAttribute("aria-current", "step", { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: /Stage 2: .*awaiting-confirmation/ })).toBeVisible({ timeout: 180_000 });
  await expect(page.getByRole("region", { name: "Dry runs" })).toContainText("crm_simulate");
  await shot(page, "6-apply-stage2-plan");
  await confirmPlan(page);
  await expect(page.getByText("The cluster is set up.")).toBeVisible({ timeout: 180_000 });
  await shot(page, "7-apply-done");

  await page.getByRole("link", { name: "Open its dashboard" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Healthy" })).toBeVisible({ timeout: 90_000 });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`wizard: confirm of stage 1 → dashboard healthy in ${seconds} s (includes the second confirmation)`);
  await shot(page, "8-dashboard");

  // Re-running the wizard on the configured cluster changes nothing.
  await page.goto(setupUrl);
  await steps.getByRole("button", { name: "7. Review" }).click();
  await page.getByRole("button", { name: "Compute the plan again" }).click();
  await expect(page.getByText("Nothing to change: the cluster already matches these settings.")).toBeVisible({ timeout: 90_000 });
  await shot(page, "9-rerun-nothing-to-change");
});

// Stops the cluster stack and removes what the wizard wrote, so the hosts are bare again
// (with the same host keys, which a new lab would not keep).
const RESET = [
  "systemctl stop pacemaker; systemctl stop corosync; systemctl disable pacemaker; systemctl disable corosync",
  "rm -f /etc/corosync/corosync.conf /etc/corosync/authkey /var/lib/pacemaker/cib/*",
].join("; ");

test("builds a 2-node cluster with a QDevice on the third host", async ({ page }) => {
  expect(clusterUrl, "the first test built the cluster").not.toBe("");
  const rs = await Promise.all(lab.nodes.map((n) => labSsh(lab, n.name, RESET, 120_000)));
  for (const r of rs) expect(r.code, r.stderr).toBe(0);
  await login(page);
  await page.goto(clusterUrl);
  await page.getByLabel(`Type ${CLUSTER} to confirm`).fill(CLUSTER);
  await page.getByRole("button", { name: "Remove from panel" }).click();
  await expect(page).not.toHaveURL(clusterUrl);

  const name = "wiz2";
  await page.goto("/");
  const form = page.getByRole("form", { name: "New cluster" });
  await form.getByLabel("Cluster name").fill(name);
  await form.getByLabel("Kind").selectOption("pacemaker");
  await form.getByRole("button", { name: "Create cluster" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Setup wizard" }).click();

  await page.getByRole("radio", { name: /2 nodes/ }).check();
  await next(page);
  for (const n of ["lab1", "lab2"]) await page.getByRole("checkbox", { name: n, exact: true }).check();
  await expect(page.getByRole("checkbox", { name: "lab3", exact: true })).toBeDisabled();
  await expect(page.getByText("Not available: already 2 hosts picked.")).toBeVisible();
  await page.getByRole("button", { name: "Run prechecks" }).click();
  await expect(page.getByRole("region", { name: "Precheck results" })).toContainText("no blocking problems", { timeout: 90_000 });
  await next(page);
  await expect(page.getByLabel("lab1, link 0")).toHaveValue("10.99.0.11");
  await next(page);

  await expect(page.getByLabel("What this step still needs")).toContainText("Two nodes need a tie-breaker");
  await page.getByRole("radio", { name: /two_node/ }).check();
  await expect(page.getByText("Each node keeps quorum alone")).toBeVisible();
  await page.getByRole("radio", { name: /QDevice/ }).check();
  await page.getByLabel("Witness host (runs corosync-qnetd)").selectOption("lab3");
  await expect(page.getByLabel("What this step still needs")).toContainText("This step is complete");
  await shot(page, "qdevice-4-quorum");
  await next(page);
  await next(page);

  await page.getByRole("radio", { name: "A fencing device for every node" }).check();
  await page.getByLabel("Fencing agent").selectOption("fence_dummy");
  await page.getByRole("checkbox", { name: /Create a resource group/ }).check();
  await next(page);

  await page.getByRole("button", { name: "Compute the plan" }).click();
  await expect(page.getByLabel(`This plan is destructive. Type ${name} to confirm`)).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/qnetd/).first()).toBeVisible();
  await shot(page, "qdevice-5-review");
  await confirmPlan(page, name);
  await expect(page.getByRole("heading", { name: /Stage 2: .*awaiting-confirmation/ })).toBeVisible({ timeout: 180_000 });
  await confirmPlan(page, name);
  await expect(page.getByText("The cluster is set up.")).toBeVisible({ timeout: 180_000 });
  await page.getByRole("link", { name: "Open its dashboard" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Healthy" })).toBeVisible({ timeout: 90_000 });
  await shot(page, "qdevice-8-dashboard");
  setupUrl = page.url().replace(/\/?$/, "/setup");
});

test("a changed host key and an unreachable host show their reports in the prechecks", async ({ page }) => {
  expect(setupUrl, "the first test built the cluster").not.toBe("");
  await login(page);
  // kill drops the panel's open sessions, rekey brings sshd back with new keys.
  await labFault("kill", "lab3", "sshd");
  await labFault("rekey", "lab3");
  await labFault("cut", "lab2");
  try {
    await page.goto(setupUrl);
    await page.getByRole("navigation", { name: "Wizard steps" }).getByRole("button", { name: "2. Hosts" }).click();
    await page.getByRole("button", { name: "Run prechecks" }).click();
    const results = page.getByRole("region", { name: "Precheck results" });
    await expect(results).toContainText("problem(s) to fix", { timeout: 90_000 });
    await expect(results).toContainText("SSH_HOST_KEY_CHANGED");
    await expect(results.getByRole("listitem").filter({ hasText: "lab2" }).first()).toBeVisible();
    await shot(page, "10-precheck-failures");
    await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  } finally {
    await labFault("heal", "lab2");
  }
});
