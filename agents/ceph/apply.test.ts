import { describe, expect, it } from "vitest";
import { buildPlan, commandStep } from "@/lib/plan/build";
import { shScript } from "@/lib/ssh/argv";
import { FakeRunner } from "@/lib/ssh/fake-runner";
import { applyCephPlan } from "./apply";
import { CEPH_CHECKS } from "./plan";

const nodeStep = (host: string) =>
  commandStep({
    id: `ceph-pool-${host}`,
    title: `Create pool ${host}`,
    host,
    argv: ["pveceph", "pool", "create", host],
    check: { kind: "command", argv: shScript(CEPH_CHECKS.pool, [host]) },
  });

describe("applyCephPlan", () => {
  it("runs a step whose check fails and skips one whose check passes, on that step's host", async () => {
    const pve1 = new FakeRunner([
      { argv: shScript(CEPH_CHECKS.pool, ["pve1"]), result: { code: 1 } },
      { argv: ["pveceph", "pool", "create", "pve1"], result: { stdout: "pool pve1: applying size = 3\n" } },
    ]);
    const pve2 = new FakeRunner([{ argv: shScript(CEPH_CHECKS.pool, ["pve2"]), result: { code: 0 } }]);
    const result = await applyCephPlan(buildPlan({ title: "t", steps: [nodeStep("pve1"), nodeStep("pve2")] }), { pve1, pve2 });
    expect(result.outcome).toBe("succeeded");
    expect(result.states.map((s) => s.status)).toEqual(["done", "skipped"]);
    pve1.assertDone();
    pve2.assertDone();
  });

  it("a host without a connection fails its step with a report naming the host", async () => {
    const result = await applyCephPlan(buildPlan({ title: "t", steps: [nodeStep("pve3")] }), {});
    expect(result.outcome).toBe("failed");
    expect(result.failure).toMatchObject({ code: "STEP_FAILED", params: { host: "pve3", stepId: "ceph-pool-pve3" } });
    expect(JSON.stringify(result.failure)).toContain("HOST_NOT_CONNECTED");
  });
});
