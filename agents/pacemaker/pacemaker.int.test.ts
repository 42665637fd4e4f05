// The Pacemaker agent against the lab's real 3-node cluster (mode "cluster"): bad configs are
// refused before anything is pushed, a node that stops answering mid-apply leaves the CIB as it
// was, a resource group is added through a CIB work copy and fails over when its node crashes,
// re-planning finds nothing to do, and operations (move/clear, standby/online) work. The lab
// runs with stonith-enabled=false (nothing to fence with), so a crashed node's resources are
// recovered as soon as corosync drops it. Fails (never skips) when the lab cannot come up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, labFault, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import { undoFinished, type TApplyEvent } from "@/lib/plan/apply";
import type { Runner } from "@/lib/ssh/runner";
import { waitFor } from "@/lib/testing/wait-for";
import { applyPacemakerPlan } from "./apply";
import type { TPacemakerDesiredInput } from "./desired";
import { ZPacemakerDesired } from "./desired";
import type { TPacemakerStatus } from "./model";
import { planPacemakerOperation, type TPacemakerOperationInput } from "./operations";
import { parseCrmMonXml } from "./parse-crm-mon-xml";
import { planPacemakerConfig } from "./plan";
import { previewPacemakerPlan } from "./preview";
import { probePacemaker } from "./probe";

const HOSTS = ["lab1", "lab2", "lab3"] as const;
const VIP = "10.99.0.77";
const GROUP = "pt_group";

const desiredInput: TPacemakerDesiredInput = {
  rscDefaults: { "resource-stickiness": "100" },
  primitives: [
    { id: "pt_ip", agent: "ocf:heartbeat:IPaddr2", params: { ip: VIP, cidr_netmask: "24", nic: "eth0" }, ops: [{ name: "monitor", interval: "5s" }] },
    { id: "pt_service", agent: "ocf:pacemaker:Dummy", ops: [{ name: "monitor", interval: "5s" }] },
  ],
  groups: [{ id: GROUP, members: ["pt_ip", "pt_service"] }],
  locations: [{ id: "pt_group_prefers_lab2", rsc: GROUP, node: "lab2", score: "50" }],
};
const desired = ZPacemakerDesired.parse(desiredInput);

