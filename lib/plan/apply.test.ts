import { describe, expect, it } from "vitest";
import { shScript } from "@/lib/ssh/argv";
import { connectionLost } from "@/lib/ssh/errors";
import { FakeRunner, type TFakeCall } from "@/lib/ssh/fake-runner";
import { FILE_SCRIPTS } from "@/lib/ssh/write-file";
import { errorReport, ReportError } from "@/lib/reports/report";
import { applyPlan, CHECK_SCRIPTS, displayArgv, sha256Hex, undoFinished, type TApplyEvent } from "./apply";
import { buildPlan, commandStep, writeFileStep } from "./build";
import type { TPlan } from "./plan";
import type { TStepState } from "./step-state";

const CONF = "/etc/corosync/corosync.conf";
const OLD = "totem {\n  version: 2\n}\n";
const NEW = "totem {\n  version: 2\n  cluster_name: lab\n}\n";
const TMP = "/etc/corosync/.corosync.conf.panel-abc123";

// Two hosts, three steps: a package install guarded by dpkg, a config write, a service restart.
function labPlan(): TPlan {
  const install = commandStep({
    id: "install",
    title: "Install corosync",
    host: "pve1",
    argv: ["apt-get", "install", "-y", "corosync"],
    check: { kind: "command", argv: ["dpkg", "-s", "corosync"] },
    undo: { kind: "command", argv: ["apt-get", "remove", "-y", "corosync"] },
  });
  const write = writeFileStep({ id: "conf", title: "Write corosync.conf", host: "pve2", path: CONF, content: NEW, observed: OLD, validate: ["corosync", "-t", "-c", "{tmp}"] });
  const restart = commandStep({ id: "restart", title: "Restart corosync", host: "pve2", argv: ["systemctl", "restart", "corosync"] });
  return buildPlan({ title: "Set up corosync", steps: [install, write.step, restart], diffs: [write.diff] });
}

const notInstalled: TFakeCall = { argv: ["dpkg", "-s", "corosync"], result: { code: 1 } };
const installed: TFakeCall = { argv: ["dpkg", "-s", "corosync"], result: { code: 0, stdout: "Status: install ok installed\n" } };
const install: TFakeCall = { argv: ["apt-get", "install", "-y", "corosync"], result: { stdout: "Setting up corosync (3.1.7-1) ...\n" } };
const hashOf = (content: string | null): TFakeCall =>
  content === null
    ? { argv: shScript(CHECK_SCRIPTS.fileHash, [CONF]), result: { code: 3 } }
    : { argv: shScript(CHECK_SCRIPTS.fileHash, [CONF]), result: { stdout: `${sha256Hex(content)}  -\n` } };
const writeConf = (previous: string | null): TFakeCall[] => [
  { argv: shScript(FILE_SCRIPTS.read, [CONF]), result: previous === null ? { code: 3 } : { stdout: previous } },
  { argv: shScript(FILE_SCRIPTS.writeTemp, [CONF, ""]), stdin: NEW, result: { stdout: TMP } },
  { argv: ["corosync", "-t", "-c", TMP] },
  { argv: shScript(FILE_SCRIPTS.move, [TMP, CONF]) },
];
const restart: TFakeCall = { argv: ["systemctl", "restart", "corosync"] };

function hosts(calls: Record<string, TFakeCall[]>) {
  const runners = Object.fromEntries(Object.entries(calls).map(([h, c]) => [h, new FakeRunner(c)]));
  const events: TApplyEvent[] = [];
  return {
    runners,
    events,
    opts: {
      runnerFor: (host: string) => {
        const r = runners[host];
        if (!r) throw new Error(`no runner for ${host}`);
        return r;
      },
      onEvent: (e: TApplyEvent) => {
        events.push(e);
      },
    },
    assertDone: () => Object.values(runners).forEach((r) => r.assertDone()),
    logs: () => events.flatMap((e) => (e.type === "log" ? [`${e.stream}: ${e.line}`] : [])),
  };
}

const statuses = (states: TStepState[]) => states.map((s) => s.status);

