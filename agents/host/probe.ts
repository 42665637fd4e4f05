import { ParseError } from "../common/parse-error";
import { parseCorosyncConf } from "../corosync/parse-conf";
import { parseCorosyncQuorum } from "../corosync/parse-quorumtool";
import { ReportError } from "@/lib/reports/report";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import type { TClockSkew, TClusterMembership, TFactError, THostFacts, TPingStats, TTimeSync } from "./model";
import { DPKG_QUERY_FORMAT, parseDpkgQuery } from "./parse-dpkg-query";
import { countGuestList } from "./parse-guest-list";
import { nameResolution, parseGetentHosts, parseHostname } from "./parse-hostname";
import { parseIpAddrJson } from "./parse-ip-addr";
import { parseLsblkJson } from "./parse-lsblk";
import { parseOsRelease } from "./parse-os-release";
import { parsePingSummary } from "./parse-ping";
import { parsePveversion } from "./parse-pveversion";
import { parseChronycTracking, parseEpochSeconds, parseTimedatectlShow } from "./parse-time";
import { parseCephVersion, parseDrbdadmVersion, parseLinstorVersion } from "./parse-tool-versions";

// Read-only fact gathering for host onboarding. Commands run in three fixed phases, each
// started in a fixed order: the SSH pool runs a phase's commands side by side (capped per
// host), and FakeRunner sees the same order every time, because every call of a phase is
// issued before anything is awaited.

export const CLUSTER_PACKAGES = [
  "corosync",
  "pacemaker",
  "crmsh",
  "pcs",
  "corosync-qdevice",
  "corosync-qnetd",
  "drbd-utils",
  "drbd-dkms",
  "linstor-satellite",
  "linstor-controller",
  "ceph-common",
  "zfsutils-linux",
  "pve-manager",
  "pve-cluster",
] as const;

const LSBLK_COLUMNS = "NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL,VENDOR,ROTA,SERIAL,PKNAME";

export const PROBE_COMMANDS = {
  osRelease: ["cat", "/etc/os-release"],
  pveversion: ["pveversion", "-v"],
  hostname: ["hostname"],
  fqdn: ["hostname", "--fqdn"],
  interfaces: ["ip", "-j", "-d", "addr", "show"],
  blockDevices: ["lsblk", "-J", "-b", "-o", LSBLK_COLUMNS],
  packages: ["dpkg-query", "-W", `--showformat=${DPKG_QUERY_FORMAT}`, ...CLUSTER_PACKAGES],
  timedatectl: ["timedatectl", "show"],
  corosyncConf: ["cat", "/etc/corosync/corosync.conf"],
  pveCorosyncConf: ["test", "-f", "/etc/pve/corosync.conf"],
  quorum: ["corosync-quorumtool", "-s"],
  procDrbd: ["test", "-e", "/proc/drbd"],
  drbdadm: ["drbdadm", "--version"],
  ceph: ["ceph", "--version"],
  linstor: ["linstor", "--version"],
  vms: ["qm", "list"],
  containers: ["pct", "list"],
  chrony: ["chronyc", "tracking"],
  clock: ["date", "+%s.%N"],
} as const satisfies Record<string, readonly string[]>;

export const getentHostsArgv = (name: string) => ["getent", "hosts", name];

// Runner failures that concern one command only; anything else (connection lost, auth,
// host key) fails the whole probe, since no later fact could be gathered either.
const PER_COMMAND_FAILURES = new Set(["SSH_COMMAND_TIMEOUT", "SSH_OUTPUT_TOO_LARGE", "SSH_CHANNEL_FAILED"]);
const NOT_INSTALLED = 127;
const DEFAULT_TIMEOUT_MS = 20_000;

export type TProbeOptions = {
  // Milliseconds since the epoch; a test hands in a fixed clock.
  now?: () => number;
  timeoutMs?: number;
};

class FactFailure extends Error {}

const firstLine = (text: string) => text.trim().split("\n")[0]?.slice(0, 300) ?? "";

function failure(argv: readonly string[], r: TRunResult): FactFailure {
  const why = firstLine(r.stderr) || firstLine(r.stdout);
  return new FactFailure(`${argv.join(" ")} exited with code ${r.code}${why ? `: ${why}` : ""}`);
}

function expectSuccess(argv: readonly string[], r: TRunResult): string {
  if (r.code !== 0) throw failure(argv, r);
  return r.stdout;
}

// Maps a `test` exit status: 0 yes, 1 no, anything else is a failure.
function testResult(argv: readonly string[], r: TRunResult): boolean {
  if (r.code === 0 || r.code === 1) return r.code === 0;
  throw failure(argv, r);
}

class FactCollector {
  readonly errors: TFactError[] = [];
  constructor(
    private readonly runner: Runner,
    private readonly timeoutMs: number,
  ) {}

