import { ParseError } from "../common/parse-error";
import type { TBlockDevices } from "../host/model";
import { parseLsblkJson } from "../host/parse-lsblk";
import type { TStorageEntry } from "../proxmox/model-config";
import { probePveStorageOrNote } from "../proxmox/storage/probe";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import { readFileIfExists } from "@/lib/ssh/write-file";
import type { TCephOsdDf, TCephOsdTree, TCephStatus } from "./model";
import { parseCephDfJson, type TCephPoolUsage } from "./parse-df";
import { parseCephOsdDfJson } from "./parse-osd-df";
import { parseCephOsdTreeJson } from "./parse-osd-tree";
import { parseCephPoolLsJson, type TCephPool } from "./parse-pool-ls";
import { parseCephStatusJson } from "./parse-status-json";
import { parseCephStatusText } from "./parse-status-text";
import { readPveCephConf, type TPveCephConf } from "./pve-ceph-conf";

// What one Proxmox node knows of Ceph, read-only: whether pveceph is installed and initialised,
// the cluster as this node's `ceph` client sees it, its disks, and the cluster-wide files in
// /etc/pve. Facts that cannot be read are null with the reason in `errors`, so one odd host
// does not stop the planner or the dashboard.

export const PVE_CEPH_CONF = "/etc/pve/ceph.conf";
export const PVE_STORAGE_CFG = "/etc/pve/storage.cfg";

// A cluster without a reachable monitor makes the ceph client wait for minutes by default.
const CONNECT = ["--connect-timeout", "10"];
const TIMEOUT_MS = 30_000;

export const CEPH_PROBE_COMMANDS = {
  // pveceph's own view: dies "binary not installed: ..." / "pveceph configuration not
  // initialized", else prints `ceph -s` (which names the managers, unlike Reef's JSON).
  pvecephStatus: ["pveceph", "status"],
  status: ["ceph", "status", "-f", "json", ...CONNECT],
  osdTree: ["ceph", "osd", "tree", "-f", "json", ...CONNECT],
  osdDf: ["ceph", "osd", "df", "-f", "json", ...CONNECT],
  pools: ["ceph", "osd", "pool", "ls", "detail", "-f", "json", ...CONNECT],
  poolUsage: ["ceph", "df", "-f", "json", ...CONNECT],
  disks: ["lsblk", "-J", "-b", "-o", "NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL,VENDOR,ROTA,SERIAL,PKNAME"],
} as const;

export type TPvecephState = "not-installed" | "not-initialized" | "unreachable" | "running";

export type TCephHostObserved = {
  pveceph: TPvecephState;
  // `ceph -s` text from pveceph status: its monitors and managers.
  statusText: TCephStatus | null;
  status: TCephStatus | null;
  tree: TCephOsdTree | null;
  df: TCephOsdDf | null;
  pools: TCephPool[] | null;
  poolUsage: TCephPoolUsage[] | null;
  conf: TPveCephConf | null;
  disks: TBlockDevices | null;
  storages: TStorageEntry[] | null;
  errors: string[];
};

export function pvecephStateOf(r: Pick<TRunResult, "code" | "stdout" | "stderr">): TPvecephState {
  const out = `${r.stderr}\n${r.stdout}`;
  if (/binary not installed/.test(out)) return "not-installed";
  if (/pveceph configuration not initialized/.test(out)) return "not-initialized";
  return r.code === 0 ? "running" : "unreachable";
}

function readWith<T>(errors: string[], what: string, r: TRunResult, parse: (text: string) => T): T | null {
  if (r.code !== 0) {
    errors.push(`${what}: exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim().split("\n")[0]}` : ""}`);
    return null;
  }
  try {
    return parse(r.stdout);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    errors.push(err.oneLine());
    return null;
  }
}

export async function probeCephHost(runner: Runner): Promise<TCephHostObserved> {
  const C = CEPH_PROBE_COMMANDS;
  const run = (argv: readonly string[]) => runner.run([...argv], { okCodes: "any", timeoutMs: TIMEOUT_MS });
  const errors: string[] = [];
  // In sequence: the pool caps channels per host, and a cluster without monitors would make
  // parallel clients all wait their connect timeout at once.
  const pve = await run(C.pvecephStatus);
  const pveceph = pvecephStateOf(pve);
  const statusText = pveceph === "running" ? readWith(errors, "pveceph status", pve, parseCephStatusText) : null;
  const status = readWith(errors, "ceph status", await run(C.status), parseCephStatusJson);
  // Without a status answer there is no cluster to ask for the rest.
  const cluster = status !== null;
  const tree = cluster ? readWith(errors, "ceph osd tree", await run(C.osdTree), parseCephOsdTreeJson) : null;
  const df = cluster ? readWith(errors, "ceph osd df", await run(C.osdDf), parseCephOsdDfJson) : null;
  const pools = cluster ? readWith(errors, "ceph osd pool ls", await run(C.pools), parseCephPoolLsJson) : null;
  const poolUsage = cluster ? readWith(errors, "ceph df", await run(C.poolUsage), parseCephDfJson) : null;
  const disks = readWith(errors, "lsblk", await run(C.disks), parseLsblkJson);
  const confText = await readFileIfExists(runner, PVE_CEPH_CONF);
  const storages = await probePveStorageOrNote(runner, errors);
  return {
    pveceph,
    statusText,
    status,
    tree,
    df,
    pools,
    poolUsage,
    conf: confText === null ? null : readPveCephConf(confText),
    disks,
    storages,
    errors,
  };
}
