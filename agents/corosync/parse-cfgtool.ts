import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import {
  validated,
  ZCorosyncCfgtoolNodes,
  ZCorosyncLinks,
  type TCorosyncCfgtoolNodes,
  type TCorosyncLink,
  type TCorosyncLinks,
  type TLinkPeer,
} from "./model";

const LINKS = "corosync-links";
const NODES = "corosync-cfgtool-n";

const LOCAL_NODE = /^Local node ID (\d+)(?:, transport (\S+))?$/;
// Printed instead of the status when the tool cannot talk to corosync.
const TOOL_ERROR = /^(?:Could not |No nodes found)/;

type TOpenLink = {
  id: number;
  address: string | null;
  statusText: string | null;
  transport: string | null;
  // Every "nodeid N: state" line, local one included; null = no "status:" list seen.
  entries: { nodeid: number; state: "localhost" | "connected" | "disconnected"; line: number }[] | null;
  line: number;
};

// corosync 3.0.0 printed "link enabled:1 link connected:1", later versions a single word.
function peerState(value: string, format: string, line: number): "localhost" | "connected" | "disconnected" {
  if (value === "localhost" || value === "connected" || value === "disconnected") return value;
  const m = /link connected:\s*(\d)/.exec(value);
  if (m) return m[1] === "1" ? "connected" : "disconnected";
  throw new ParseError(format, `unknown link state "${value}"`, line);
}

function statusFromPeers(peers: TLinkPeer[]): TCorosyncLink["status"] {
  const up = peers.filter((p) => p.connected).length;
  if (up === peers.length) return "ok";
  return up === 0 ? "faulty" : "degraded";
}

function statusFromText(text: string): TCorosyncLink["status"] {
  if (/FAULTY/i.test(text)) return "faulty";
  if (/active with no faults/i.test(text)) return "ok";
  return "unknown";
}

function closeLink(open: TOpenLink, localId: number | null, layout: "ring" | "link"): TCorosyncLink {
  if (open.address === null && open.statusText === null && open.entries === null) {
    throw new ParseError(LINKS, `truncated: ${layout === "ring" ? "RING" : "LINK"} ID ${open.id} has no details`, open.line);
  }
  const entries = open.entries ?? [];
  const peers = entries
    .filter((e) => e.state !== "localhost" && e.nodeid !== localId)
    .map((e) => ({ nodeid: e.nodeid, connected: e.state === "connected" }));
  let status: TCorosyncLink["status"];
  const brief = open.statusText !== null && /^[n0-3]+$/.test(open.statusText) ? open.statusText : null;
  if (brief !== null) {
    // -b prints one digit per node in nodeid order: enabled | connected << 1, "n" for this node.
    const others = brief.replace(/n/g, "").split("");
    const up = others.filter((c) => c === "3").length;
    status = up === others.length ? "ok" : up === 0 ? "faulty" : "degraded";
  } else if (open.statusText !== null) {
    status = statusFromText(open.statusText);
  } else if (open.entries !== null) {
    status = statusFromPeers(peers);
  } else {
    throw new ParseError(LINKS, `truncated: link ${open.id} has no status`, open.line);
  }
  return { id: open.id, address: open.address, status, statusText: open.statusText, transport: open.transport, peers };
}

