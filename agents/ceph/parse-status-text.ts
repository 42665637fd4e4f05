import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { checkCodeFromSummary, withDeducedSeverity } from "./health-codes";
import { validated } from "./json";
import { ZCephStatus, type TCephCheck, type TCephStatus } from "./model";
import { parseClientIo, parseCount, parseSize } from "./units";

const FORMAT = "ceph-status-text";

type Entry = { key: string; value: string; more: string[] };

// `ceph -s` / `ceph status` text. Two layouts: Luminous+ sections (cluster:/services:/data:/io:)
// with `key: value` rows, and the older one (cluster <fsid> / health / monmap / osdmap / pgmap rows
// with indented continuation lines). Both are read into entries: a key, its value and the deeper
// indented lines that follow it, so health detail and pg state rows stay with their key.
export function parseCephStatusText(input: string): TCephStatus {
  const lines = inputLines(input);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) throw new ParseError(FORMAT, "empty input");
  // Client warnings (keyring, auth) may precede the output on a copied terminal.
  const start = lines.findIndex((l) => /^\s*cluster(:\s*$|\s+\S)/.test(l));
  if (start < 0) {
    const head = (lines[first] ?? "").trim();
    throw new ParseError(FORMAT, `expected "cluster:" or "cluster <fsid>", found "${clip(head)}"`, first + 1);
  }
  const body = lines.slice(start);
  const entries = /^\s*cluster:\s*$/.test(body[0] ?? "") ? sectionEntries(body) : legacyEntries(body);
  const status = entries.some((e) => e.key === "health") ? build(entries) : null;
  if (!status) throw new ParseError(FORMAT, "no health line: truncated or not `ceph -s` output");
  return validated(FORMAT, ZCephStatus, status);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

const KEY_LINE = /^([A-Za-z][\w -]*?):(?:\s+(.*))?$/;

// Luminous+: a section header is a bare "name:" indented less than the section's keys (which may
// be indented oddly, as in hand-edited posts); a key line sits at the keys' indent; deeper lines
// continue the key above them.
function sectionEntries(lines: string[]): Entry[] {
  const entries: Entry[] = [];
  let keyIndent: number | null = null;
  let section = "";
  lines.forEach((raw) => {
    const line = raw.trimEnd();
    if (line.trim() === "") return;
    const indent = indentOf(line);
    const m = KEY_LINE.exec(line.trim());
    const last = entries[entries.length - 1];
    if (m && m[2] === undefined && (keyIndent === null || indent < keyIndent)) {
      section = (m[1] ?? "").trim();
      keyIndent = null;
      // Free-text sections (progress:) keep their lines away from the previous section's last key.
      entries.push({ key: `${section}:`, value: "", more: [] });
      return;
    }
    if (m && (keyIndent === null || indent <= keyIndent)) {
      keyIndent = indent;
      entries.push({ key: qualify(section, (m[1] ?? "").trim()), value: (m[2] ?? "").trim(), more: [] });
      return;
    }
    if (last) last.more.push(line.trim());
  });
  return entries;
}

// Keys are unique within a section; "client" appears in io: only, "health" in cluster: only.
function qualify(section: string, key: string): string {
  return section === "io" || section === "progress" ? `${section}.${key}` : key;
}

const LEGACY_KEYS = /^(cluster|health|monmap|mdsmap|fsmap|osdmap|pgmap|mgr|client io|recovery io|cache io)\b\s*:?\s*(.*)$/;

// Pre-Luminous: the keys are known words; their column drifts ("pgmap" is one space deeper), so
// any line that does not start with one continues the previous key.
function legacyEntries(lines: string[]): Entry[] {
  const entries: Entry[] = [];
  lines.forEach((raw) => {
    const line = raw.trim();
    if (line === "") return;
    const m = LEGACY_KEYS.exec(line);
    const last = entries[entries.length - 1];
    if (m && !(last && m[1] === "client io" && last.key === "pgmap")) {
      entries.push({ key: m[1] ?? "", value: (m[2] ?? "").trim(), more: [] });
    } else if (last) {
      last.more.push(line);
    }
  });
  return entries;
}

function build(entries: Entry[]): TCephStatus {
  const get = (key: string) => entries.find((e) => e.key === key);
  const health = get("health");
  const overall = health?.value.split(/\s+/)[0] || null;
  const status: TCephStatus = {
    health: overall,
    checks: withDeducedSeverity(overall, healthChecks(health?.more ?? [])),
    fsid: get("id")?.value || get("cluster")?.value || null,
    mons: { total: null, inQuorum: [] },
    mgr: null,
    osds: { total: null, up: null, in: null, remappedPgs: null },
    pgs: { total: null, byState: {}, degraded: null, misplaced: null },
    pools: null,
    objects: null,
    bytes: { used: null, avail: null, total: null, data: null },
    io: null,
  };
  readMon(status, get("mon"), get("monmap"));
  readMgr(status, get("mgr"));
  readOsd(status, get("osd") ?? get("osdmap"));
  readData(status, entries);
  const client = get("io.client") ?? get("client io");
  if (client) status.io = parseClientIo(client.value);
  return status;
}

// Each line under health is one check's summary; "(muted: CODE)" notes are not checks.
function healthChecks(lines: string[]): TCephCheck[] {
  return lines.filter((l) => !l.startsWith("(muted:")).map(textCheck);
}

function textCheck(summary: string): TCephCheck {
  return { code: checkCodeFromSummary(summary), severity: null, summary, detail: [] };
}

