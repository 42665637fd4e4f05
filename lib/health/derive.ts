import type { TCorosyncQuorum } from "@/agents/corosync/model";
import type { TPacemakerStatus } from "@/agents/pacemaker/model";
import { report, type TReport } from "@/lib/reports/report";
import { deriveDrbd } from "./derive-drbd";
import { clockAlerts } from "./clock-drift";
import { derivePve } from "./derive-pve";
import {
  ZHostProbe,
  type TClusterHealth,
  type THealthHostLinks,
  type THealthPacemaker,
  type THealthQuorum,
  type THealthStatus,
  type THostProbe,
  type THostProbeInput,
} from "./model";

// Turns one round of probes into what the dashboard shows and the alerts an admin must see.
// Every host answers for its own partition, so views are compared: the cluster's quorum is
// the largest quorate view, Pacemaker is read from the DC (or a quorate host), and links are
// judged per host, because a link is only "down" as seen from one end.

const RANK = { error: 0, warning: 1, info: 2 } as const;

type TNames = Map<number, string>;

function nodeNames(probes: THostProbe[]): TNames {
  const names: TNames = new Map();
  for (const p of probes) {
    for (const n of p.quorum?.nodes ?? []) if (n.name) names.set(n.nodeid, n.name);
    for (const n of p.pacemaker?.nodes ?? []) {
      const id = n.id !== null ? Number(n.id) : NaN;
      if (Number.isInteger(id) && !names.has(id)) names.set(id, n.name);
    }
    if (p.quorum?.localNodeId != null && !names.has(p.quorum.localNodeId)) names.set(p.quorum.localNodeId, p.host);
    if (p.links?.nodeid != null && !names.has(p.links.nodeid)) names.set(p.links.nodeid, p.host);
  }
  return names;
}

const nameOf = (names: TNames, nodeid: number) => names.get(nodeid) ?? `node ${nodeid}`;
const list = (xs: readonly string[]) => xs.join(", ");

// The view to trust: quorate beats inquorate, then the bigger membership.
function bestQuorumView(probes: THostProbe[]): { host: string; quorum: TCorosyncQuorum } | null {
  const views = probes.flatMap((p) => (p.quorum ? [{ host: p.host, quorum: p.quorum }] : []));
  const score = (q: TCorosyncQuorum) => (q.quorate ? 1000 : 0) + (q.memberCount ?? q.nodes.length);
  return views.reduce<{ host: string; quorum: TCorosyncQuorum } | null>((best, v) => (!best || score(v.quorum) > score(best.quorum) ? v : best), null);
}

function quorumSummary(view: { host: string; quorum: TCorosyncQuorum } | null): THealthQuorum | null {
  if (!view) return null;
  const q = view.quorum;
  return {
    quorate: q.quorate,
    votes: q.totalVotes,
    expected: q.expectedVotes,
    needed: q.quorum,
    members: q.nodes.map((n) => n.name ?? `node ${n.nodeid}`),
    qdevice: q.qdevice ? { name: q.qdevice.name, votes: q.qdevice.votes, configuredVotes: q.qdevice.configuredVotes, state: q.qdevice.state } : null,
    seenFrom: view.host,
  };
}

function hostAlerts(probes: THostProbe[]): TReport[] {
  const out: TReport[] = [];
  const down = probes.filter((p) => !p.reachable);
  // With nothing reachable the panel knows nothing about the cluster: that is not "degraded".
  const severity = down.length === probes.length ? "error" : "warning";
  for (const p of down) {
    out.push(
      report(severity, "HOST_UNREACHABLE", `The panel cannot reach ${p.host}${p.error ? `: ${p.error.message}` : "."}`, {
        host: p.host,
        cause: p.error?.code ?? null,
      }),
    );
  }
  for (const p of probes) {
    if (!p.reachable || p.reports.length === 0) continue;
    out.push(
      report("warning", "HOST_PROBE_FAILED", `${p.host} answers, but ${list(p.reports.map((r) => r.message))}`, {
        host: p.host,
        codes: p.reports.map((r) => r.code),
      }),
    );
  }
  return out;
}

