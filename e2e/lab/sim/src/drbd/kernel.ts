import { Socket } from "node:net";
import { hostName } from "../core/state";
import { advance, ipOf, peerHost, type TLog } from "./engine";
import type { TMeta, TNode, TResourceFile } from "./model";
import { appendKernLog, listResourceNames, readMeta, readResource, syncRateKiBps, withResource, writeMeta } from "./store";
import { resourceView, type TResourceView } from "./view";

// Runs one kernel operation on a resource: reachability of the peers is probed first (outside
// the lock), then under the resource lock the state is brought up to now, the operation applied
// and the kernel log written.

// SIM_DRBD_REACHABLE="*" or "lab2,lab3" replaces the network probe (unit tests have no lab).
async function probe(host: string, ip: string): Promise<boolean> {
  const forced = process.env.SIM_DRBD_REACHABLE;
  if (forced !== undefined) return forced === "*" || forced.split(",").includes(host);
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(300, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
    s.connect(22, ip);
  });
}

export type TReach = (host: string) => boolean;

export async function probePeers(names: readonly string[]): Promise<TReach> {
  const me = hostName();
  const targets = new Map<string, string>();
  for (const name of names) {
    const file = readResource(name);
    const node = file?.nodes[me];
    if (!file || !node) continue;
    for (const p of node.peers) {
      const h = peerHost(file, node, p);
      const path = p.paths[0];
      if (h && path) targets.set(h, ipOf(path.remote));
    }
  }
  const results = new Map<string, boolean>();
  await Promise.all([...targets].map(async ([h, ip]) => results.set(h, await probe(h, ip))));
  return (h) => results.get(h) ?? false;
}

export function kernelOp<T>(name: string, reach: TReach, fn: (file: TResourceFile, logs: TLog[], now: number) => T): T {
  const me = hostName();
  const now = Date.now();
  const rate = syncRateKiBps();
  const own: string[] = [];
  const stamp = new Date(now).toISOString();
  const result = withResource(name, (file) => {
    // Lines another host's command produced for this host come first: they happened earlier.
    const mine = file.nodes[me];
    if (mine) {
      own.push(...mine.pendingLog);
      mine.pendingLog = [];
    }
    const logs = advance(file, me, now, reach, rate);
    const r = fn(file, logs, now);
    // The operation may have made a connection possible (connect) or impossible (disconnect).
    logs.push(...advance(file, me, now, reach, rate));
    for (const l of logs) {
      const line = `${stamp} ${l.host} kernel: ${l.line}`;
      if (l.host === me) own.push(line);
      else file.nodes[l.host]?.pendingLog.push(line);
    }
    const node = file.nodes[me];
    if (node) persistMeta(node);
    return r;
  });
  appendKernLog(own);
  return result;
}

// The meta-data on disk follows the attached volumes (so down/up and create-md see it).
export function persistMeta(node: TNode): void {
  for (const v of node.volumes) {
    if (!v.backingDev || v.disk === "Diskless") continue;
    const disk: TMeta["disk"] = v.disk === "UpToDate" || v.disk === "Outdated" || v.disk === "Consistent" ? v.disk : "Inconsistent";
    const devUuid = readMeta(v.backingDev)?.devUuid ?? "0000000000000000";
    writeMeta(v.backingDev, { version: node.version === "8.4" ? "v08" : "v09", disk, gi: v.gi, oos: v.oos, sizeKiB: v.sizeKiB, devUuid });
  }
}

// Views of every resource this host has up (or of the named ones), brought up to now.
export async function currentViews(only: string | null): Promise<TResourceView[]> {
  const me = hostName();
  const names = listResourceNames().filter((n) => (only === null || only === "all" || n === only) && readResource(n)?.nodes[me]);
  const reach = await probePeers(names);
  return names.flatMap((n) => {
    const view = kernelOp(n, reach, (file, _logs, now) => resourceView(file, me, now));
    return view ? [view] : [];
  });
}