describe("applyPlan", () => {
  it("runs every step in order, capturing the replaced file for undo", async () => {
    const h = hosts({ pve1: [notInstalled, install], pve2: [hashOf(OLD), ...writeConf(OLD), restart] });
    const result = await applyPlan(labPlan(), null, h.opts);
    h.assertDone();
    expect(result.outcome).toBe("succeeded");
    expect(statuses(result.states)).toEqual(["done", "done", "done"]);
    expect(result.states[1]?.undo).toEqual({ previous: OLD, changed: true });
    expect(h.logs()).toEqual([
      "step: [1/3] Install corosync (on pve1)",
      "info: $ apt-get install -y corosync",
      "stdout: Setting up corosync (3.1.7-1) ...",
      "step: [2/3] Write corosync.conf (on pve2)",
      `info: write ${CONF} (${Buffer.byteLength(NEW)} bytes)`,
      "step: [3/3] Restart corosync (on pve2)",
      "info: $ systemctl restart corosync",
    ]);
    expect(h.events.filter((e) => e.type === "step-finished").map((e) => (e.type === "step-finished" ? e.index : -1))).toEqual([0, 1, 2]);
  });

  it("skips steps whose check says they are already done", async () => {
    const h = hosts({ pve1: [installed], pve2: [hashOf(NEW), restart] });
    const result = await applyPlan(labPlan(), null, h.opts);
    h.assertDone();
    expect(statuses(result.states)).toEqual(["skipped", "skipped", "done"]);
    expect(result.states[0]?.note).toBe("already done");
  });

  it("stops at the first failure with a report naming the step, the host and the stderr", async () => {
    const failingWrite: TFakeCall[] = [
      { argv: shScript(FILE_SCRIPTS.read, [CONF]), result: { stdout: OLD } },
      { argv: shScript(FILE_SCRIPTS.writeTemp, [CONF, ""]), stdin: NEW, result: { stdout: TMP } },
      { argv: ["corosync", "-t", "-c", TMP], result: { code: 8, stderr: "parse error in config: line 3\n" } },
      { argv: shScript(FILE_SCRIPTS.remove, [TMP]) },
    ];
    const h = hosts({ pve1: [notInstalled, install], pve2: [hashOf(OLD), ...failingWrite] });
    const result = await applyPlan(labPlan(), null, h.opts);
    h.assertDone();
    expect(result.outcome).toBe("failed");
    expect(statuses(result.states)).toEqual(["done", "failed", "pending"]);
    expect(result.failure).toMatchObject({
      code: "STEP_FAILED",
      severity: "error",
      message: 'Step 2 "Write corosync.conf" failed on pve2: corosync rejected the new /etc/corosync/corosync.conf: parse error in config: line 3',
      params: { stepId: "conf", index: 1, host: "pve2", cause: "FILE_VALIDATION_FAILED" },
    });
    expect(h.logs().at(-1)).toBe(`error: ${result.failure?.message}`);
  });

  it("carries a failing command's stderr in the report and its output in the log", async () => {
    const h = hosts({ pve1: [notInstalled, { argv: install.argv, result: { code: 100, stdout: "Reading package lists...\n", stderr: "E: Unable to locate package corosync\n" } }] });
    const result = await applyPlan(labPlan(), null, h.opts);
    h.assertDone();
    expect(result.failure?.params).toMatchObject({ host: "pve1", cause: "COMMAND_FAILED", stderr: "E: Unable to locate package corosync" });
    expect(h.logs()).toContain("stderr: E: Unable to locate package corosync");
    expect(h.logs()).toContain("stdout: Reading package lists...");
  });

  it("reports a host that vanishes mid-apply as a failed step with the connection report", async () => {
    const lost = connectionLost("root@10.99.0.12:22", "read ECONNRESET");
    const h = hosts({ pve1: [notInstalled, install], pve2: [hashOf(OLD), ...writeConf(OLD), { argv: restart.argv, error: lost }] });
    const result = await applyPlan(labPlan(), null, h.opts);
    h.assertDone();
    expect(statuses(result.states)).toEqual(["done", "done", "failed"]);
    expect(result.failure).toMatchObject({
      code: "STEP_FAILED",
      params: { stepId: "restart", host: "pve2", cause: "SSH_CONNECTION_LOST", causeParams: { host: "root@10.99.0.12:22", detail: "read ECONNRESET" } },
    });
    expect(result.failure?.message).toContain('Step 3 "Restart corosync" failed on pve2: The SSH connection to root@10.99.0.12:22 was lost');
  });

  it("resumes after an interruption: finished steps are confirmed by their checks and keep their undo data", async () => {
    let stop = false;
    const first = hosts({ pve1: [notInstalled, install], pve2: [hashOf(OLD), ...writeConf(OLD)] });
    const partial = await applyPlan(labPlan(), null, {
      ...first.opts,
      onEvent: (e) => {
        if (e.type === "step-finished" && e.index === 1) stop = true;
      },
      shouldStop: () => stop,
    });
    first.assertDone();
    expect(partial.outcome).toBe("stopped");
    expect(statuses(partial.states)).toEqual(["done", "done", "pending"]);

    const second = hosts({ pve1: [installed], pve2: [hashOf(NEW), restart] });
    const resumed = await applyPlan(labPlan(), partial.states, second.opts);
    second.assertDone();
    expect(resumed.outcome).toBe("succeeded");
    expect(statuses(resumed.states)).toEqual(["done", "done", "done"]);
    expect(resumed.states[1]?.undo).toEqual({ previous: OLD, changed: true });
    expect(resumed.states[0]?.note).toBe("done in an earlier run; its check confirms it");
  });

  it("re-runs a step that was interrupted while running", async () => {
    const prior: TStepState[] = [
      { status: "done", note: null, undo: null, report: null },
      { status: "running", note: null, undo: null, report: null },
    ];
    const h = hosts({ pve1: [installed], pve2: [hashOf(OLD), ...writeConf(OLD), restart] });
    const result = await applyPlan(labPlan(), prior, h.opts);
    h.assertDone();
    expect(statuses(result.states)).toEqual(["done", "done", "done"]);
  });
});