// corosync-cfgtool -s: "Printing ring status." + RING ID blocks (1.x/2.x) or LINK ID blocks (3.x).
export function parseCorosyncLinks(text: string): TCorosyncLinks {
  let nodeid: number | null = null;
  let transport: string | null = null;
  let layout: "ring" | "link" | null = null;
  let open: TOpenLink | null = null;
  let toolError: string | null = null;
  const links: TCorosyncLink[] = [];

  const start = (id: number, kind: "ring" | "link", linkTransport: string | null, line: number) => {
    if (open) links.push(closeLink(open, nodeid, layout ?? kind));
    layout ??= kind;
    open = { id, address: null, statusText: null, transport: linkTransport, entries: null, line };
  };

  inputLines(text).forEach((raw, idx) => {
    const line = idx + 1;
    const t = raw.trim();
    if (t === "") return;
    if (t === "Printing ring status.") {
      layout = "ring";
      return;
    }
    if (t === "Printing link status.") {
      layout = "link";
      return;
    }
    const local = LOCAL_NODE.exec(t);
    if (local?.[1]) {
      nodeid = Number(local[1]);
      if (local[2]) {
        transport = local[2];
        layout ??= "link";
      }
      return;
    }
    const ring = /^RING ID (\d+)$/.exec(t);
    if (ring?.[1]) return start(Number(ring[1]), "ring", null, line);
    const link = /^LINK ID (\d+)(?:\s+(\S+))?$/.exec(t);
    if (link?.[1]) return start(Number(link[1]), "link", link[2] ?? null, line);
    if (TOOL_ERROR.test(t)) {
      toolError ??= t;
      return;
    }
    const current = open as TOpenLink | null;
    if (!current) throw new ParseError(LINKS, `unexpected line before any ring or link: "${t.slice(0, 80)}"`, line);
    const kv = /^(id|addr|status)\s*=\s*(.*)$/.exec(t);
    if (kv?.[1]) {
      const value = kv[2] ?? "";
      if (kv[1] === "status") current.statusText = value;
      else current.address = value === "" ? null : value;
      return;
    }
    if (t === "status:") {
      current.entries ??= [];
      return;
    }
    const peer = /^node(?:id)?:?\s*(\d+):\s*(.*)$/.exec(t);
    if (peer?.[1] && current.entries) {
      current.entries.push({ nodeid: Number(peer[1]), state: peerState(peer[2] ?? "", LINKS, line), line });
      return;
    }
    throw new ParseError(LINKS, `unexpected line: "${t.slice(0, 80)}"`, line);
  });

  const last = open as TOpenLink | null;
  if (last) links.push(closeLink(last, nodeid, layout ?? "link"));
  if (links.length === 0) {
    throw new ParseError(LINKS, toolError ?? "no RING ID or LINK ID block found", null);
  }
  return validated(ZCorosyncLinks, { nodeid, links, layout: layout ?? "link", transport }, LINKS);
}

// corosync-cfgtool -n (3.1+): one "nodeid: N reachable" block per reachable peer with its links.
export function parseCorosyncCfgtoolNodes(text: string): TCorosyncCfgtoolNodes {
  let nodeid: number | null = null;
  let transport: string | null = null;
  let seenLocal = false;
  let toolError: string | null = null;
  const nodes: TCorosyncCfgtoolNodes["nodes"] = [];

  inputLines(text).forEach((raw, idx) => {
    const line = idx + 1;
    const t = raw.trim();
    if (t === "") return;
    const local = LOCAL_NODE.exec(t);
    if (local?.[1]) {
      nodeid = Number(local[1]);
      transport = local[2] ?? null;
      seenLocal = true;
      return;
    }
    if (TOOL_ERROR.test(t)) {
      toolError ??= t;
      return;
    }
    const node = /^nodeid:?\s+(\d+)\s+(reachable|unreachable)\b(.*)$/.exec(t);
    if (node?.[1]) {
      const rest = node[3] ?? "";
      const onwire = /onwire \(min\/max\/cur\):\s*(\d+),\s*(\d+),\s*(\d+)/.exec(rest);
      nodes.push({
        nodeid: Number(node[1]),
        reachable: node[2] === "reachable",
        remote: /\bremote\b/.test(rest),
        external: /\bexternal\b/.test(rest),
        onwire: onwire ? { min: Number(onwire[1]), max: Number(onwire[2]), current: Number(onwire[3]) } : null,
        links: [],
      });
      return;
    }
    // No two adjacent whitespace runs in the pattern: a long blank run must not backtrack quadratically.
    const link = /^LINK:\s*(\d+)\s+(?:(\S+)\s+)?\(([^)]*)\)(.*)$/.exec(t);
    const owner = nodes[nodes.length - 1];
    if (link?.[1] && owner) {
      const [source = "", destination] = (link[3] ?? "").split("->");
      const words = (link[4] ?? "").trim().split(/\s+/);
      const mtu = /mtu:\s*(\d+)/.exec(link[4] ?? "");
      owner.links.push({
        id: Number(link[1]),
        transport: link[2] || null,
        source: source.trim(),
        destination: destination?.trim() || null,
        enabled: words.includes("enabled"),
        connected: words.includes("connected"),
        dynconnected: words.includes("dynconnected"),
        mtu: mtu ? Number(mtu[1]) : null,
      });
      return;
    }
    throw new ParseError(NODES, `unexpected line: "${t.slice(0, 80)}"`, line);
  });

  if (!seenLocal) throw new ParseError(NODES, toolError ?? "no \"Local node ID\" line found", null);
  return validated(ZCorosyncCfgtoolNodes, { nodeid, transport, nodes }, NODES);
}
