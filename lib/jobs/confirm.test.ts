import { describe, expect, it } from "vitest";
import { buildPlan, commandStep } from "@/lib/plan/build";
import { errorReport, warningReport } from "@/lib/reports/report";
import { confirmationProblems, requiredRole } from "./confirm";

const operatorKind = { role: "operator" as const, destructive: false };
const step = (over: Partial<Parameters<typeof commandStep>[0]> = {}) => commandStep({ id: "s", title: "Restart", host: "pve1", argv: ["true"], ...over });
const base = { jobId: "job1", kind: operatorKind, clusterName: "lab" as string | null, userRole: "operator", confirmName: "", force: false };
const codes = (plan: ReturnType<typeof buildPlan>, over: Partial<typeof base> = {}) => confirmationProblems({ ...base, plan, ...over }).map((r) => r.code);

describe("confirmationProblems", () => {
  it("lets an operator confirm a plain plan", () => {
    expect(codes(buildPlan({ title: "t", steps: [step()] }))).toEqual([]);
  });

  it("needs force for warnings, and nothing overrides errors", () => {
    const warned = buildPlan({ title: "t", steps: [step({ reports: [warningReport("QUORUM_RISK", "two nodes")] })] });
    expect(codes(warned)).toEqual(["JOB_FORCE_REQUIRED"]);
    expect(codes(warned, { force: true })).toEqual([]);
    const broken = buildPlan({ title: "t", steps: [step()], reports: [errorReport("NODE_OFFLINE", "pve2 is offline")] });
    expect(codes(broken, { force: true })).toEqual(["JOB_PLAN_HAS_ERRORS"]);
  });

  it("needs an admin and the typed cluster name for a destructive plan", () => {
    const wipe = buildPlan({ title: "t", steps: [step({ destructive: true })] });
    expect(requiredRole(operatorKind, wipe)).toBe("admin");
    expect(codes(wipe)).toEqual(["JOB_ROLE_REQUIRED", "JOB_CONFIRM_NAME"]);
    expect(codes(wipe, { userRole: "admin", confirmName: "lab2" })).toEqual(["JOB_CONFIRM_NAME"]);
    expect(codes(wipe, { userRole: "admin", confirmName: " lab " })).toEqual([]);
    expect(codes(wipe, { userRole: "admin", clusterName: null, confirmName: "job1" })).toEqual([]);
  });

  it("treats an unknown kind as admin-only", () => {
    expect(requiredRole(null, null)).toBe("admin");
    expect(codes(buildPlan({ title: "t", steps: [step()] }), { kind: null as never })).toEqual(["JOB_ROLE_REQUIRED"]);
  });
});
