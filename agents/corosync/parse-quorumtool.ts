import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZCorosyncQuorum, type TCorosyncQuorum, type TQdevice, type TQuorumNode } from "./model";

// corosync-quorumtool prints "Key:   value" blocks under titled sections, then a node table.
// pvecm status prints the same blocks (plus "Cluster information"), and docs copies underline
// titles with "~" instead of "-", so titles and underlines are matched loosely.
const TITLE = /^(Cluster|Quorum|Votequorum|Membership) information$/;
const UNDERLINE = /^[-~=]+$/;
const NODE_ID = /^(?:0x[0-9a-f]+|\d+)$/i;
const QDEVICE_FLAGS = /^(?:NR|N?A,N?V,[A-Z]+)$/;
// Messages corosync-quorumtool itself prints between the blocks when a query fails.
const TOOL_MESSAGE = /^(?:Unable to |Cannot |Quorum is not configured)/;

export type TStatusKey = { value: string; line: number };
export type TStatusSections = Map<string, Map<string, TStatusKey>>;

type TTable = { hasVotes: boolean; hasQdevice: boolean; line: number; rows: TQuorumNode[] };
type TPseudoRow = { votes: number; configuredVotes: number; name: string };

function parseNodeId(token: string, format: string, line: number | null): number {
  if (!NODE_ID.test(token)) throw new ParseError(format, `not a node id: "${token}"`, line);
  const id = /^0x/i.test(token) ? Number.parseInt(token.slice(2), 16) : Number(token);
  if (!Number.isSafeInteger(id) || id > 0xffffffff) throw new ParseError(format, `node id out of range: ${token}`, line);
  return id;
}

function parseCount(key: TStatusKey | undefined, format: string): number | null {
  if (!key) return null;
  const m = /^(\d+)\b/.exec(key.value);
  if (!m?.[1]) throw new ParseError(format, `expected a number, got "${key.value}"`, key.line);
  return Number(m[1]);
}

function yesNo(key: TStatusKey | undefined, format: string): boolean | null {
  if (!key) return null;
  const v = key.value.toLowerCase();
  if (v === "yes" || v === "on" || v === "1") return true;
  if (v === "no" || v === "off" || v === "0") return false;
  throw new ParseError(format, `expected yes/no, got "${key.value}"`, key.line);
}

// corosync-quorumtool -m repeats the whole report; the last one is the current state.
function lastReport(lines: string[]): { lines: string[]; offset: number } {
  let last = -1;
  let count = 0;
  lines.forEach((l, i) => {
    if (l.trim() === "Quorum information") {
      last = i;
      count++;
    }
  });
  return count > 1 ? { lines: lines.slice(last), offset: last } : { lines, offset: 0 };
}

function parseRow(text: string, table: TTable, format: string, line: number): TQuorumNode | TPseudoRow {
  const tokens = text.split(/\s+/);
  const nodeid = parseNodeId(tokens[0] ?? "", format, line);
  let i = 1;
  let votes: number | null = null;
  if (table.hasVotes) {
    const v = tokens[i++] ?? "";
    if (!/^\d+$/.test(v)) throw new ParseError(format, `expected a vote count, got "${v}"`, line);
    votes = Number(v);
  }
  let qdeviceFlags: string | null = null;
  if (table.hasQdevice && nodeid !== 0 && QDEVICE_FLAGS.test(tokens[i] ?? "")) qdeviceFlags = tokens[i++] ?? null;
  let rest = tokens.slice(i).join(" ");

  // Node id 0 is votequorum's pseudo node for the quorum device, never a cluster member.
  if (nodeid === 0) {
    let configuredVotes = votes ?? 0;
    const suffix = rest.lastIndexOf(" (votes ");
    if (suffix >= 0 && rest.endsWith(")")) {
      const n = rest.slice(suffix + 8, -1);
      if (/^\d+$/.test(n)) {
        configuredVotes = Number(n);
        rest = rest.slice(0, suffix);
      }
    }
    return { votes: votes ?? 0, configuredVotes, name: rest || "Qdevice" };
  }
  const local = rest === "(local)" || rest.endsWith(" (local)");
  if (local) rest = rest.slice(0, -"(local)".length).trimEnd();
  return { nodeid, votes, name: rest === "" ? null : rest, local, qdeviceFlags };
}

function qdeviceFrom(pseudo: TPseudoRow, nodes: TQuorumNode[]): TQdevice {
  const flagged = nodes.find((n) => n.local && n.qdeviceFlags) ?? nodes.find((n) => n.qdeviceFlags);
  const flags = flagged?.qdeviceFlags ?? null;
  if (flags === null || flags === "NR") {
    return {
      ...pseudo,
      alive: null,
      castVote: null,
      masterWins: null,
      state: flags === "NR" ? "not-registered" : null,
    };
  }
  const [a, v, mw] = flags.split(",");
  const alive = a === "A";
  const castVote = v === "V";
  return {
    ...pseudo,
    alive,
    castVote,
    masterWins: mw === "MW",
    state: !alive ? "not-alive" : castVote ? "voting" : "alive-not-voting",
  };
}

