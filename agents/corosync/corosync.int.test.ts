// The corosync agent against the lab's bare hosts (sshd and packages, no cluster): probe,
// plan, apply through the panel's own SSH Runner, then prove the cluster with the real
// corosync-quorumtool. Fails (never skips) when the lab cannot come up.
import { waitFor } from "@/lib/testing/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, labDown, labFault, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import { undoFinished } from "@/lib/plan/apply";
import { blockingReports } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import { lab3Desired } from "./__fixtures__/lab-desired";
import { applyCorosyncPlan } from "./apply";
import { generateAuthkey } from "./authkey";
import type { TCorosyncConfig } from "./model";
import { parseCorosyncQuorum } from "./parse-quorumtool";
import { planCorosyncCluster } from "./plan";
import { probeCorosync, type TCorosyncObserved } from "./probe";

const HOSTS = ["lab1", "lab2", "lab3"] as const;

describe("corosync agent on bare lab hosts", () => {
  let lab: TLabStatus;
  // The connection to a cut host stays open until keepalives fail: short ones (and no connect
  // retries) make the cut host fail in seconds rather than the default minute.
  const pool = new SshPool({ connectTimeoutMs: 3_000, connectAttempts: 1, keepaliveIntervalMs: 1_000, keepaliveCountMax: 3 });
  let runners: Record<string, Runner>;
  const probeAll = async (): Promise<Record<string, TCorosyncObserved>> =>
    Object.fromEntries(await Promise.all(HOSTS.map(async (h) => [h, await probeCorosync(runners[h] as Runner)] as const)));

  beforeAll(async () => {
    lab = await ensureLab({ mode: "bare", nodes: 3 });
    runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
  }, 300_000);

  afterAll(async () => {
    await pool.closeAll();
    // The hosts now run a cluster the bare mode does not expect: leave nothing behind.
    await labDown();
  }, 120_000);

  it("a host cut before apply stops the plan at its first step, naming host and step; undo takes back the rest", async () => {
    const plan = planCorosyncCluster(lab3Desired, await probeAll(), { authkey: generateAuthkey() });
    expect(plan.steps[0]?.id).toBe("corosync-authkey-lab1");
    await labFault("cut", "lab3");
    try {
      const result = await applyCorosyncPlan(plan, runners);
      expect(result.outcome).toBe("failed");
      const failedAt = result.states.findIndex((s) => s.status === "failed");
      expect(plan.steps[failedAt]?.id).toBe("corosync-authkey-lab3");
      expect(result.states.slice(0, failedAt).map((s) => s.status)).toEqual(["done", "done"]);
      expect(result.states.slice(failedAt + 1).every((s) => s.status === "pending")).toBe(true);
      expect(result.failure).toMatchObject({ code: "STEP_FAILED", params: { host: "lab3", stepId: "corosync-authkey-lab3", index: 2 } });
      expect(String(result.failure?.params.cause)).toMatch(/^SSH_/);
      expect(result.failure?.message).toContain("on lab3");
      const undone = await undoFinished(plan, result.states, { runnerFor: (h) => runners[h] as Runner });
      expect(undone.outcome).toBe("undone");
    } finally {
      await labFault("heal", "lab3");
    }
    const after = await probeAll();
    expect(HOSTS.map((h) => after[h]?.authkeyPresent)).toEqual([false, false, false]);
  }, 120_000);

  it("builds a 3-node knet cluster from bare hosts; planning again finds nothing to do", async () => {
    const observed = await probeAll();
    expect(HOSTS.map((h) => observed[h]?.corosyncActive)).toEqual([false, false, false]);
    const plan = planCorosyncCluster(lab3Desired, observed, { authkey: generateAuthkey() });
    // The lab hosts have one interface: the single-link warning is there and must be forced.
    expect(plan.reports.map((r) => [r.severity, r.code])).toEqual([["warning", "COROSYNC_SINGLE_LINK"]]);
    expect(blockingReports(plan.reports, false).map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);
    expect(blockingReports(plan.reports, true)).toEqual([]);
    expect(plan.steps).toHaveLength(12);

    const result = await applyCorosyncPlan(plan, runners);
    expect(result.failure).toBeNull();
    expect(result.outcome).toBe("succeeded");

    const lab1 = runners.lab1 as Runner;
    await waitFor("corosync on lab1 to show 3 quorate members", 60_000, async () => {
      const r = await lab1.run(["corosync-quorumtool", "-s"], { okCodes: "any" });
      if (r.code !== 0) return false;
      const q = parseCorosyncQuorum(r.stdout);
      return q.quorate === true && q.nodes.length === 3;
    });
    const q = parseCorosyncQuorum((await lab1.run(["corosync-quorumtool", "-s"])).stdout);
    expect(q).toMatchObject({ quorate: true, expectedVotes: 3, totalVotes: 3, quorum: 2 });
    expect(q.nodes.map((n) => n.name)).toEqual(["lab1", "lab2", "lab3"]);

    const again = await probeAll();
    for (const h of HOSTS) {
      expect(again[h]).toMatchObject({ authkeyPresent: true, corosyncActive: true, corosyncEnabled: true, quorumExitCode: 0 });
      expect(again[h]?.conf?.configVersion).toBe(1);
    }
    expect(new Set(HOSTS.map((h) => again[h]?.authkeySha256)).size).toBe(1);
    expect((await lab1.run(["stat", "-c", "%a", "/etc/corosync/authkey"])).stdout.trim()).toBe("400");
    expect(planCorosyncCluster(lab3Desired, again, { authkey: generateAuthkey() }).steps).toEqual([]);
  }, 180_000);

  it("a config change on the running cluster is written everywhere and reloaded with corosync-cfgtool -R", async () => {
    const desired: TCorosyncConfig = { ...lab3Desired, logging: { ...lab3Desired.logging, debug: true } };
    const plan = planCorosyncCluster(desired, await probeAll());
    expect(plan.steps.map((s) => s.id)).toEqual(["corosync-conf-lab1", "corosync-conf-lab2", "corosync-conf-lab3", "corosync-reload"]);
    const result = await applyCorosyncPlan(plan, runners);
    expect(result.failure).toBeNull();
    for (const h of HOSTS) {
      const v = await (runners[h] as Runner).run(["corosync-cmapctl", "-g", "totem.config_version"]);
      expect(v.stdout.trim()).toMatch(/= 2$/);
    }
    const q = parseCorosyncQuorum((await (runners.lab2 as Runner).run(["corosync-quorumtool", "-s"])).stdout);
    expect(q).toMatchObject({ quorate: true, totalVotes: 3 });
    expect(planCorosyncCluster(desired, await probeAll()).steps).toEqual([]);
  }, 120_000);

  it("a changed ring address is written everywhere and corosync restarted node by node; the members come back on it", async () => {
    const lab1 = runners.lab1 as Runner;
    await lab1.run(["ip", "addr", "add", "10.99.0.21/24", "dev", "eth0"]);
    const desired: TCorosyncConfig = { ...lab3Desired, nodes: lab3Desired.nodes.map((n) => (n.name === "lab1" ? { ...n, addrs: ["10.99.0.21"] } : n)) };
    const plan = planCorosyncCluster(desired, await probeAll());
    expect(plan.reports.map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK", "COROSYNC_RESTART_REQUIRED"]);
    expect(plan.steps.map((s) => s.id)).toEqual([
      "corosync-conf-lab1",
      "corosync-conf-lab2",
      "corosync-conf-lab3",
      "corosync-restart-lab1",
      "corosync-restart-lab2",
      "corosync-restart-lab3",
    ]);
    const result = await applyCorosyncPlan(plan, runners);
    expect(result.failure).toBeNull();
    const lab2 = runners.lab2 as Runner;
    expect((await lab2.run(["corosync-cmapctl", "-g", "nodelist.node.0.ring0_addr"])).stdout.trim()).toMatch(/= 10\.99\.0\.21$/);
    await waitFor("lab2 to see 3 quorate members", 30_000, async () => {
      const q = parseCorosyncQuorum((await lab2.run(["corosync-quorumtool", "-s"], { okCodes: "any" })).stdout);
      return q.quorate === true && q.nodes.length === 3;
    });
    expect(planCorosyncCluster(desired, await probeAll()).steps).toEqual([]);
  }, 60_000);
});
