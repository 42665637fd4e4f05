import { parseCorosyncLinks, parseCorosyncQuorum } from "@/agents/corosync/parse";
import { ParseError } from "@/agents/common/parse-error";
import { probeDrbdHost } from "@/agents/drbd/probe";
import { parseCrmMonXml } from "@/agents/pacemaker/parse";
import { errorReport, ReportError, type TReport } from "@/lib/reports/report";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import type { THostProbe } from "./model";
import type { THostDrbd } from "./model-drbd";
import { probeClusterWide } from "./probe-cluster";

// The read-only commands of one probe round. Exit codes are data here: corosync-quorumtool
// exits non-zero when the partition is not quorate or corosync is down, and crm_mon does
// when the cluster is not running, but their output still says what is going on.
export const PROBE_COMMANDS = {
  quorum: ["corosync-quorumtool", "-s"],
  links: ["corosync-cfgtool", "-s"],
  pacemaker: ["crm_mon", "-1", "--output-as=xml"],
  clock: ["date", "+%s.%N"],
} as const;

type TKey = keyof typeof PROBE_COMMANDS;

function reportOf(err: unknown): TReport {
  if (err instanceof ReportError) return err.report;
  return errorReport("HOST_PROBE_ERROR", err instanceof Error ? err.message : String(err));
}

function readOutput<T>(argv: readonly string[], result: TRunResult, parse: (text: string) => T): { value: T | null; report: TReport | null } {
  const tool = argv[0] ?? "command";
  if (result.stdout.trim() !== "") {
    try {
      return { value: parse(result.stdout), report: null };
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      // corosync tools print their "cannot connect" message on stdout with a non-zero exit.
      if (result.code !== 0) return { value: null, report: failed(tool, result, result.stdout) };
      return { value: null, report: errorReport("PROBE_OUTPUT_UNREADABLE", `the output of ${tool} could not be read (${err.message})`, { tool }) };
    }
  }
  return { value: null, report: failed(tool, result, result.stderr) };
}

// Kernel log lines that decide whether a split brain is still unresolved.
const SPLIT_BRAIN_KINDS = new Set(["split-brain-unresolved", "split-brain-resolved", "connection"]);

// DRBD: null when no module is loaded (nothing can be up). Its few commands run one after
// another (which status to read depends on the kernel's version), beside the other probes.
async function probeDrbd(r: Runner): Promise<THostDrbd | null> {
  const d = await probeDrbdHost(r, { kernelLog: "when-not-connected" });
  if (!d.loaded && d.resources.length === 0) return null;
  return { version: d.version, resources: d.resources, kernelLog: d.kernelLog.filter((e) => SPLIT_BRAIN_KINDS.has(e.kind)) };
}

// The host's clock against ours, taking the command's round trip as symmetric: good to a few
// ms on a LAN, which is all a drift alert needs.
function clockOffsetMs(result: TRunResult, sentAt: number, receivedAt: number): number | null {
  const hostSeconds = Number(result.stdout.trim());
  if (result.code !== 0 || !Number.isFinite(hostSeconds) || hostSeconds <= 0) return null;
  return Math.round(hostSeconds * 1000 - (sentAt + receivedAt) / 2);
}

export type TProbeOptions = {
  // This host also reads the cluster-wide layers (Proxmox HA, replication, Ceph) for these nodes.
  clusterWide?: { nodes: readonly string[] };
};

function failed(tool: string, result: TRunResult, text: string): TReport {
  const why = text.trim().split("\n")[0]?.slice(0, 200) ?? "";
  return errorReport("PROBE_COMMAND_FAILED", `${tool} exited with code ${result.code}${why ? `: ${why}` : " and printed nothing"}`, { tool, code: result.code });
}

// Probes one host: its probes in parallel channels, bounded by timeoutMs as a whole.
// A host that does not answer in time is reported unreachable; its commands are left to the
// runner's own timeout, which also drops the stuck connection.
export async function probeHost(host: string, runner: Runner | Promise<Runner>, timeoutMs: number, opts: TProbeOptions = {}): Promise<THostProbe> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const unreachable = (error: TReport): THostProbe => ({
    host,
    reachable: false,
    error,
    durationMs: elapsed(),
    quorum: null,
    links: null,
    pacemaker: null,
    drbd: null,
    cluster: null,
    clockOffsetMs: null,
    reports: [],
  });

  const work = (async (): Promise<THostProbe> => {
    const r = await runner;
    const run = (key: TKey) => r.run([...PROBE_COMMANDS[key]], { okCodes: "any", timeoutMs });
    const clock = (async () => {
      const sentAt = Date.now();
      const result = await run("clock");
      return clockOffsetMs(result, sentAt, Date.now());
    })();
    const wide = opts.clusterWide ? probeClusterWide(r, opts.clusterWide.nodes, timeoutMs) : Promise.resolve(null);
    const [quorum, links, pacemaker, drbd, offset, cluster] = await Promise.all([run("quorum"), run("links"), run("pacemaker"), probeDrbd(r), clock, wide]);
    const q = readOutput(PROBE_COMMANDS.quorum, quorum, parseCorosyncQuorum);
    const l = readOutput(PROBE_COMMANDS.links, links, parseCorosyncLinks);
    const p = readOutput(PROBE_COMMANDS.pacemaker, pacemaker, parseCrmMonXml);
    return {
      host,
      reachable: true,
      error: null,
      durationMs: elapsed(),
      quorum: q.value,
      links: l.value,
      pacemaker: p.value,
      drbd,
      cluster: cluster?.probe ?? null,
      clockOffsetMs: offset,
      reports: [q.report, l.report, p.report, ...(cluster?.reports ?? [])].filter((x): x is TReport => x !== null),
    };
  })();

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<THostProbe>((resolve) => {
    timer = setTimeout(
      () => resolve(unreachable(errorReport("HOST_PROBE_TIMEOUT", `no answer within ${timeoutMs} ms`, { timeoutMs }))),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work.catch((err: unknown) => unreachable(reportOf(err))), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