function readMon(status: TCephStatus, mon: Entry | undefined, monmap: Entry | undefined): void {
  if (mon) {
    // "3 daemons, quorum a,b,c (age 29m)" or "3 daemons, quorum a,b (age 1h), out of quorum: c"
    const m = /^(\d+) daemons?, quorum (\S+)/.exec(mon.value);
    if (m) status.mons = { total: Number(m[1]), inQuorum: (m[2] ?? "").split(",").filter(Boolean) };
    return;
  }
  if (!monmap) return;
  // "e1: 3 mons at {...}" then "election epoch 90, quorum 0,1,2 ceph1,ceph2,ceph3"
  const total = /(\d+) mons at/.exec(monmap.value);
  const quorum = monmap.more.map((l) => /quorum \S+ (\S+)/.exec(l)).find((q) => q !== null);
  status.mons = { total: total ? Number(total[1]) : null, inQuorum: quorum?.[1]?.split(",").filter(Boolean) ?? [] };
}

function readMgr(status: TCephStatus, mgr: Entry | undefined): void {
  if (!mgr) return;
  // "a(active, since 12h), standbys: b", "x(active)", "no daemons active", Kraken "active: x"
  const active = /^([^\s(,]+)\(active/.exec(mgr.value) ?? /^active: (\S+)/.exec(mgr.value);
  const standbys = /standbys: (.*)$/.exec(mgr.value);
  status.mgr = {
    active: active?.[1] ?? null,
    standbys: standbys?.[1]?.split(",").map((s) => s.trim()).filter(Boolean) ?? [],
  };
}

function readOsd(status: TCephStatus, osd: Entry | undefined): void {
  if (!osd) return;
  // "4 osds: 4 up (since 5m), 4 in (since 119s); 71 remapped pgs", "e100: 6 osds: 6 up, 6 in"
  const m = /(\d+) osds: (\d+) up(?: \([^)]*\))?, (\d+) in/.exec(osd.value);
  const remapped = /(\d+) remapped pgs/.exec([osd.value, ...osd.more].join(" "));
  status.osds = {
    total: m ? Number(m[1]) : null,
    up: m ? Number(m[2]) : null,
    in: m ? Number(m[3]) : null,
    remappedPgs: remapped ? Number(remapped[1]) : m ? 0 : null,
  };
}

const STATE_ROW = /^(\d+)\s+([a-z][a-z_+-]*)$/;
const RATIO_ROW = /^(?:recovery )?(\d+)\/(\d+) objects (degraded|misplaced) \((\d+(?:\.\d+)?)%\)/;
const USAGE = /^(.+?) used, (.+?) \/ (.+?) avail/;

// Luminous+ data: pools/objects/usage/pgs keys; pre-Luminous: all of it on the pgmap line and its
// continuation lines ("320 pgs, 5 pools, 1833 MB data, 493 objects").
function readData(status: TCephStatus, entries: Entry[]): void {
  const get = (key: string) => entries.find((e) => e.key === key);
  const pools = get("pools");
  if (pools) {
    const m = /^(\d+) pools?, (\d+) pgs/.exec(pools.value);
    if (m) {
      status.pools = Number(m[1]);
      status.pgs.total = Number(m[2]);
    }
  }
  const objects = get("objects");
  if (objects) {
    // "21 objects, 2.19K" / "1.81 k objects, 1.7 GiB" / "0 objects, 0 bytes"
    const m = /^(.+?) objects, (.+)$/.exec(objects.value);
    if (m) {
      status.objects = parseCount(m[1] ?? "");
      status.bytes.data = parseSize(m[2] ?? "");
    }
  }
  const usage = get("usage");
  if (usage) readUsage(status, usage.value);
  const pgs = get("pgs");
  if (pgs) readPgRows(status, [pgs.value, ...pgs.more]);

  const pgmap = get("pgmap");
  if (pgmap) {
    const m = /(\d+) pgs, (\d+) pools?, (.+?) data, (\S+) objects/.exec(pgmap.value);
    if (m) {
      status.pgs.total = Number(m[1]);
      status.pools = Number(m[2]);
      status.bytes.data = parseSize(m[3] ?? "");
      status.objects = parseCount(m[4] ?? "");
    }
    for (const line of pgmap.more) {
      if (USAGE.test(line)) readUsage(status, line);
      else if (line.startsWith("client io ")) status.io = parseClientIo(line.slice("client io ".length));
    }
    readPgRows(status, pgmap.more);
  }
  if (status.pgs.total === null && Object.keys(status.pgs.byState).length > 0) {
    status.pgs.total = Object.values(status.pgs.byState).reduce((a, b) => a + b, 0);
  }
}

function readUsage(status: TCephStatus, value: string): void {
  const m = USAGE.exec(value);
  if (!m) return;
  status.bytes.used = parseSize(m[1] ?? "");
  status.bytes.avail = parseSize(m[2] ?? "");
  status.bytes.total = parseSize(m[3] ?? "");
}

// Rows under pgs: "70.833% pgs not active" (skipped: derivable), "23/135 objects degraded
// (17.037%)", then "N state" rows whose count may be padded ("2  active+clean").
function readPgRows(status: TCephStatus, rows: string[]): void {
  for (const row of rows) {
    const state = STATE_ROW.exec(row);
    if (state) {
      const name = state[2] ?? "";
      status.pgs.byState[name] = (status.pgs.byState[name] ?? 0) + Number(state[1]);
      continue;
    }
    const ratio = RATIO_ROW.exec(row);
    if (ratio) {
      const value = { objects: Number(ratio[1]), total: Number(ratio[2]), percent: Number(ratio[4]) };
      if (ratio[3] === "degraded") status.pgs.degraded = value;
      else status.pgs.misplaced = value;
    }
  }
}