  // Runs argv and reads its result. null when the command failed (recorded in errors) or is
  // not installed (recorded only when the tool belongs on every Debian host).
  async fact<T>(fact: string, argv: readonly string[], read: (r: TRunResult) => T, opts: { optional?: boolean } = {}): Promise<T | null> {
    const r = await this.run(fact, argv);
    if (r === null) return null;
    if (r.code === NOT_INSTALLED) {
      if (!opts.optional) this.record(fact, argv, `${argv[0]} is not installed (exit 127)`);
      return null;
    }
    return this.read(fact, argv, () => read(r));
  }

  // Reads output already fetched; a failed command or unreadable output becomes an error entry.
  read<T>(fact: string, argv: readonly string[], read: () => T): T | null {
    try {
      return read();
    } catch (err) {
      if (err instanceof FactFailure) this.record(fact, argv, err.message);
      else if (err instanceof ParseError) this.record(fact, argv, `could not read the output of ${argv.join(" ")}: ${err.oneLine()}`);
      else throw err;
      return null;
    }
  }

  async run(fact: string, argv: readonly string[]): Promise<TRunResult | null> {
    try {
      return await this.runner.run([...argv], { okCodes: "any", timeoutMs: this.timeoutMs });
    } catch (err) {
      if (err instanceof ReportError && PER_COMMAND_FAILURES.has(err.report.code)) {
        this.record(fact, argv, err.message);
        return null;
      }
      throw err;
    }
  }

  record(fact: string, argv: readonly string[], message: string): void {
    this.errors.push({ fact, argv: [...argv], message });
  }
}

function corosyncConfFact(r: TRunResult): { present: boolean; clusterName: string | null; nodes: TClusterMembership["confNodes"] } {
  const argv = PROBE_COMMANDS.corosyncConf;
  if (r.code !== 0) {
    if (/No such file/i.test(r.stderr)) return { present: false, clusterName: null, nodes: [] };
    throw failure(argv, r);
  }
  const conf = parseCorosyncConf(r.stdout);
  return { present: true, clusterName: conf.clusterName, nodes: conf.nodes.map((n) => ({ name: n.name, addrs: n.addrs })) };
}

// corosync-quorumtool -s exits 0 when quorate, 2 when not quorate, 1 when it cannot reach corosync.
function quorumFact(r: TRunResult): Pick<TClusterMembership, "corosyncRunning" | "quorum"> {
  if (r.code === 1 && /Cannot initiali[sz]e/i.test(r.stderr + r.stdout)) return { corosyncRunning: false, quorum: null };
  if (r.code !== 0 && r.code !== 2) throw failure(PROBE_COMMANDS.quorum, r);
  return { corosyncRunning: true, quorum: parseCorosyncQuorum(r.stdout) };
}

