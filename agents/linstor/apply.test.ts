import { describe, expect, it } from "vitest";
import { buildPlan, commandStep } from "@/lib/plan/build";
import { shScript } from "@/lib/ssh/argv";
import { FakeRunner } from "@/lib/ssh/fake-runner";
import { applyLinstorPlan } from "./apply";
import { LINSTOR_CHECKS } from "./plan";

const nodeStep = (host: string) =>
  commandStep({
    id: `linstor-node-${host}`,
    title: `Register ${host}`,
    host,
    argv: ["linstor", "node", "create", host, "10.1.0.11"],
    check: { kind: "command", argv: shScript(LINSTOR_CHECKS.node, [host]) },
  });

describe("applyLinstorPlan", () => {
  it("runs a step whose check fails and skips one whose check passes, on that step's host", async () => {
    const pve1 = new FakeRunner([
      { argv: shScript(LINSTOR_CHECKS.node, ["pve1"]), result: { code: 1 } },
      { argv: ["linstor", "node", "create", "pve1", "10.1.0.11"], result: { stdout: "SUCCESS:\nDescription:\n    New node 'pve1' registered.\n" } },
    ]);
    const pve2 = new FakeRunner([{ argv: shScript(LINSTOR_CHECKS.node, ["pve2"]), result: { code: 0 } }]);
    const result = await applyLinstorPlan(buildPlan({ title: "t", steps: [nodeStep("pve1"), nodeStep("pve2")] }), { pve1, pve2 });
    expect(result.outcome).toBe("succeeded");
    expect(result.states.map((s) => s.status)).toEqual(["done", "skipped"]);
    pve1.assertDone();
    pve2.assertDone();
  });

  it("a host without a connection fails its step with a report naming the host", async () => {
    const result = await applyLinstorPlan(buildPlan({ title: "t", steps: [nodeStep("pve3")] }), {});
    expect(result.outcome).toBe("failed");
    expect(result.failure).toMatchObject({ code: "STEP_FAILED", params: { host: "pve3", stepId: "linstor-node-pve3" } });
    expect(JSON.stringify(result.failure)).toContain("HOST_NOT_CONNECTED");
  });
});
