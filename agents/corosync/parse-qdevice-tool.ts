import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZQdeviceToolStatus, ZQnetdTool, type TQdeviceToolStatus, type TQnetdTool } from "./model";

const QDEVICE = "qdevice-tool";
const QNETD = "qnetd-tool";

type TKeys = Map<string, string>;

function splitKey(t: string): [string, string] | null {
  const colon = t.indexOf(":");
  return colon > 0 ? [t.slice(0, colon).trim(), t.slice(colon + 1).trim()] : null;
}

function nodeList(value: string | undefined, format: string): number[] {
  if (!value) return [];
  return value.split(",").map((v) => {
    const id = v.trim();
    if (!/^\d+$/.test(id)) throw new ParseError(format, `bad node list "${value}"`, null);
    return Number(id);
  });
}

function num(value: string | undefined): number | null {
  const m = value ? /^(\d+)/.exec(value) : null;
  return m ? Number(m[1]) : null;
}

function yes(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  return /^yes\b/i.test(value);
}

// "ACK (ACK)" = current vote, then the last vote sent in parentheses.
function splitVote(value: string | undefined): { vote: string | null; lastSentVote: string | null } {
  if (!value) return { vote: null, lastSentVote: null };
  const open = value.lastIndexOf(" (");
  if (open < 0 || !value.endsWith(")")) return { vote: value, lastSentVote: null };
  return { vote: value.slice(0, open), lastSentVote: value.slice(open + 2, -1) };
}

// corosync-qdevice-tool -s [-v]: "Qdevice information" and "Qdevice-net information" blocks.
export function parseQdeviceTool(text: string): TQdeviceToolStatus {
  const keys: TKeys = new Map();
  const lists = new Map<string, { nodeid: number; state: string | null }[]>();
  let list: string | null = null;
  let titled = false;
  let netSection = false;

  inputLines(text).forEach((raw, idx) => {
    const line = idx + 1;
    const t = raw.trim();
    if (t === "" || /^[-~=]+$/.test(t)) return;
    if (t === "Qdevice information") {
      titled = true;
      return;
    }
    if (t === "Qdevice-net information") {
      netSection = true;
      return;
    }
    const item = /^\d+\s+Node ID = (\d+)(?:,\s*State = (.+))?/.exec(t);
    if (item?.[1] && list) {
      lists.get(list)?.push({ nodeid: Number(item[1]), state: item[2]?.trim() ?? null });
      return;
    }
    const kv = splitKey(t);
    if (!kv) throw new ParseError(QDEVICE, `unexpected line: "${t.slice(0, 80)}"`, line);
    const [key, value] = kv;
    list = null;
    if (value === "" && key.endsWith("node list")) {
      list = key;
      lists.set(key, []);
      return;
    }
    keys.set(key, value);
  });

  if (!titled && !keys.has("Model")) throw new ParseError(QDEVICE, "no \"Qdevice information\" block found", null);
  const host = keys.get("QNetd host");
  const portAt = host ? host.lastIndexOf(":") : -1;
  const state = keys.get("State");
  const status = {
    model: keys.get("Model") ?? null,
    nodeid: num(keys.get("Node ID")),
    configuredNodes: (lists.get("Configured node list") ?? []).map((n) => n.nodeid),
    membershipNodes: nodeList(keys.get("Membership node list"), QDEVICE),
    quorumNodes: lists.get("Quorum node list") ?? [],
    quorate: yes(keys.get("Quorate")),
    ringId: keys.get("Ring ID") ?? null,
    expectedVotes: num(keys.get("Expected votes")),
    heuristics: keys.get("Heuristics") ?? null,
    lastPollCall: keys.get("Last poll call") ?? null,
    net:
      netSection || host !== undefined
        ? {
            clusterName: keys.get("Cluster name") ?? null,
            host: host === undefined ? null : portAt > 0 ? host.slice(0, portAt) : host,
            port: host !== undefined && portAt > 0 ? num(host.slice(portAt + 1)) : null,
            algorithm: keys.get("Algorithm") ?? null,
            tieBreaker: keys.get("Tie-breaker") ?? null,
            state: state ?? null,
            connected: state === undefined ? null : state === "Connected",
            tlsActive: yes(keys.get("TLS active")),
            connectedSince: keys.get("Connected since") ?? null,
          }
        : null,
  };
  return validated(ZQdeviceToolStatus, status, QDEVICE);
}

// corosync-qnetd-tool -l [-v] (clusters and their nodes) and -s (server status lines).
export function parseQnetdTool(text: string): TQnetdTool {
  const status: TKeys = new Map();
  const clusters: { name: string; keys: TKeys; nodes: { nodeid: number; keys: TKeys }[] }[] = [];

  inputLines(text).forEach((raw, idx) => {
    const line = idx + 1;
    const t = raw.trim();
    if (t === "") return;
    const cluster = /^Cluster "(.*)":$/.exec(t);
    if (cluster) {
      clusters.push({ name: cluster[1] ?? "", keys: new Map(), nodes: [] });
      return;
    }
    const current = clusters[clusters.length - 1];
    const node = /^Node ID (\d+):$/.exec(t);
    if (node?.[1]) {
      if (!current) throw new ParseError(QNETD, "node listed outside a cluster", line);
      current.nodes.push({ nodeid: Number(node[1]), keys: new Map() });
      return;
    }
    const kv = splitKey(t);
    if (!kv) throw new ParseError(QNETD, `unexpected line: "${t.slice(0, 80)}"`, line);
    const target = current?.nodes[current.nodes.length - 1]?.keys ?? current?.keys ?? status;
    target.set(kv[0], kv[1]);
  });

  if (clusters.length === 0 && status.size === 0) throw new ParseError(QNETD, "no clusters or status lines found", null);
  const result = {
    status: {
      address: status.get("QNetd address") ?? null,
      tls: status.get("TLS") ?? null,
      connectedClients: num(status.get("Connected clients")),
      connectedClusters: num(status.get("Connected clusters")),
    },
    clusters: clusters.map((c) => ({
      name: c.name,
      algorithm: c.keys.get("Algorithm") ?? null,
      tieBreaker: c.keys.get("Tie-breaker") ?? null,
      nodes: c.nodes.map((n) => ({
        nodeid: n.nodeid,
        clientAddress: n.keys.get("Client address") ?? null,
        configuredNodes: nodeList(n.keys.get("Configured node list"), QNETD),
        membershipNodes: nodeList(n.keys.get("Membership node list"), QNETD),
        ringId: n.keys.get("Ring ID") ?? null,
        heuristics: n.keys.get("Heuristics") ?? null,
        tlsActive: yes(n.keys.get("TLS active")),
        ...splitVote(n.keys.get("Vote")),
      })),
    })),
  };
  return validated(ZQnetdTool, result, QNETD);
}
