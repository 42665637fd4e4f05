// Proxmox clusters built by the agent from the lab's bare hosts through the simulated pvecm
// (which drives the real corosync): two nodes with a QDevice on lab3, then lab3 joining as a
// third node (the QDevice goes first). Fails (never skips) when the lab cannot come up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCorosyncQuorum } from "@/agents/corosync/parse-quorumtool";
import { probeQdevice } from "@/agents/qdevice/probe";
import { ensureLab, labDown, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import type { Runner } from "@/lib/ssh/runner";
import { waitFor } from "@/lib/testing/wait-for";
import { applyPvePlan } from "../apply";
import { planPveCluster } from "./plan";
import { measurePveLatencies, probePveNode } from "./probe";
import { planPveQdevice } from "./qdevice";
import { ZPveClusterDesired, type TPveNodeObserved } from "./model";

const HOSTS = ["lab1", "lab2", "lab3"] as const;
const node = (i: 1 | 2 | 3) => ({ name: `lab${i}`, link0: `10.99.0.1${i}` });
const two = { clusterName: "labpve", nodes: [node(1), node(2)] };
const three = { clusterName: "labpve", nodes: [node(1), node(2), node(3)] };
// The simulated API join does not check it; on PVE it is lab1's root password.
const opts = { joinPassword: "lab-root-password" };

describe("Proxmox cluster agent on bare lab hosts", () => {
  let lab: TLabStatus;
  const pool = new SshPool({ connectTimeoutMs: 3_000, connectAttempts: 1 });
  let runners: Record<string, Runner>;
  const run = (h: string) => runners[h] as Runner;
  const probeAll = async (hosts: readonly string[] = HOSTS): Promise<Record<string, TPveNodeObserved>> =>
    Object.fromEntries(await Promise.all(hosts.map(async (h) => [h, await probePveNode(run(h))] as const)));
  const members = async (h: string) => {
    const r = await run(h).run(["corosync-quorumtool", "-s"], { okCodes: "any" });
    return r.code === 0 || r.code === 2 ? parseCorosyncQuorum(r.stdout) : null;
  };

  beforeAll(async () => {
    lab = await ensureLab({ mode: "bare", nodes: 3 });
    runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
  }, 300_000);

  afterAll(async () => {
    await pool.closeAll();
    // The hosts now run a cluster the bare mode does not expect.
    await labDown();
  }, 120_000);

  it("refuses hostile input and a joining node with guests, naming the field and the node", async () => {
    const hostile = planPveCluster({ clusterName: "x; rm -rf /", nodes: [node(1)] }, {});
    expect(hostile.steps).toEqual([]);
    expect(hostile.reports.map((r) => [r.code, r.params.field])).toEqual([["PVE_CLUSTER_INVALID", "clusterName"]]);

    await run("lab2").run(["sim-pve", "seed-guest", "lab2", "900"]);
    try {
      const plan = planPveCluster(two, await probeAll(["lab1", "lab2"]), opts);
      expect(plan.steps).toEqual([]);
      expect(plan.reports.map((r) => [r.code, r.params.host])).toEqual([["PVE_JOIN_NODE_HAS_GUESTS", "lab2"]]);
    } finally {
      await run("lab2").run(["rm", "-f", "/etc/pve/nodes/lab2/qemu-server/900.conf"]);
    }
  }, 60_000);

  it("measures link latency for the prechecks: the lab's links are far below 5 ms", async () => {
    const latencies = await measurePveLatencies(ZPveClusterDesired.parse(three), run);
    expect(latencies.map((l) => [l.from, l.to])).toEqual([
      ["lab1", "lab2"],
      ["lab1", "lab3"],
      ["lab2", "lab3"],
    ]);
    for (const l of latencies) expect(l.stats.avgMs ?? 99).toBeLessThan(5);
  }, 60_000);

  it("creates lab1+lab2 with a QDevice on lab3; planning again changes nothing", async () => {
    const before = await probeAll(["lab1", "lab2"]);
    expect(before.lab1?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const plan = planPveCluster(two, before, opts);
    expect(plan.reports).toEqual([]);
    expect(plan.steps.map((s) => s.id)).toEqual(["pvecm-create-lab1", "pvecm-add-lab2"]);
    expect(plan.steps[1]?.action).toMatchObject({ argv: ["pvecm", "add", "10.99.0.11", "--link0", "10.99.0.12", "--fingerprint", before.lab1?.fingerprint] });
    const result = await applyPvePlan(plan, runners);
    expect(result.failure).toBeNull();
    await waitFor("lab1 to see 2 quorate members", 30_000, async () => {
      const q = await members("lab1");
      return q?.quorate === true && q.nodes.length === 2;
    });
    expect(planPveCluster(two, await probeAll(["lab1", "lab2"]), opts).steps).toEqual([]);

    const qnetd = await probeQdevice(run("lab3"));
    const qdesired = { nodes: ["lab1", "lab2"], witnessAddress: "10.99.0.13", witnessHost: "lab3" };
    const qplan = planPveQdevice(qdesired, { nodes: await probeAll(["lab1", "lab2"]), witnessQnetdInstalled: qnetd.qnetdInstalled });
    expect(qplan.reports).toEqual([]);
    expect(qplan.steps.map((s) => s.id).at(-1)).toBe("pvecm-qdevice-setup");
    expect((await applyPvePlan(qplan, runners)).failure).toBeNull();
    const after = await probeAll(["lab1", "lab2"]);
    expect(after.lab1?.qdeviceHost).toBe("10.99.0.13");
    await waitFor("lab1 to count 3 expected votes (2 nodes + QDevice)", 30_000, async () => (await members("lab1"))?.expectedVotes === 3);
    expect(planPveQdevice(qdesired, { nodes: after, witnessQnetdInstalled: true }).steps).toEqual([]);
    expect(planPveCluster(two, after, opts).steps).toEqual([]);
  }, 90_000);

  it("a third node: the QDevice is removed first, lab3 joins, all three are quorate; re-runs are no-ops", async () => {
    const plan = planPveCluster(three, await probeAll(), opts);
    expect(plan.reports.map((r) => r.code)).toEqual(["PVE_QDEVICE_REMOVED_FOR_THIRD_NODE"]);
    expect(plan.steps.map((s) => s.id)).toEqual(["pvecm-qdevice-remove", "pvecm-add-lab3"]);
    expect((await applyPvePlan(plan, runners)).failure).toBeNull();
    await waitFor("lab3 to see 3 quorate members", 45_000, async () => {
      const q = await members("lab3");
      return q?.quorate === true && q.nodes.length === 3;
    });
    expect(await members("lab1")).toMatchObject({ quorate: true, expectedVotes: 3, totalVotes: 3 });
    const again = await probeAll();
    expect(again.lab3).toMatchObject({ clusterName: "labpve", qdeviceHost: null });
    expect(again.lab3?.members.map((m) => m.name)).toEqual(["lab1", "lab2", "lab3"]);
    expect(planPveCluster(three, again, opts).steps).toEqual([]);
    expect(planPveQdevice({ nodes: ["lab1", "lab2", "lab3"], witnessAddress: null }, { nodes: again, witnessQnetdInstalled: null }).steps).toEqual([]);
  }, 90_000);
});