export async function probeHostFacts(runner: Runner, opts: TProbeOptions = {}): Promise<THostFacts> {
  const now = opts.now ?? Date.now;
  const c = new FactCollector(runner, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const P = PROBE_COMMANDS;
  const collectedAt = new Date(now()).toISOString();

  const [os, proxmox, hostnameOut, fqdnOut, interfaces, blockDevices, packages, timedatectl, conf, pveConf, quorum, procDrbd, drbdadm, ceph, linstorVersion, vms, containers] =
    await Promise.all([
      c.fact("os", P.osRelease, (r) => parseOsRelease(expectSuccess(P.osRelease, r))),
      c.fact("proxmox", P.pveversion, (r) => parsePveversion(expectSuccess(P.pveversion, r)), { optional: true }),
      c.fact("hostname", P.hostname, (r) => expectSuccess(P.hostname, r)),
      // Without a resolvable FQDN `hostname --fqdn` fails; the resolution check reports that.
      c.fact("hostname", P.fqdn, (r) => (r.code === 0 ? r.stdout : null)),
      c.fact("interfaces", P.interfaces, (r) => parseIpAddrJson(expectSuccess(P.interfaces, r))),
      c.fact("blockDevices", P.blockDevices, (r) => parseLsblkJson(expectSuccess(P.blockDevices, r))),
      // dpkg-query exits 1 when some asked-for package is unknown to it; the rest still print.
      c.fact("packages", P.packages, (r) => {
        if (r.code !== 0 && r.code !== 1) throw failure(P.packages, r);
        return parseDpkgQuery(r.stdout, CLUSTER_PACKAGES);
      }),
      // Without systemd as PID 1 (containers) timedatectl fails; chrony is asked next.
      c.fact("time", P.timedatectl, (r) => (r.code === 0 ? parseTimedatectlShow(r.stdout) : null), { optional: true }),
      c.fact("cluster", P.corosyncConf, corosyncConfFact),
      c.fact("cluster", P.pveCorosyncConf, (r) => testResult(P.pveCorosyncConf, r)),
      c.fact("cluster", P.quorum, quorumFact, { optional: true }),
      c.fact("drbd", P.procDrbd, (r) => testResult(P.procDrbd, r)),
      c.fact("drbd", P.drbdadm, (r) => r, { optional: true }),
      c.fact("ceph", P.ceph, (r) => parseCephVersion(expectSuccess(P.ceph, r)), { optional: true }),
      c.fact("linstor", P.linstor, (r) => parseLinstorVersion(expectSuccess(P.linstor, r)), { optional: true }),
      c.fact("guests", P.vms, (r) => countGuestList(expectSuccess(P.vms, r), "qm-list"), { optional: true }),
      c.fact("guests", P.containers, (r) => countGuestList(expectSuccess(P.containers, r), "pct-list"), { optional: true }),
    ]);

  const hostname = hostnameOut === null ? null : c.read("hostname", P.hostname, () => parseHostname(hostnameOut, fqdnOut?.trim() ? fqdnOut : null));
  const resolutionArgv = hostname ? getentHostsArgv(hostname.short) : null;
  const [resolution, chrony] = await Promise.all([
    resolutionArgv && hostname
      ? c.fact("resolution", resolutionArgv, (r) => {
          // getent exits 2 when the name is unknown: an answer, not a failure.
          if (r.code === 2) return nameResolution(hostname.short, []);
          return nameResolution(hostname.short, parseGetentHosts(expectSuccess(resolutionArgv, r)));
        })
      : null,
    timedatectl === null ? c.fact("time", P.chrony, (r) => parseChronycTracking(expectSuccess(P.chrony, r)), { optional: true }) : null,
  ]);
  const time: TTimeSync | null = timedatectl ?? chrony;
  if (time === null && !c.errors.some((e) => e.fact === "time")) {
    c.record("time", P.timedatectl, "neither timedatectl nor chronyc could tell whether the clock is synchronized");
  }

  // Alone and last, so the round trip (the uncertainty) is as short as the connection allows.
  const sentAt = now();
  const clockOut = await c.fact("clock", P.clock, (r) => parseEpochSeconds(expectSuccess(P.clock, r)));
  const answeredAt = now();
  const clock: TClockSkew | null =
    clockOut === null ? null : { skewSeconds: clockOut - (sentAt + answeredAt) / 2000, uncertaintySeconds: (answeredAt - sentAt) / 2000 };

  const drbd = (drbdadm && c.read("drbd", P.drbdadm, () => parseDrbdadmVersion(drbdadm.stdout, procDrbd))) ?? {
    moduleLoaded: procDrbd,
    utilsVersion: null,
    kernelVersion: null,
  };

  return {
    collectedAt,
    os,
    proxmox,
    hostname,
    resolution,
    interfaces,
    blockDevices,
    packages,
    time,
    clock,
    cluster: {
      corosyncConfPresent: conf?.present ?? null,
      pveCorosyncConfPresent: pveConf,
      clusterName: conf?.clusterName ?? null,
      confNodes: conf?.nodes ?? [],
      corosyncRunning: quorum?.corosyncRunning ?? null,
      quorum: quorum?.quorum ?? null,
    },
    drbd,
    ceph,
    linstorVersion,
    guests: { vms, containers },
    errors: c.errors,
  };
}

// Round-trip time to another node, from the node that will talk to it over corosync.
export function pingArgv(targetAddress: string): string[] {
  if (!/^[A-Za-z0-9][A-Za-z0-9.:-]*$/.test(targetAddress) || targetAddress.length > 253) {
    throw new ReportError({
      code: "HOST_INVALID_ADDRESS",
      severity: "error",
      message: `"${targetAddress.slice(0, 80)}" is not an IP address or host name`,
      params: { address: targetAddress },
    });
  }
  return ["ping", "-c", "5", "-i", "0.2", "-q", targetAddress];
}

// ping exits 1 when no reply came back (the summary still says so) and 2 on errors such as
// an unknown name; those become a report.
export async function measureLatency(runner: Runner, targetAddress: string): Promise<TPingStats> {
  const argv = pingArgv(targetAddress);
  const r = await runner.run(argv, { okCodes: "any", timeoutMs: 30_000 });
  if (r.code !== 0 && r.code !== 1) {
    throw new ReportError({
      code: "HOST_PING_FAILED",
      severity: "error",
      message: `ping ${targetAddress} failed (exit ${r.code})${firstLine(r.stderr) ? `: ${firstLine(r.stderr)}` : ""}`,
      params: { address: targetAddress, code: r.code, stderr: firstLine(r.stderr) },
    });
  }
  return parsePingSummary(r.stdout);
}
