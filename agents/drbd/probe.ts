import { ParseError } from "../common/parse-error";
import { errorReport, ReportError } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import { readFileIfExists } from "@/lib/ssh/write-file";
import { DISK_PATHS_SCRIPT, diskFacts, LSBLK_ARGV, type TDiskFact } from "./disks";
import { eventsOf, parseDrbdKernelLog, type TDrbdLogEvent } from "./kernel-log";
import type { TDrbdResource, TDrbdStatus } from "./model";
import { parseDrbdGi, type TDrbdGi } from "./parse-gi";
import { parseDrbdRes } from "./parse-res";
import { parseDrbdStatusJson } from "./parse-drbd-status-json";
import { parseProcDrbd } from "./parse-proc-drbd";
import { SYNC_STATES } from "./status-common";
import { RESOURCE_NAME } from "./validate";

// What one host has of DRBD, read-only. DRBD 9 is read with `drbdsetup status --json`, 8.x
// with /proc/drbd (which names minors, not resources). Facts that cannot be read are null, so
// one odd host does not stop the planner or the dashboard from showing the rest.

export const RES_DIR = "/etc/drbd.d";
export const resPath = (name: string) => `${RES_DIR}/${name}.res`;

// The kernel log, filtered to DRBD's lines, from the first source that works:
// 1. `journalctl -k` (Proxmox VE and every systemd host; ISO timestamps for ordering);
// 2. the first readable file among the arguments: the lab's simulated kernel log
//    (/var/lib/panel-sim/drbd/kern.log, which a real host does not have) and a syslog kern.log;
// 3. `dmesg` (ring buffer only: old lines may be gone, times are seconds since boot).
// The last 2000 lines at most: enough for the last split brain, bounded for the audit log.
export const KERNEL_LOG_SCRIPT = [
  "if command -v journalctl >/dev/null 2>&1; then",
  "  journalctl -k -o short-iso --no-pager -q -g drbd -n 2000 2>/dev/null && exit 0",
  "fi",
  'for f; do if [ -r "$f" ]; then grep -i drbd -- "$f" | tail -n 2000; exit 0; fi; done',
  "dmesg 2>/dev/null | grep -i drbd | tail -n 2000",
  "exit 0",
].join("\n");
export const KERNEL_LOG_FILES = ["/var/lib/panel-sim/drbd/kern.log", "/var/log/kern.log"];

export type TDrbdGeneration = "9" | "8.4" | "8.3";

export type TDrbdObserved = {
  hostname: string | null;
  kernelVersion: string | null;
  generation: TDrbdGeneration | null;
  pacemakerActive: boolean;
  resText: string | null;
  // The kernel's view of the resource; null when it is not up on this host.
  resource: TDrbdResource | null;
  // `drbdadm dstate` local part: read from the meta-data when the resource is down, so null
  // means "no meta-data (or no config naming it)".
  localDisk: string | null;
  gi: TDrbdGi[];
  disks: TDiskFact[];
  kernelLog: TDrbdLogEvent[];
  // Only probed when a volume group is named (LVM handoff).
  vgPresent: boolean | null;
  lvmLocalConf: string | null;
};

export type TDrbdProbeRequest = {
  name: string;
  // Minors of the resource on this host (8.x status and kernel log name minors only).
  minors: readonly number[];
  diskPaths?: readonly string[];
  vg?: string;
  kernelLogFiles?: readonly string[];
};

export const LVM_LOCAL_CONF = "/etc/lvm/lvmlocal.conf";

const run = (runner: Runner, argv: string[]) => runner.run(argv, { okCodes: "any" });
const firstLine = (r: TRunResult) => (r.code === 0 ? (r.stdout.split("\n")[0]?.trim() ?? "") : "");

export function generationOf(version: string | null): TDrbdGeneration | null {
  if (version === null) return null;
  if (version.startsWith("9.")) return "9";
  if (version.startsWith("8.4.")) return "8.4";
  if (version.startsWith("8.3.")) return "8.3";
  return null;
}

async function kernelVersion(runner: Runner): Promise<{ version: string | null; proc: string | null }> {
  const proc = await run(runner, ["cat", "/proc/drbd"]);
  const fromProc = proc.code === 0 ? /^version: (\S+)/m.exec(proc.stdout)?.[1] : undefined;
  if (fromProc) return { version: fromProc, proc: proc.stdout };
  // Module not loaded: what `modprobe drbd` would load.
  const mod = await run(runner, ["modinfo", "-F", "version", "drbd"]);
  return { version: firstLine(mod) || null, proc: null };
}

// 8.x: /proc/drbd has one block per minor; the resource is the minors it was configured with.
export function resourceFromProc(status: TDrbdStatus, name: string, minors: readonly number[]): TDrbdResource | null {
  const blocks = minors.map((m) => status.resources.find((r) => r.volumes[0]?.minor === m) ?? null);
  const first = blocks.find((b) => b !== null);
  if (!first) return null;
  const conn = first.connections[0];
  return {
    ...first,
    name,
    volumes: blocks.flatMap((b, volume) => (b?.volumes[0] ? [{ ...b.volumes[0], volume }] : [])),
    connections: conn
      ? [{ ...conn, volumes: blocks.flatMap((b, volume) => (b?.connections[0]?.volumes[0] ? [{ ...b.connections[0].volumes[0], volume }] : [])) }]
      : [],
  };
}

function parsed<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ParseError) return null;
    throw err;
  }
}

function assertName(name: string): void {
  if (!RESOURCE_NAME.test(name)) {
    throw new ReportError(errorReport("DRBD_RESOURCE_NAME_INVALID", `'${name}' is not a DRBD resource name`, { field: "name", value: name }));
  }
}