function quorumAlerts(probes: THostProbe[], names: TNames): TReport[] {
  const out: TReport[] = [];
  const views = probes.filter((p) => p.quorum);
  const inquorate = views.filter((p) => p.quorum?.quorate === false).map((p) => p.host);
  if (views.length > 0 && inquorate.length === views.length) {
    out.push(
      report("error", "CLUSTER_NOT_QUORATE", `The cluster has no quorum (seen from ${list(inquorate)}): resources are stopped and nothing can change.`, {
        hosts: inquorate,
      }),
    );
  } else if (inquorate.length > 0) {
    out.push(
      report("error", "CLUSTER_NOT_QUORATE", `${list(inquorate)} ${inquorate.length > 1 ? "are" : "is"} in a partition without quorum, cut off from the rest of the cluster.`, {
        hosts: inquorate,
      }),
    );
  }
  // Each node's own row says whether the QDevice votes for it; another node's row is hearsay.
  const flags = new Map<number, string>();
  for (const p of views) for (const n of p.quorum?.nodes ?? []) if (n.qdeviceFlags && (n.local || !flags.has(n.nodeid))) flags.set(n.nodeid, n.qdeviceFlags);
  const notVoting = [...flags].filter(([, f]) => !/^A,V\b/.test(f)).map(([id, f]) => ({ node: nameOf(names, id), flags: f }));
  const deviceSilent = views.some((p) => p.quorum?.qdevice && p.quorum.qdevice.votes < p.quorum.qdevice.configuredVotes);
  if (notVoting.length > 0 || (deviceSilent && flags.size === 0)) {
    out.push(
      report(
        "warning",
        "QDEVICE_NOT_VOTING",
        notVoting.length > 0
          ? `The quorum device does not vote for ${list(notVoting.map((n) => `${n.node} (${n.flags})`))}: one more failure can cost quorum.`
          : "The quorum device casts no vote: one more failure can cost quorum.",
        { nodes: notVoting },
      ),
    );
  }
  return out;
}

function linkViews(probes: THostProbe[], names: TNames): THealthHostLinks[] {
  return probes.flatMap((p) =>
    p.links
      ? [
          {
            host: p.host,
            nodeid: p.links.nodeid,
            links: p.links.links.map((l) => ({
              id: l.id,
              address: l.address,
              status: l.status,
              peers: l.peers.map((x) => ({ nodeid: x.nodeid, name: nameOf(names, x.nodeid), connected: x.connected })),
            })),
          },
        ]
      : [],
  );
}

function linkAlerts(views: THealthHostLinks[], probes: THostProbe[]): TReport[] {
  const out: TReport[] = [];
  const lost = new Map<string, string[]>();
  const unreachable = new Set(probes.filter((p) => !p.reachable).map((p) => p.host));
  for (const v of views) {
    const peers = new Map<string, boolean>();
    for (const l of v.links) for (const x of l.peers) peers.set(x.name, (peers.get(x.name) ?? false) || x.connected);
    for (const [peer, connected] of peers) if (!connected) lost.set(peer, [...(lost.get(peer) ?? []), v.host]);
    if (v.links.length < 2) continue;
    for (const l of v.links) {
      const down = l.peers.filter((x) => !x.connected && peers.get(x.name)).map((x) => x.name);
      if (down.length === 0 && l.status !== "faulty") continue;
      out.push(
        report(
          "warning",
          "COROSYNC_LINK_DOWN",
          `Link ${l.id} of ${v.host}${l.address ? ` (${l.address})` : ""} is down${down.length ? ` towards ${list(down)}` : ""}: the other link carries the cluster alone, redundancy is lost.`,
          { host: v.host, link: l.id, peers: down },
        ),
      );
    }
  }
  for (const [peer, seenBy] of lost) {
    // A peer the panel cannot reach either is most likely down; one it can reach is a partition.
    const partition = !unreachable.has(peer);
    out.push(
      report(
        partition ? "error" : "warning",
        "COROSYNC_PEER_DISCONNECTED",
        `${peer} is disconnected from ${list(seenBy)} on every corosync link${partition ? " although the panel reaches it: the cluster is split" : ""}.`,
        { node: peer, seenBy },
      ),
    );
  }
  return out;
}

// The quorate DC's view, else a quorate host's, else any: an inquorate partition (which has its
// own DC) sees everyone else offline.
function bestPacemakerView(probes: THostProbe[]): { host: string; status: TPacemakerStatus } | null {
  const views = probes.flatMap((p) => (p.pacemaker ? [{ host: p.host, status: p.pacemaker }] : []));
  const isDc = (v: (typeof views)[number]) => v.status.dc === v.host;
  return (
    views.find((v) => isDc(v) && v.status.quorate === true) ?? views.find((v) => v.status.quorate === true) ?? views.find(isDc) ?? views[0] ?? null
  );
}

function pacemakerSummary(view: { host: string; status: TPacemakerStatus } | null): THealthPacemaker | null {
  if (!view) return null;
  const s = view.status;
  return {
    seenFrom: view.host,
    dc: s.dc,
    quorate: s.quorate,
    stonithEnabled: s.stonithEnabled,
    maintenanceMode: s.maintenanceMode,
    nodes: s.nodes,
    resources: s.resources,
    failures: s.failures,
  };
}

