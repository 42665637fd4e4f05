import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorReport, ReportError } from "@/lib/reports/report";
import type { Runner, TRunOptions, TRunResult } from "@/lib/ssh/runner";
import { probeHost } from "./probe";

const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");
if (!existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked in ${CORPUS}); the probe tests need its lab-captures`);
const capture = (file: string) => readFileSync(path.join(CORPUS, "lab-captures", file), "utf8");

type TAnswer = Partial<TRunResult> | Error | "hang";

// Answers by the command's name; records the options each call got.
function runner(answers: Record<string, TAnswer>, calls: { argv: string[]; opts: TRunOptions }[] = []): Runner {
  return {
    run(argv, opts = {}) {
      calls.push({ argv, opts });
      const a = answers[argv[0] ?? ""];
      if (a === "hang") return new Promise(() => {});
      if (a instanceof Error || a === undefined) return Promise.reject(a ?? new Error(`unexpected ${argv.join(" ")}`));
      return Promise.resolve({ code: 0, stdout: "", stderr: "", durationMs: 1, ...a });
    },
  };
}

// No DRBD module: /proc/drbd is missing and modinfo knows no drbd.
const noDrbd = {
  cat: { code: 1, stderr: "cat: /proc/drbd: No such file or directory\n" },
  modinfo: { code: 1, stderr: "modinfo: ERROR: Module drbd not found.\n" },
};

const healthy = {
  date: { stdout: `${(Date.now() / 1000).toFixed(9)}\n` },
  "corosync-quorumtool": { stdout: capture("3node-corosync-quorumtool.txt") },
  "corosync-cfgtool": { stdout: capture("3node-corosync-cfgtool.txt") },
  crm_mon: { stdout: capture("3node-crm_mon.xml") },
  ...noDrbd,
};

const DRBD9_PROC = "version: 9.2.12 (api:2/proto:86-122)\nGIT-hash: 3f0ba0b5 build by buildd@, 2024-10-01 10:00:00\nTransports (api:21): tcp (9.2.12)\n";

describe("probeHost", () => {
  it("runs the read-only commands in parallel, exit codes as data, and parses them", async () => {
    const calls: { argv: string[]; opts: TRunOptions }[] = [];
    const p = await probeHost("lab1", runner(healthy, calls), 1000);
    expect(calls.map((c) => c.argv.join(" "))).toEqual(["date +%s.%N", "corosync-quorumtool -s", "corosync-cfgtool -s", "crm_mon -1 --output-as=xml", "drbdsetup status --json", "cat /proc/drbd", "modinfo -F version drbd"]);
    expect(calls.slice(0, 4).every((c) => c.opts.okCodes === "any" && c.opts.timeoutMs === 1000)).toBe(true);
    expect(p.drbd).toBeNull();
    expect(p.cluster).toBeNull();
    expect(Math.abs(p.clockOffsetMs ?? Infinity)).toBeLessThan(1000);
    expect(p).toMatchObject({ host: "lab1", reachable: true, error: null, reports: [] });
    expect(p.quorum?.totalVotes).toBe(3);
    expect(p.links?.links[0]?.peers).toEqual([{ nodeid: 2, connected: true }, { nodeid: 3, connected: true }]);
    expect(p.pacemaker?.nodes.map((n) => n.name)).toEqual(["lab1", "lab2", "lab3"]);
  });

  it("corosync down: keeps what answered and says why the rest did not", async () => {
    const p = await probeHost(
      "lab2",
      runner({
        "corosync-quorumtool": { code: 1, stderr: "Cannot initialize QUORUM service\n" },
        "corosync-cfgtool": { code: 1, stdout: "Could not initialize corosync configuration API error 2\n" },
        crm_mon: { code: 102, stdout: "garbage" },
        date: { stdout: "1790000000.5\n" },
        ...noDrbd,
      }),
      1000,
    );
    expect(p.reachable).toBe(true);
    expect([p.quorum, p.links, p.pacemaker]).toEqual([null, null, null]);
    expect(p.reports.map((r) => r.message)).toEqual([
      "corosync-quorumtool exited with code 1: Cannot initialize QUORUM service",
      "corosync-cfgtool exited with code 1: Could not initialize corosync configuration API error 2",
      "crm_mon exited with code 102: garbage",
    ]);
  });

  it("reads DRBD 9 resources, and the kernel log only once a connection is lost", async () => {
    const connected = { ...healthy, cat: { stdout: DRBD9_PROC }, drbdsetup: { stdout: readFileSync(path.join(CORPUS, "drbd9-json/salt-drbdsetup-status-json-9.0.16-connected.json"), "utf8") } };
    const calls: { argv: string[]; opts: TRunOptions }[] = [];
    const p = await probeHost("salt-node2", runner(connected, calls), 1000);
    expect(p.drbd).toMatchObject({ version: "9.2.12", kernelLog: [] });
    expect(p.drbd?.resources.map((r) => [r.name, r.role, r.connections.map((c) => [c.peer, c.state])])).toEqual([["beijing", "Primary", [["salt-node3", "Connected"]]]]);
    expect(calls.map((c) => c.argv[0])).not.toContain("/bin/sh");

    const standalone = JSON.parse(connected.drbdsetup.stdout) as { connections: { "connection-state": string }[] }[];
    for (const c of standalone[0]?.connections ?? []) c["connection-state"] = "StandAlone";
    const log = "2026-11-21T03:00:01+00:00 salt-node2 kernel: drbd beijing salt-node3: Split-Brain detected but unresolved, dropping connection!\n2026-11-21T03:00:01+00:00 salt-node2 kernel: drbd beijing salt-node3: some other line\n";
    const split = await probeHost("salt-node2", runner({ ...connected, drbdsetup: { stdout: JSON.stringify(standalone) }, "/bin/sh": { stdout: log } }), 1000);
    expect(split.drbd?.kernelLog.map((e) => [e.kind, e.resource])).toEqual([["split-brain-unresolved", "beijing"]]);
  });

  it("output that cannot be read with exit 0 is reported as unreadable", async () => {
    const p = await probeHost("lab1", runner({ ...healthy, crm_mon: { stdout: "<not-crm-mon/>" } }), 1000);
    expect(p.reports.map((r) => r.code)).toEqual(["PROBE_OUTPUT_UNREADABLE"]);
    expect(p.quorum).not.toBeNull();
  });

  it("an SSH failure makes the host unreachable with the runner's report", async () => {
    const refused = new ReportError(errorReport("SSH_CONNECTION_REFUSED", "connection refused"));
    const p = await probeHost("lab3", runner({ ...healthy, "corosync-cfgtool": refused }), 1000);
    expect(p).toMatchObject({ host: "lab3", reachable: false, quorum: null, links: null, pacemaker: null });
    expect(p.error?.code).toBe("SSH_CONNECTION_REFUSED");
  });

  it("a host that never answers is unreachable after the timeout, not later", async () => {
    const started = Date.now();
    const p = await probeHost("lab3", runner({ ...healthy, crm_mon: "hang" }), 300);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(p.reachable).toBe(false);
    expect(p.error).toEqual(errorReport("HOST_PROBE_TIMEOUT", "no answer within 300 ms", { timeoutMs: 300 }));
    const stuckRunner = await probeHost("lab3", new Promise<Runner>(() => {}), 200);
    expect(stuckRunner.error?.code).toBe("HOST_PROBE_TIMEOUT");
  });
});
