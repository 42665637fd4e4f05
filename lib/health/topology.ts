import type { TClusterHealth } from "./model";

// The overview picture: nodes on a circle, one edge per pair of hosts, the QDevice witness
// below, each in one of four states. Pure, so the states are tested without a browser.

export type TTopoState = "ok" | "degraded" | "down" | "unknown";

export type TTopoNode = {
  name: string;
  x: number;
  y: number;
  state: TTopoState;
  // What the state means, for the title and the screen reader.
  detail: string;
  resources: { id: string; state: TTopoState }[];
};
export type TTopoEdge = { a: string; b: string; state: TTopoState; detail: string };
export type TTopology = {
  width: number;
  height: number;
  nodes: TTopoNode[];
  edges: TTopoEdge[];
  witness: { name: string; x: number; y: number; state: TTopoState; detail: string } | null;
};

const WIDTH = 520;
const HEIGHT = 300;

function nodeState(model: TClusterHealth, name: string): { state: TTopoState; detail: string } {
  const host = model.hosts.find((h) => h.name === name);
  const pcmk = model.pacemaker?.nodes.find((n) => n.name === name);
  const member = model.quorum ? model.quorum.members.includes(name) : null;
  if (host && !host.reachable) return { state: "down", detail: "the panel cannot reach it" };
  if (pcmk?.unclean) return { state: "down", detail: "unclean: waiting to be fenced" };
  if (member === false) return { state: "down", detail: "not a member of the quorate partition" };
  if (pcmk && !pcmk.online) return { state: "degraded", detail: "offline in Pacemaker" };
  if (pcmk?.standby || pcmk?.maintenance) return { state: "degraded", detail: pcmk.standby ? "standby" : "maintenance" };
  if (!host) return { state: "unknown", detail: "not probed" };
  return { state: "ok", detail: member ? "reachable, quorum member" : "reachable" };
}

// A pair is judged from both ends: each host says per link whether it sees the other.
function edgeState(model: TClusterHealth, a: string, b: string): { state: TTopoState; detail: string } {
  const seen = (from: string, to: string): boolean[] | null => {
    const own = model.links.find((l) => l.host === from);
    if (!own || own.links.length === 0) return null;
    return own.links.map((l) => l.peers.find((p) => p.name === to)?.connected ?? false);
  };
  const views = [seen(a, b), seen(b, a)].filter((v): v is boolean[] => v !== null);
  if (views.length === 0) return { state: "unknown", detail: "no corosync link data" };
  const all = views.flat();
  const up = all.filter(Boolean).length;
  if (up === all.length) return { state: "ok", detail: `${views[0]!.length} link(s) connected` };
  if (views.every((v) => !v.some(Boolean))) return { state: "down", detail: "disconnected on every link" };
  return { state: "degraded", detail: `${all.length - up} of ${all.length} link views down` };
}

function resourceState(r: { failed: boolean; role: string; blocked: boolean }): TTopoState {
  if (r.failed || r.blocked) return "down";
  if (r.role === "Stopped") return "degraded";
  return "ok";
}

export function clusterTopology(model: TClusterHealth): TTopology {
  const names = [...new Set([...model.hosts.map((h) => h.name), ...(model.pacemaker?.nodes.map((n) => n.name) ?? [])])].sort();
  const cx = WIDTH / 2;
  const cy = 130;
  const r = names.length <= 2 ? 150 : 95;
  const nodes = names.map((name, i): TTopoNode => {
    // Two nodes side by side; three or more on a circle starting at the top.
    const angle = names.length <= 2 ? Math.PI * i : -Math.PI / 2 + (2 * Math.PI * i) / names.length;
    const resources = (model.pacemaker?.resources ?? [])
      .filter((res) => res.nodes.includes(name))
      .map((res) => ({ id: res.id, state: resourceState(res) }));
    return { name, x: Math.round(cx + r * Math.cos(angle)), y: Math.round(cy + r * Math.sin(angle)), ...nodeState(model, name), resources };
  });
  const edges: TTopoEdge[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) edges.push({ a: names[i]!, b: names[j]!, ...edgeState(model, names[i]!, names[j]!) });
  }
  const q = model.quorum?.qdevice ?? null;
  const witness = q
    ? {
        name: q.name,
        x: cx,
        y: HEIGHT - 30,
        state: (q.votes >= q.configuredVotes && q.configuredVotes > 0 ? "ok" : q.votes > 0 ? "degraded" : "down") as TTopoState,
        detail: `casts ${q.votes} of ${q.configuredVotes} vote(s)`,
      }
    : null;
  // Room below the nodes only for what is drawn there: resource names, the witness.
  const lowest = Math.max(...nodes.map((n) => n.y + 22 + Math.min(5, n.resources.length) * 13), cy);
  return { width: WIDTH, height: witness ? HEIGHT : Math.min(HEIGHT, lowest + 12), nodes, edges, witness };
}