describe("undoFinished", () => {
  const done = (undo: TStepState["undo"] = null): TStepState => ({ status: "done", note: null, undo, report: null });

  it("undoes finished steps last first: the file gets its old content back", async () => {
    const restoreTmp = "/etc/corosync/.corosync.conf.panel-zzz999";
    const h = hosts({
      pve1: [{ argv: ["apt-get", "remove", "-y", "corosync"] }],
      pve2: [
        { argv: shScript(FILE_SCRIPTS.read, [CONF]), result: { stdout: NEW } },
        { argv: shScript(FILE_SCRIPTS.writeTemp, [CONF, ""]), stdin: OLD, result: { stdout: restoreTmp } },
        { argv: shScript(FILE_SCRIPTS.move, [restoreTmp, CONF]) },
      ],
    });
    const order: string[] = [];
    const result = await undoFinished(labPlan(), [done(), done({ previous: OLD, changed: true }), { ...done(), status: "failed" }], {
      ...h.opts,
      onEvent: (e) => {
        if (e.type === "step-started") order.push(e.step.id);
      },
    });
    h.assertDone();
    expect(order).toEqual(["conf", "install"]);
    expect(result.outcome).toBe("undone");
    expect(statuses(result.states)).toEqual(["undone", "undone", "failed"]);
    expect(result.warnings).toEqual([]);
  });

  it("removes a file that did not exist before the job, and warns about steps without undo", async () => {
    const h = hosts({ pve2: [{ argv: shScript(FILE_SCRIPTS.remove, [CONF]) }] });
    const result = await undoFinished(labPlan(), [{ ...done(), status: "skipped" }, done({ previous: null, changed: true }), done()], h.opts);
    h.assertDone();
    expect(statuses(result.states)).toEqual(["skipped", "undone", "done"]);
    expect(result.warnings.map((w) => [w.code, w.params.stepId])).toEqual([["STEP_NOT_UNDOABLE", "restart"]]);
  });

  it("stops at an undo that fails and leaves earlier steps done", async () => {
    const h = hosts({ pve2: [{ argv: shScript(FILE_SCRIPTS.read, [CONF]), error: connectionLost("pve2", "timeout") }] });
    const result = await undoFinished(labPlan(), [done(), done({ previous: OLD, changed: true })], h.opts);
    h.assertDone();
    expect(result.outcome).toBe("failed");
    expect(statuses(result.states)).toEqual(["done", "done", "pending"]);
    expect(result.failure).toMatchObject({ code: "STEP_UNDO_FAILED", params: { stepId: "conf", cause: "SSH_CONNECTION_LOST" } });
  });

  it("round-trips: apply then undo puts the file back as it was", async () => {
    const applied = hosts({ pve1: [notInstalled, install], pve2: [hashOf(OLD), ...writeConf(OLD), restart] });
    const result = await applyPlan(labPlan(), null, applied.opts);
    const undoTmp = "/etc/corosync/.corosync.conf.panel-u1";
    const undo = hosts({
      pve1: [{ argv: ["apt-get", "remove", "-y", "corosync"] }],
      pve2: [
        { argv: shScript(FILE_SCRIPTS.read, [CONF]), result: { stdout: NEW } },
        { argv: shScript(FILE_SCRIPTS.writeTemp, [CONF, ""]), stdin: OLD, result: { stdout: undoTmp } },
        { argv: shScript(FILE_SCRIPTS.move, [undoTmp, CONF]) },
      ],
    });
    const undone = await undoFinished(labPlan(), result.states, undo.opts);
    undo.assertDone();
    expect(statuses(undone.states)).toEqual(["undone", "undone", "done"]);
  });
});

