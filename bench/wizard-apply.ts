// Setup wizard (issue 11): time from "apply" to a healthy 3-node corosync + Pacemaker cluster
// with fence_dummy and an IPaddr2 + Dummy group, built on bare lab hosts by the wizard's own
// job kinds (plan → applyPlan, stage 1 then stage 2) and judged by the health collector's
// probes. The confirmations an admin types are left out; stage 2's planning (live CIB, crm_verify,
// crm_simulate) is counted, since the wizard starts it by itself. Target: under 60 s.
//   flock /tmp/panel-lab.lock npx tsx bench/wizard-apply.ts
// It takes the lab down at the end: the cluster it built is not what "bare" mode expects.
import { spawnSync } from "node:child_process";

// lib/ssh modules import "server-only", which resolves outside React Server Components only
// under the "react-server" condition: re-run this script with it.
if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const r = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const { loadavg } = await import("node:os");
const { ensureLab, labDown } = await import("@/e2e/lab/lab-env");
const { labRunner, SshPool } = await import("@/e2e/lab/lab-runner");
const { wizardClusterJob } = await import("@/lib/jobs/kinds/wizard-cluster");
const { wizardPacemakerJob } = await import("@/lib/jobs/kinds/wizard-pacemaker");
const { deriveClusterHealth } = await import("@/lib/health/derive");
const { probeHost } = await import("@/lib/health/probe");
const { applyPlan } = await import("@/lib/plan/apply");
const { buildPlan } = await import("@/lib/plan/build");
const { wizardDesired } = await import("@/lib/wizard/desired");
const { ZWizardDraft } = await import("@/lib/wizard/model");
type TWizardContext = import("@/lib/wizard/model").TWizardContext;
type TJobKind = import("@/lib/jobs/kind").TJobKind;

const HOSTS = ["lab1", "lab2", "lab3"];
const HEALTHY_WITHIN_MS = 180_000;

await labDown();
const lab = await ensureLab({ mode: "bare", nodes: 3 });
const pool = new SshPool({});
const runners = new Map(HOSTS.map((h) => [h, labRunner(pool, lab, h)] as const));
const runnerFor = async (h: string) => {
  const r = runners.get(h);
  if (!r) throw new Error(`no runner for ${h}`);
  return r;
};

const address = (h: string) => lab.nodes.find((n) => n.name === h)?.address ?? "";
const ctx: TWizardContext = {
  clusterId: "bench",
  clusterName: "benchclu",
  kind: "pacemaker",
  hosts: HOSTS.map((h) => ({
    id: h,
    name: h,
    address: address(h),
    clusterId: null,
    clusterName: null,
    keyState: "trusted",
    hasCredential: true,
    factsAt: new Date().toISOString(),
    addresses: [{ iface: "eth0", address: address(h), prefixLength: 24, family: "inet" }],
    freeDisks: [],
    corosyncVersion: null,
    pacemakerVersion: null,
    os: null,
    lastError: null,
  })),
};
const draft = ZWizardDraft.parse({
  nodeCount: 3,
  nodes: HOSTS,
  links: [Object.fromEntries(HOSTS.map((h) => [h, address(h)]))],
  ha: { fencing: "device", fenceAgent: "fence_dummy", group: { id: "ha_group", vip: { ip: "10.99.0.100", cidrNetmask: 24, nic: "eth0" }, service: "dummy" } },
});
const desired = wizardDesired(draft, ctx);

async function planAndApply(kind: TJobKind, input: unknown): Promise<{ planMs: number; applyMs: number; steps: number }> {
  let t = performance.now();
  const plan = buildPlan(await kind.plan({ jobId: "bench", input, cluster: { id: "bench", name: ctx.clusterName }, hosts: [], runnerFor, log: () => undefined }));
  const planMs = performance.now() - t;
  const errors = plan.reports.filter((r) => r.severity === "error");
  if (errors.length > 0) throw new Error(`${kind.kind}: the plan has errors: ${errors.map((e) => e.message).join("; ")}`);
  t = performance.now();
  const result = await applyPlan(plan, null, { runnerFor: (h) => runnerFor(h) });
  if (result.outcome !== "succeeded") throw new Error(`${kind.kind}: ${result.failure?.message ?? result.outcome}`);
  return { planMs, applyMs: performance.now() - t, steps: plan.steps.length };
}

async function healthStatus(): Promise<{ status: string; alerts: string[] }> {
  const probes = await Promise.all(HOSTS.map((h) => probeHost(h, runnerFor(h), 4_000)));
  const model = deriveClusterHealth(probes);
  return { status: model.status, alerts: model.alerts.map((a) => `${a.severity} ${a.code}`) };
}

const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
try {
  const started = performance.now();
  const one = await planAndApply(wizardClusterJob, { corosync: desired.corosync, qdevice: desired.qdevice });
  const two = await planAndApply(wizardPacemakerJob, { desired: desired.pacemaker, via: HOSTS[0] });
  let last = await healthStatus();
  while (last.status !== "ok" && performance.now() - started < HEALTHY_WITHIN_MS) {
    await new Promise((r) => setTimeout(r, 500));
    last = await healthStatus();
  }
  const total = performance.now() - started;
  console.log(`\nwizard apply on 3 bare lab hosts (load ${loadavg()[0]?.toFixed(2)}):`);
  console.log(`stage 1 (corosync + Pacemaker): ${one.steps} steps, plan ${s(one.planMs)} (not counted), apply ${s(one.applyMs)}`);
  console.log(`stage 2 (CIB): ${two.steps} steps, plan ${s(two.planMs)}, apply ${s(two.applyMs)}`);
  if (last.status !== "ok") throw new Error(`not healthy after ${s(total)}: ${last.status} (${last.alerts.join(", ")})`);
  const counted = total - one.planMs;
  console.log(`apply → healthy: ${s(counted)} (target < 60 s: ${counted < 60_000 ? "met" : "NOT met"})`);
} finally {
  pool.closeAll();
  await labDown();
}