// Reads the quorum report out of lines; also returns every "Key: value" per section so
// pvecm status can pick its "Cluster information" block from the same pass.
export function readQuorumReport(
  allLines: string[],
  format: string,
): { quorum: TCorosyncQuorum; sections: TStatusSections } {
  const { lines, offset } = lastReport(allLines);
  const sections: TStatusSections = new Map();
  const titles = new Set<string>();
  let section = "";
  let table: TTable | null = null;
  let pseudo: TPseudoRow | null = null;

  lines.forEach((raw, idx) => {
    const line = idx + offset + 1;
    const text = raw.trim();
    if (text === "" || UNDERLINE.test(text)) return;
    const title = TITLE.exec(text);
    if (title?.[1]) {
      section = title[1];
      titles.add(section);
      return;
    }
    if (/^Nodeid\b/.test(text)) {
      const columns = text.split(/\s+/);
      table = { hasVotes: columns.includes("Votes"), hasQdevice: columns.includes("Qdevice"), line, rows: [] };
      section = "Membership";
      return;
    }
    const current: TTable | null = table;
    if (current && NODE_ID.test(text.split(/\s/, 1)[0] ?? "")) {
      const row = parseRow(text, current, format, line);
      if ("nodeid" in row) current.rows.push(row);
      else pseudo = row;
      return;
    }
    const colon = text.indexOf(":");
    if (colon > 0) {
      const key = text.slice(0, colon).trim();
      let keys = sections.get(section);
      if (!keys) sections.set(section, (keys = new Map()));
      keys.set(key, { value: text.slice(colon + 1).trim(), line });
      return;
    }
    if (TOOL_MESSAGE.test(text)) return;
    throw new ParseError(format, `unexpected line: "${text.slice(0, 80)}"`, line);
  });

  const get = (key: string): TStatusKey | undefined =>
    sections.get("Quorum")?.get(key) ?? sections.get("Votequorum")?.get(key) ?? sections.get("")?.get(key);
  const finalTable = table as TTable | null;

  if (titles.has("Quorum") && !get("Quorate")) {
    throw new ParseError(format, "truncated: Quorum information has no Quorate line", null);
  }
  if (titles.has("Votequorum")) {
    for (const key of ["Expected votes", "Total votes", "Quorum", "Flags"]) {
      if (!get(key)) throw new ParseError(format, `truncated: Votequorum information has no "${key}" line`, null);
    }
    if (!finalTable) throw new ParseError(format, "truncated: no Membership information after Votequorum", null);
  }
  if (titles.has("Membership") && !finalTable) throw new ParseError(format, "truncated: no node table", null);
  if (finalTable && finalTable.rows.length === 0) {
    throw new ParseError(format, "truncated: node table has no rows", finalTable.line);
  }
  if (!finalTable && !get("Quorate") && !get("Expected votes")) {
    throw new ParseError(format, "no quorum information or membership table found", null);
  }

  const nodes = finalTable?.rows ?? [];
  const flagsKey = get("Flags");
  const flags = flagsKey ? flagsKey.value.split(/\s+/).filter((f) => f !== "") : null;
  const quorumKey = get("Quorum");
  const nodeIdKey = get("Node ID");
  const quorum = {
    quorate: yesNo(get("Quorate"), format) ?? (flags ? flags.includes("Quorate") : null),
    expectedVotes: parseCount(get("Expected votes"), format),
    totalVotes: parseCount(get("Total votes"), format),
    quorum: parseCount(quorumKey, format),
    flags,
    nodes,
    qdevice: pseudo ? qdeviceFrom(pseudo, nodes) : null,
    localNodeId: nodeIdKey
      ? parseNodeId(nodeIdKey.value, format, nodeIdKey.line)
      : (nodes.find((n) => n.local)?.nodeid ?? null),
    memberCount: parseCount(get("Nodes"), format),
    ringId: get("Ring ID")?.value || null,
    quorumProvider: (get("Quorum provider") ?? get("Quorum type"))?.value || null,
    highestExpected: parseCount(get("Highest expected"), format),
    activityBlocked: quorumKey ? quorumKey.value.includes("Activity blocked") : null,
    twoNode: flags ? flags.includes("2Node") : null,
    waitForAll: flags ? flags.includes("WaitForAll") : null,
  };
  return { quorum: validated(ZCorosyncQuorum, quorum, format), sections };
}

export function parseCorosyncQuorum(text: string): TCorosyncQuorum {
  return readQuorumReport(inputLines(text), "corosync-quorum").quorum;
}