const isFencing = (agent: string | null) => agent !== null && agent.startsWith("stonith:");

function pacemakerAlerts(pm: THealthPacemaker | null): TReport[] {
  if (!pm) return [];
  const out: TReport[] = [];
  for (const n of pm.nodes) {
    if (n.unclean) out.push(report("error", "PACEMAKER_NODE_UNCLEAN", `${n.name} is UNCLEAN: Pacemaker must fence it before it recovers its resources.`, { node: n.name }));
    else if (!n.online) out.push(report("warning", "PACEMAKER_NODE_OFFLINE", `${n.name} is offline in Pacemaker.`, { node: n.name }));
    if (n.maintenance) out.push(report("info", "NODE_IN_MAINTENANCE", `${n.name} is in maintenance: Pacemaker does not manage its resources.`, { node: n.name }));
    if (n.standby) out.push(report("info", "NODE_IN_STANDBY", `${n.name} is in standby: it runs no resources.`, { node: n.name }));
  }
  if (pm.maintenanceMode) out.push(report("info", "CLUSTER_IN_MAINTENANCE", "The cluster is in maintenance mode: Pacemaker manages no resource.", {}));
  // Clone instances are listed one by one; a stopped instance while others run is lost redundancy.
  const running = new Set(pm.resources.filter((r) => r.role !== "Stopped").map((r) => r.cloneId ?? r.id));
  for (const r of pm.resources) {
    if (r.failed) {
      out.push(report("error", "PACEMAKER_RESOURCE_FAILED", `Resource ${r.id} has failed${r.nodes.length ? ` on ${list(r.nodes)}` : ""}.`, { resource: r.id, nodes: r.nodes }));
      continue;
    }
    if (r.role !== "Stopped" || r.targetRole?.toLowerCase() === "stopped" || pm.maintenanceMode) continue;
    const partial = r.cloneId !== null && running.has(r.cloneId);
    out.push(
      report(
        partial ? "warning" : "error",
        "PACEMAKER_RESOURCE_STOPPED",
        partial ? `An instance of ${r.cloneId ?? r.id} is stopped; the others still run.` : `Resource ${r.id} is stopped although it should run.`,
        { resource: r.id, clone: r.cloneId },
      ),
    );
  }
  for (const f of pm.failures) {
    out.push(
      report("warning", "PACEMAKER_FAILED_ACTION", `${f.resource} ${f.operation} failed${f.node ? ` on ${f.node}` : ""}${f.exitReason ? `: ${f.exitReason}` : ""}.`, {
        resource: f.resource,
        node: f.node,
        operation: f.operation,
        exitStatus: f.exitStatus,
      }),
    );
  }
  const data = pm.resources.filter((r) => !isFencing(r.agent));
  if (pm.stonithEnabled === false && data.length > 0) {
    out.push(
      report("warning", "STONITH_DISABLED_WITH_RESOURCES", `Fencing is disabled while ${data.length} resource(s) run: after a split Pacemaker may start them twice.`, {
        resources: data.length,
      }),
    );
  }
  return out;
}

function statusOf(probes: THostProbe[], alerts: TReport[]): THealthStatus {
  if (probes.length === 0) return "unknown";
  if (alerts.some((a) => a.severity === "error")) return "critical";
  if (alerts.some((a) => a.severity === "warning")) return "warning";
  return "ok";
}

export function deriveClusterHealth(input: readonly THostProbeInput[]): TClusterHealth {
  const probes = input.map((p) => ZHostProbe.parse(p));
  const names = nodeNames(probes);
  const links = linkViews(probes, names);
  const pacemaker = pacemakerSummary(bestPacemakerView(probes));
  const drbd = deriveDrbd(probes);
  const wide = derivePve(probes);
  const alerts = [
    ...hostAlerts(probes),
    ...clockAlerts(probes),
    ...quorumAlerts(probes, names),
    ...linkAlerts(links, probes),
    ...pacemakerAlerts(pacemaker),
    ...drbd.flatMap((d) => d.alerts),
    ...wide.alerts,
  ];
  alerts.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  return {
    status: statusOf(probes, alerts),
    quorum: quorumSummary(bestQuorumView(probes)),
    hosts: probes.map((p) => ({ name: p.host, reachable: p.reachable, lastError: p.error, durationMs: p.durationMs, clockOffsetMs: p.clockOffsetMs })),
    links,
    pacemaker,
    drbd,
    pve: wide.pve,
    ceph: wide.ceph,
    linstor: wide.linstor,
    alerts,
  };
}
