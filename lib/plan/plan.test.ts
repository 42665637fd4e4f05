import { describe, expect, it } from "vitest";
import { blockingReports, warningReport } from "@/lib/reports/report";
import { buildPlan, commandStep, writeFileStep } from "./build";
import { diffLines, fileDiff } from "./file-diff";
import { isPlanEmpty, planReports, planSummary, ZPlan } from "./plan";

const quorumWarning = warningReport("TWO_NODE_NO_QDEVICE", "two nodes without a QDevice lose quorum when one fails");

describe("plan helpers", () => {
  it("summarises an empty plan as nothing to change", () => {
    const plan = buildPlan({ title: "noop", steps: [] });
    expect(isPlanEmpty(plan)).toBe(true);
    expect(planSummary(plan).text).toBe("Nothing to change");
  });

  it("counts steps, hosts, files, destructive steps and reports", () => {
    const write = writeFileStep({ id: "w", title: "Write hosts", host: "pve2", path: "/etc/hosts", content: "a\n", observed: null });
    const plan = buildPlan({
      title: "t",
      steps: [
        commandStep({ id: "a", title: "Wipe disk", host: "pve1", argv: ["wipefs", "-a", "/dev/sdb"], destructive: true, reports: [quorumWarning] }),
        write.step,
      ],
      diffs: [write.diff],
    });
    const summary = planSummary(plan);
    expect(summary).toMatchObject({ steps: 2, hosts: ["pve1", "pve2"], commands: 1, fileWrites: 1, destructive: true, undoable: false, errors: 0, warnings: 1 });
    expect(summary.text).toBe("2 steps on 2 hosts, 1 file written, destructive, 1 warning");
    expect(planReports(plan)).toEqual([quorumWarning]);
    expect(blockingReports(planReports(plan), false)).toHaveLength(1);
    expect(blockingReports(planReports(plan), true)).toHaveLength(0);
  });

  it("refuses two steps with one id", () => {
    const s = commandStep({ id: "x", title: "t", host: "h", argv: ["true"] });
    expect(() => buildPlan({ title: "dup", steps: [s, s] })).toThrow("two steps with the id x");
  });

  it("round-trips through JSON (Job.plan) with defaults filled", () => {
    const plan = buildPlan({ title: "t", steps: [{ id: "a", title: "Ping", host: "pve1", action: { kind: "command", argv: ["true"] } }] });
    expect(ZPlan.parse(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    expect(plan.steps[0]).toMatchObject({ check: null, verify: null, undo: null, destructive: false, sensitive: false, reports: [] });
  });
});

describe("file diffs", () => {
  it("writes a unified diff of the change and colours its lines", () => {
    const d = fileDiff({ stepId: "w", host: "pve1", path: "/etc/hosts", before: "127.0.0.1 localhost\n10.0.0.1 pve1\n", after: "127.0.0.1 localhost\n10.0.0.2 pve1\n" });
    expect(d.patch).toContain("--- a/etc/hosts");
    expect(d.patch).toContain("+++ b/etc/hosts");
    const lines = diffLines(d.patch).filter((l) => l.kind !== "header");
    expect(lines).toEqual([
      { kind: "hunk", text: "@@ -1,2 +1,2 @@" },
      { kind: "context", text: " 127.0.0.1 localhost" },
      { kind: "remove", text: "-10.0.0.1 pve1" },
      { kind: "add", text: "+10.0.0.2 pve1" },
    ]);
  });

  it("shows a new file against /dev/null and no diff when nothing changes", () => {
    expect(fileDiff({ stepId: "w", host: "h", path: "/etc/x", before: null, after: "a\n" }).patch).toContain("--- /dev/null");
    expect(fileDiff({ stepId: "w", host: "h", path: "/etc/x", before: "a\n", after: "a\n" }).patch).toBe("");
  });

  it("hides the content of a sensitive file", () => {
    const w = writeFileStep({ id: "k", title: "Install authkey", host: "h", path: "/etc/corosync/authkey", content: "SECRET", observed: "OLDSECRET", sensitive: true });
    expect(w.diff).toEqual({ stepId: "k", host: "h", path: "/etc/corosync/authkey", before: null, after: "", patch: "", hidden: true });
    expect(w.step.check).toEqual({ kind: "file-content", path: "/etc/corosync/authkey", content: "SECRET" });
  });
});
