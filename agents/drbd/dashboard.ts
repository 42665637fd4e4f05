import { errorReport, report, warningReport, type TReport } from "@/lib/reports/report";
import type { TDrbdLogEvent } from "./kernel-log";
import type { TDrbdResource, TDrbdRole } from "./model";
import { SYNC_STATES } from "./status-common";

// The dashboard's view of one resource across its hosts, from each host's status (DRBD 9 JSON
// or /proc/drbd, already in one model) and kernel log: who is Primary, how the links and disks
// are, how far a resync is, and the alerts an admin must not miss. Pure.

export type TDrbdHealth = "ok" | "syncing" | "degraded" | "split-brain" | "down";

export type TDrbdPeerView = {
  peer: string | null;
  connection: string;
  peerRole: TDrbdRole;
  volume: number;
  peerDisk: string;
  replication: string | null;
  syncPercent: number | null;
  syncSpeedKiBps: number | null;
  etaSeconds: number | null;
  outOfSyncKiB: number | null;
};

export type TDrbdHostView = {
  host: string;
  up: boolean;
  role: TDrbdRole | null;
  disks: { volume: number; minor: number | null; disk: string }[];
  peers: TDrbdPeerView[];
};

export type TDrbdResourceView = {
  resource: string;
  health: TDrbdHealth;
  hosts: TDrbdHostView[];
  // The resync that is furthest behind, if one runs (what a progress bar shows).
  sync: { percent: number | null; speedKiBps: number | null; etaSeconds: number | null; outOfSyncKiB: number | null } | null;
  alerts: TReport[];
};

const LINKED = new Set(["Connected", ...SYNC_STATES]);
const WAITING = new Set(["Connecting", "WFConnection", "WFReportParams", "Unconnected", "NetworkFailure", "BrokenPipe", "Timeout", "ProtocolError", "TearDown", "Disconnecting"]);

function hostView(host: string, r: TDrbdResource | null): TDrbdHostView {
  if (!r) return { host, up: false, role: null, disks: [], peers: [] };
  return {
    host,
    up: true,
    role: r.role,
    disks: r.volumes.map((v) => ({ volume: v.volume, minor: v.minor, disk: v.disk })),
    peers: r.connections.flatMap((c) =>
      c.volumes.map((v) => ({
        peer: c.peer,
        connection: c.state,
        peerRole: c.peerRole,
        volume: v.volume,
        peerDisk: v.peerDisk,
        replication: v.replication,
        syncPercent: v.syncPercent,
        syncSpeedKiBps: v.syncSpeedKiBps,
        etaSeconds: v.etaSeconds,
        outOfSyncKiB: v.outOfSyncKiB,
      })),
    ),
  };
}

const syncing = (p: TDrbdPeerView) => p.replication !== null && SYNC_STATES.has(p.replication);

export function drbdResourceView(
  resource: string,
  statusByHost: Readonly<Record<string, TDrbdResource | null>>,
  logByHost: Readonly<Record<string, readonly TDrbdLogEvent[]>> = {},
): TDrbdResourceView {
  const hosts = Object.entries(statusByHost).map(([h, r]) => hostView(h, r));
  const up = hosts.filter((h) => h.up);
  const alerts: TReport[] = [];
  const params = (host: string) => ({ resource, host });

  for (const h of hosts) {
    if (!h.up) {
      alerts.push(warningReport("DRBD_RESOURCE_DOWN", `${resource} is not up on ${h.host}`, params(h.host)));
      continue;
    }
    const events = logByHost[h.host] ?? [];
    const lastSb = events.findLastIndex((e) => e.kind === "split-brain-unresolved");
    const lastConnect = events.findLastIndex((e) => e.kind === "split-brain-resolved" || (e.kind === "connection" && e.to === "Connected"));
    if (lastSb >= 0 && lastSb > lastConnect) {
      alerts.push(errorReport("DRBD_SPLIT_BRAIN", `Split brain on ${resource}: ${h.host}'s kernel dropped the connection`, { ...params(h.host), time: events[lastSb]?.time ?? null }));
    }
    const states = new Set(h.peers.map((p) => p.connection));
    if (states.has("StandAlone")) {
      alerts.push(errorReport("DRBD_STANDALONE", `${resource} is StandAlone on ${h.host}: it will not reconnect by itself`, params(h.host)));
    } else if ([...states].some((s) => WAITING.has(s))) {
      alerts.push(warningReport("DRBD_DISCONNECTED", `${resource} on ${h.host} has lost its peer and is waiting for it (${[...states].join(", ")})`, params(h.host)));
    }
    for (const d of h.disks) {
      if (d.disk === "UpToDate" || d.disk === "Diskless") continue;
      const beingSynced = d.disk === "Inconsistent" && hosts.some((o) => o.peers.some((p) => p.volume === d.volume && syncing(p)));
      if (!beingSynced) {
        alerts.push(warningReport("DRBD_DISK_NOT_UPTODATE", `Volume ${d.volume} of ${resource} on ${h.host} is ${d.disk}`, { ...params(h.host), volume: d.volume, disk: d.disk }));
      }
    }
  }
  const primaries = up.filter((h) => h.role === "Primary");
  const linked = up.every((h) => h.peers.length > 0 && h.peers.every((p) => LINKED.has(p.connection)));
  if (primaries.length > 1 && !linked) {
    alerts.push(
      errorReport("DRBD_BOTH_PRIMARY_DISCONNECTED", `${resource} is Primary on ${primaries.map((h) => h.host).join(" and ")} without a connection: the data diverges`, {
        resource,
        hosts: primaries.map((h) => h.host),
      }),
    );
  }

  const active = up.flatMap((h) => h.peers).filter(syncing);
  const slowest = [...active].sort((a, b) => (a.syncPercent ?? 0) - (b.syncPercent ?? 0))[0];
  const sync = slowest
    ? { percent: slowest.syncPercent, speedKiBps: slowest.syncSpeedKiBps, etaSeconds: slowest.etaSeconds, outOfSyncKiB: slowest.outOfSyncKiB }
    : null;
  if (sync) alerts.push(report("info", "DRBD_RESYNC_RUNNING", `${resource} is resyncing${sync.percent !== null ? ` (${sync.percent}%)` : ""}`, { resource, ...sync }));

  let health: TDrbdHealth;
  if (up.length === 0) health = "down";
  else if (alerts.some((a) => a.code === "DRBD_SPLIT_BRAIN" || a.code === "DRBD_BOTH_PRIMARY_DISCONNECTED")) health = "split-brain";
  else if (alerts.some((a) => a.severity !== "info")) health = "degraded";
  else health = sync ? "syncing" : "ok";
  return { resource, health, hosts, sync, alerts };
}