describe("sealed secrets", () => {
  const token = "panel-sealed:c2VjcmV0";
  const plan = buildPlan({ title: "fence", steps: [commandStep({ id: "fence", title: "Add the fence device", host: "n1", argv: ["cibadmin", "--xml-pipe"], stdin: `<nvpair value="${token}"/>` })] });

  it("opens a token in the step's stdin right before it goes to the host, and runs the step as sensitive", async () => {
    const runner = new FakeRunner([{ argv: ["cibadmin", "--xml-pipe"], stdin: '<nvpair value="hunter2"/>', result: { stdout: "hunter2 echoed\n" } }]);
    const sensitivity: boolean[] = [];
    const events: TApplyEvent[] = [];
    const secrets = { open: (t: string) => t.replace(token, "hunter2"), seal: (t: string) => t };
    const result = await applyPlan(plan, null, { runnerFor: (_h, o) => (sensitivity.push(o.sensitive), runner), onEvent: (e) => void events.push(e), secrets });
    expect(result.outcome).toBe("succeeded");
    expect(sensitivity).toEqual([true]);
    expect(JSON.stringify(events)).not.toContain("hunter2");
  });

  it("fails the step with the key's report when the token cannot be opened, before anything runs", async () => {
    const runner = new FakeRunner([]);
    const secrets = {
      open: () => {
        throw new ReportError(errorReport("SECRET_KEY_MISMATCH", "The encryption key does not match the one these secrets were written with."));
      },
      seal: (t: string) => t,
    };
    const result = await applyPlan(plan, null, { runnerFor: () => runner, secrets });
    expect(result.outcome).toBe("failed");
    expect(result.failure?.message).toContain("The encryption key does not match");
    expect(runner.calls).toEqual([]);
  });
});

describe("displayArgv", () => {
  it("prints plain words as they are and quotes the rest once, as a shell reads it back", () => {
    expect(displayArgv(["ha-manager", "groupadd", "prefer_lab1", "--nodes", "lab1:3,lab2:2"])).toBe("ha-manager groupadd prefer_lab1 --nodes lab1:3,lab2:2");
    expect(displayArgv(["sh", "-c", 'echo "$1"', "--", "it's", ""])).toBe(`sh -c 'echo "$1"' -- 'it'\\''s' ''`);
  });
});