describe("pacemaker agent on the lab cluster", () => {
  let lab: TLabStatus;
  const pool = new SshPool({ connectTimeoutMs: 3_000, connectAttempts: 1, keepaliveIntervalMs: 1_000, keepaliveCountMax: 3 });
  let runners: Record<string, Runner>;
  const run = (h: string) => runners[h] as Runner;
  const status = async (h: string): Promise<TPacemakerStatus> => parseCrmMonXml((await run(h).run(["crm_mon", "-1", "--output-as=xml"], { okCodes: "any" })).stdout);
  const groupNodes = (s: TPacemakerStatus) => [...new Set(s.resources.filter((r) => r.parent === GROUP && r.role === "Started").flatMap((r) => r.nodes))];
  const groupOn = async (via: string): Promise<string | null> => {
    const s = await status(via);
    const nodes = groupNodes(s);
    const all = s.resources.filter((r) => r.parent === GROUP);
    return all.length === 2 && all.every((r) => r.role === "Started") && nodes.length === 1 ? (nodes[0] ?? null) : null;
  };
  const epoch = async (h: string) => (await run(h).run(["cibadmin", "--query", "--scope", "configuration"])).stdout;
  const operate = async (op: TPacemakerOperationInput) => {
    const plan = planPacemakerOperation(op, await probePacemaker(run("lab1")), "lab1");
    expect(plan.reports.filter((r) => r.severity === "error")).toEqual([]);
    const result = await applyPacemakerPlan(plan, runners);
    expect(result.failure).toBeNull();
    return plan;
  };

  beforeAll(async () => {
    lab = await ensureLab({ mode: "cluster", nodes: 3 });
    runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
  }, 300_000);

  afterAll(async () => {
    // The cluster mode expects an empty resource section: take out what this file added.
    const lab1 = run("lab1");
    await lab1.run(["crm_resource", "--clear", "--resource", GROUP], { okCodes: "any" });
    await lab1.run(["cibadmin", "--delete", "--scope", "constraints", "--xml-text", '<rsc_location id="pt_group_prefers_lab2"/>'], { okCodes: "any" });
    await lab1.run(["cibadmin", "--delete", "--scope", "resources", "--xml-text", `<group id="${GROUP}"/>`], { okCodes: "any" });
    await lab1.run(["cibadmin", "--delete", "--scope", "resources", "--xml-text", '<primitive id="pt_fence"/>'], { okCodes: "any" });
    await lab1.run(["crm_attribute", "--type", "rsc_defaults", "--name", "resource-stickiness", "--delete"], { okCodes: "any" });
    for (const h of HOSTS) await lab1.run(["crm_attribute", "--type", "nodes", "--node", h, "--name", "standby", "--delete"], { okCodes: "any" });
    await pool.closeAll();
  }, 60_000);

  it("refuses bad configurations with a report naming the field, before anything is pushed", async () => {
    const before = await epoch("lab1");
    const observed = await probePacemaker(run("lab1"));
    expect(observed.status?.quorate).toBe(true);
    expect(observed.quorum).toMatchObject({ quorate: true, totalVotes: 3 });
    expect(observed.links?.links.length).toBe(1);
    expect(observed.agents).toContain("ocf:pacemaker:Dummy");
    const refused = (input: TPacemakerDesiredInput) => planPacemakerConfig(ZPacemakerDesired.parse(input), observed, "lab1");

    const cycle = refused({
      ...desiredInput,
      groups: [],
      locations: [],
      orders: [
        { id: "o1", first: "pt_ip", then: "pt_service" },
        { id: "o2", first: "pt_service", then: "pt_ip" },
      ],
    });
    expect(cycle.steps).toEqual([]);
    expect(cycle.reports.filter((r) => r.severity === "error").map((r) => [r.code, r.params.field])).toEqual([["PACEMAKER_ORDER_CYCLE", "orders.1.then"]]);

    const missing = refused({ ...desiredInput, colocations: [{ id: "c1", rsc: GROUP, withRsc: "no_such_rsc" }] });
    expect(missing.steps).toEqual([]);
    expect(missing.reports.map((r) => [r.code, r.params.field])).toEqual([["PACEMAKER_UNKNOWN_RESOURCE", "colocations.0.withRsc"]]);

    const bad = refused({
      primitives: [
        { id: "1bad id", agent: "ocf:pacemaker:Dummy" },
        { id: "pt_x", agent: "ocf:heartbeat:NoSuchAgent" },
        { id: "pt_y", agent: "ocf:heartbeat:IPaddr2", params: { ip: "10.99.0.300" } },
      ],
    });
    expect(bad.steps).toEqual([]);
    expect(bad.reports.map((r) => [r.code, r.params.field])).toEqual([
      ["PACEMAKER_INVALID_ID", "primitives.0.id"],
      ["PACEMAKER_UNKNOWN_AGENT", "primitives.1.agent"],
      ["PACEMAKER_BAD_IP", "primitives.2.params.ip"],
    ]);
    expect(await epoch("lab1")).toBe(before);
  }, 30_000);

  it("a node that stops answering mid-apply stops the plan at that step, and the CIB stays as it was", async () => {
    const before = await epoch("lab2");
    const plan = planPacemakerConfig(desired, await probePacemaker(run("lab1")), "lab1");
    expect(plan.steps.map((s) => s.id)).toEqual(["pcmk-copy", "pcmk-edit-1", "pcmk-edit-2", "pcmk-edit-3", "pcmk-verify", "pcmk-push"]);
    let hung = false;
    const onEvent = async (e: TApplyEvent) => {
      if (e.type === "step-finished" && e.index === 0 && !hung) {
        hung = true;
        await labFault("hang", "lab1", "on");
      }
    };
    try {
      const result = await applyPacemakerPlan(plan, runners, { onEvent });
      expect(result.outcome).toBe("failed");
      expect(result.failure).toMatchObject({ code: "STEP_FAILED", params: { host: "lab1", stepId: "pcmk-edit-1", index: 1 } });
      expect(result.failure?.message).toContain("on lab1");
    } finally {
      await labFault("hang", "lab1", "off");
    }
    expect(await epoch("lab2")).toBe(before);
  }, 60_000);

  it("adds the group through a CIB work copy; planning again finds nothing; it fails over in under 15 s when its node crashes", async () => {
    const planned = planPacemakerConfig(desired, await probePacemaker(run("lab1")), "lab1");
    expect(planned.reports).toEqual([]);
    const plan = await previewPacemakerPlan(planned, run("lab1"));
    expect(plan.reports).toEqual([]);
    expect(plan.dryRuns.map((d) => [d.title, d.code])).toEqual([
      ["crm_verify of the changed copy", 0],
      ["crm_simulate: what the cluster will do", 0],
      ["crm_diff: the patch that will be pushed", 1],
    ]);
    expect(plan.dryRuns[1]?.output).toMatch(/Start\s+pt_ip\s+\(\s*lab2\s*\)/);
    const result = await applyPacemakerPlan(plan, runners);
    expect(result.failure).toBeNull();
    await waitFor("the group to start on lab2", 30_000, async () => (await groupOn("lab1")) === "lab2");
    const addr = await run("lab2").run(["ip", "-o", "-4", "addr", "show", "dev", "eth0"]);
    expect(addr.stdout).toContain(`inet ${VIP}/24`);
    expect(planPacemakerConfig(desired, await probePacemaker(run("lab1")), "lab1").steps).toEqual([]);

    await labFault("crash", "lab2");
    const crashedAt = Date.now();
    try {
      await waitFor("the group to run on a survivor", 30_000, async () => {
        const on = await groupOn("lab1");
        return on !== null && on !== "lab2";
      });
      const took = Date.now() - crashedAt;
      expect(took, `failover took ${took} ms`).toBeLessThan(15_000);
      console.info(`failover after crashing lab2: ${took} ms`);
      const survivor = (await groupOn("lab1")) as string;
      expect((await run(survivor).run(["ip", "-o", "-4", "addr", "show", "dev", "eth0"])).stdout).toContain(`inet ${VIP}/24`);
    } finally {
      await labFault("boot", "lab2");
    }
    await waitFor("lab2 to rejoin Pacemaker", 60_000, async () => (await status("lab1")).nodes.find((n) => n.name === "lab2")?.online === true);
    // Stickiness (100) outweighs the preference for lab2 (50): the group stays where it is.
    expect(await groupOn("lab1")).not.toBe("lab2");
    expect(planPacemakerConfig(desired, await probePacemaker(run("lab1")), "lab1").steps).toEqual([]);
  }, 120_000);

  it("operations: move and clear the group, standby and online its node; repeating one plans nothing", async () => {
    const from = (await groupOn("lab1")) as string;
    const to = from === "lab3" ? "lab1" : "lab3";
    const move = await operate({ kind: "move", resource: GROUP, node: to });
    expect(move.steps.map((s) => s.id)).toEqual([`pcmk-move-${GROUP}`]);
    await waitFor(`the group to move to ${to}`, 30_000, async () => (await groupOn("lab1")) === to);
    expect(planPacemakerOperation({ kind: "move", resource: GROUP, node: to }, await probePacemaker(run("lab1")), "lab1").steps).toEqual([]);
    await operate({ kind: "clear", resource: GROUP });
    expect(planPacemakerOperation({ kind: "clear", resource: GROUP }, await probePacemaker(run("lab1")), "lab1").steps).toEqual([]);

    await operate({ kind: "standby", node: to });
    await waitFor(`the group to leave ${to}`, 30_000, async () => {
      const on = await groupOn("lab1");
      return on !== null && on !== to;
    });
    const observed = await probePacemaker(run("lab1"));
    expect(observed.status?.nodes.find((n) => n.name === to)?.standby).toBe(true);
    expect(planPacemakerOperation({ kind: "standby", node: to }, observed, "lab1").steps).toEqual([]);
    await operate({ kind: "online", node: to });
    expect((await probePacemaker(run("lab1"))).status?.nodes.find((n) => n.name === to)?.standby).toBe(false);
  }, 90_000);

  it("adds a fencing device (fence_dummy stands in for fence_ipmilan) and takes it back with the plan's undo", async () => {
    const fenced = ZPacemakerDesired.parse({ ...desiredInput, stonith: [{ id: "pt_fence", agent: "fence_dummy", params: { pcmk_host_list: "lab1 lab2 lab3" }, ops: [{ name: "monitor", interval: "60s" }] }] });
    const plan = planPacemakerConfig(fenced, await probePacemaker(run("lab1")), "lab1");
    expect(plan.steps.map((s) => s.title).filter((t) => t.startsWith("Add"))).toEqual(["Add primitive pt_fence in the work copy"]);
    const result = await applyPacemakerPlan(plan, runners);
    expect(result.failure).toBeNull();
    await waitFor("the fencing device to start", 30_000, async () => (await status("lab1")).resources.some((r) => r.id === "pt_fence" && r.role === "Started"));
    expect(planPacemakerConfig(fenced, await probePacemaker(run("lab1")), "lab1").steps).toEqual([]);

    const undone = await undoFinished(plan, result.states, { runnerFor: (h) => run(h) });
    expect(undone.outcome).toBe("undone");
    const after = await probePacemaker(run("lab1"));
    expect(after.cib?.resources.map((r) => r.attrs.id)).toEqual([GROUP]);
    expect(planPacemakerConfig(desired, after, "lab1").steps).toEqual([]);
  }, 60_000);
});