export async function readKernelLog(runner: Runner, files: readonly string[] = KERNEL_LOG_FILES): Promise<TDrbdLogEvent[]> {
  const r = await run(runner, shScript(KERNEL_LOG_SCRIPT, files));
  return parseDrbdKernelLog(r.stdout);
}

async function resourceState(
  runner: Runner,
  name: string,
  minors: readonly number[],
  generation: TDrbdGeneration | null,
  proc: string | null,
): Promise<TDrbdResource | null> {
  if (generation === "9") {
    const s = await run(runner, ["drbdsetup", "status", name, "--json"]);
    return s.code === 0 ? parsed(() => parseDrbdStatusJson(s.stdout).resources.find((r) => r.name === name) ?? null) : null;
  }
  const status = proc === null ? null : parsed(() => parseProcDrbd(proc));
  return status ? resourceFromProc(status, name, minors) : null;
}

// The kernel's state of one resource only (what a resync watch polls).
export async function readDrbdResourceState(runner: Runner, name: string, minors: readonly number[]): Promise<TDrbdResource | null> {
  assertName(name);
  const { version, proc } = await kernelVersion(runner);
  return resourceState(runner, name, minors, generationOf(version), proc);
}

export async function probeDrbdResource(runner: Runner, req: TDrbdProbeRequest): Promise<TDrbdObserved> {
  assertName(req.name);
  const { name } = req;
  // In sequence: the pool caps channels per host, and these are quick.
  const hostname = firstLine(await run(runner, ["uname", "-n"])) || null;
  const { version, proc } = await kernelVersion(runner);
  const generation = generationOf(version);
  const pacemaker = await run(runner, ["systemctl", "is-active", "pacemaker"]);
  const resText = await readFileIfExists(runner, resPath(name));

  const resource = await resourceState(runner, name, req.minors, generation, proc);
  const dstate = await run(runner, ["drbdadm", "dstate", name]);
  const localDisk = firstLine(dstate).split("/")[0] || null;
  const gi = dstate.code === 0 ? parseDrbdGi((await run(runner, ["drbdadm", "get-gi", name])).stdout) : [];

  const paths = req.diskPaths ?? [];
  let disks: TDiskFact[] = [];
  if (paths.length > 0) {
    const lsblk = await run(runner, LSBLK_ARGV);
    const resolved = await run(runner, shScript(DISK_PATHS_SCRIPT, paths));
    disks = diskFacts(paths, resolved.stdout, lsblk.code === 0 ? lsblk.stdout : null);
  }
  const kernelLog = eventsOf(await readKernelLog(runner, req.kernelLogFiles), name, req.minors);

  let vgPresent: boolean | null = null;
  let lvmLocalConf: string | null = null;
  if (req.vg !== undefined) {
    vgPresent = (await run(runner, ["vgs", "--noheadings", "-o", "vg_name", "--", req.vg])).code === 0;
    lvmLocalConf = await readFileIfExists(runner, LVM_LOCAL_CONF);
  }
  return {
    hostname,
    kernelVersion: version,
    generation,
    pacemakerActive: pacemaker.code === 0 && pacemaker.stdout.trim() === "active",
    resText,
    resource,
    localDisk,
    gi,
    disks,
    kernelLog,
    vgPresent,
    lvmLocalConf,
  };
}

// Every resource the kernel runs on this host, for the dashboard: DRBD 9 names them in its
// JSON; for 8.x the names come from the config (`drbdadm dump all`) by minor.
// Connection states in which the kernel log has nothing the dashboard needs.
const HEALTHY_CONNECTIONS = new Set(["Connected", ...SYNC_STATES]);
const allConnected = (resources: readonly TDrbdResource[]) =>
  resources.every((r) => r.connections.length > 0 && r.connections.every((c) => HEALTHY_CONNECTIONS.has(c.state)));

// `kernelLog: "when-not-connected"` is for the health collector, which probes every few
// seconds: the log only matters (split brain evidence) once a connection is lost.
export async function probeDrbdHost(
  runner: Runner,
  opts: { kernelLogFiles?: readonly string[]; kernelLog?: "always" | "when-not-connected" } = {},
): Promise<{ version: string | null; loaded: boolean; resources: TDrbdResource[]; kernelLog: TDrbdLogEvent[] }> {
  // DRBD 9's status is read beside the version rather than after it: this runs every probe
  // round, and on 8.x hosts (or none) the extra read-only command only fails and is ignored.
  const status9 = run(runner, ["drbdsetup", "status", "--json"]);
  // Unread on 8.x hosts: its failure (the host gone mid-round) is the version read's to report.
  status9.catch(() => undefined);
  const { version, proc } = await kernelVersion(runner);
  let resources: TDrbdResource[] = [];
  if (generationOf(version) === "9") {
    const s = await status9;
    if (s.code === 0) resources = parsed(() => parseDrbdStatusJson(s.stdout).resources) ?? [];
  } else if (proc !== null) {
    const status = parsed(() => parseProcDrbd(proc));
    const dump = await run(runner, ["drbdadm", "dump", "all"]);
    const config = dump.code === 0 ? parsed(() => parseDrbdRes(dump.stdout)) : null;
    if (status) {
      const named = (config?.resources ?? []).flatMap((r) => {
        const res = resourceFromProc(status, r.name, r.volumes.map((v) => v.minor));
        return res ? [res] : [];
      });
      const taken = new Set(named.flatMap((r) => r.volumes.map((v) => v.minor)));
      resources = [...named, ...status.resources.filter((r) => !taken.has(r.volumes[0]?.minor ?? -1))];
    }
  }
  const needLog = opts.kernelLog !== "when-not-connected" || !allConnected(resources);
  return { version, loaded: proc !== null, resources, kernelLog: needLog ? await readKernelLog(runner, opts.kernelLogFiles) : [] };
}
