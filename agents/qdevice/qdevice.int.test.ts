// A two-node cluster with a QDevice, built by the agents from the lab's bare hosts: lab1 and
// lab2 are the nodes, lab3 the witness. Cutting one node must leave the other quorate.
import { waitFor } from "@/lib/testing/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lab2Desired } from "@/agents/corosync/__fixtures__/lab-desired";
import { applyCorosyncPlan } from "@/agents/corosync/apply";
import { generateAuthkey } from "@/agents/corosync/authkey";
import { parseCorosyncQuorum } from "@/agents/corosync/parse-quorumtool";
import { probeCorosync } from "@/agents/corosync/probe";
import { ensureLab, labDown, labFault, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import type { Runner } from "@/lib/ssh/runner";
import { planCorosyncWithQdevice } from "./plan";
import { probeQdevice } from "./probe";

const NODES = ["lab1", "lab2"] as const;
const ALL = ["lab1", "lab2", "lab3"] as const;

describe("QDevice agent on bare lab hosts", () => {
  let lab: TLabStatus;
  const pool = new SshPool({ connectTimeoutMs: 3_000, connectAttempts: 1 });
  let runners: Record<string, Runner>;
  const run = (h: string) => runners[h] as Runner;
  const observe = async () => ({
    corosync: Object.fromEntries(await Promise.all(NODES.map(async (h) => [h, await probeCorosync(run(h))] as const))),
    qdevice: Object.fromEntries(await Promise.all(ALL.map(async (h) => [h, await probeQdevice(run(h))] as const))),
  });
  const quorumOn = async (h: string) => {
    const r = await run(h).run(["corosync-quorumtool", "-s"], { okCodes: "any" });
    return r.code === 0 || r.code === 2 ? parseCorosyncQuorum(r.stdout) : null;
  };
  const witness = { witness: "lab3", witnessAddress: "10.99.0.13" };

  beforeAll(async () => {
    lab = await ensureLab({ mode: "bare", nodes: 3 });
    runners = Object.fromEntries(ALL.map((h) => [h, labRunner(pool, lab, h)]));
  }, 300_000);

  afterAll(async () => {
    await pool.closeAll();
    await labDown();
  }, 120_000);

  it("builds lab1+lab2 with a QDevice on lab3; cutting lab2 leaves lab1 quorate; planning again changes nothing", async () => {
    const plan = planCorosyncWithQdevice(lab2Desired({}), witness, await observe(), { authkey: generateAuthkey() });
    expect(plan.reports.map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);
    const result = await applyCorosyncPlan(plan, runners);
    expect(result.failure).toBeNull();

    await waitFor("lab1 to count the QDevice vote", 60_000, async () => {
      const q = await quorumOn("lab1");
      return q?.quorate === true && q.totalVotes === 3 && q.qdevice?.state === "voting";
    });
    expect(await quorumOn("lab1")).toMatchObject({ quorate: true, expectedVotes: 3, totalVotes: 3 });

    await labFault("cut", "lab2");
    try {
      await waitFor("lab1 to lose lab2 and stay quorate", 60_000, async () => {
        const q = await quorumOn("lab1");
        return q?.nodes.length === 1 && q.quorate === true;
      });
      expect(await quorumOn("lab1")).toMatchObject({ quorate: true, totalVotes: 2, expectedVotes: 3 });
    } finally {
      await labFault("heal", "lab2");
    }
    await waitFor("lab1 to see lab2 again", 60_000, async () => (await quorumOn("lab1"))?.nodes.length === 2);
    expect(planCorosyncWithQdevice(lab2Desired({}), witness, await observe(), { authkey: generateAuthkey() }).steps).toEqual([]);
  }, 240_000);
});
