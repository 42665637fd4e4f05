import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { counter, decimal, isObject, readJson, text, validated } from "./json";
import { ZCephOsdDf, type TCephOsdDf, type TCephOsdUsage } from "./model";
import { parseSize } from "./units";

const TEXT_FORMAT = "ceph-osd-df-text";
const JSON_FORMAT = "ceph-osd-df-json";

// Multi-word headers, and a size printed as two tokens since Nautilus ("256 MiB").
const HEADER_WORDS = /RAW USE|TYPE NAME|\S+/g;
const UNIT = /^(B|bytes|[KMGTPE]i?B|kB)$/;

// `ceph osd df` text: Jewel (ID WEIGHT REWEIGHT SIZE USE AVAIL %USE VAR PGS, sizes "10236M") to
// Squid (ID CLASS WEIGHT REWEIGHT SIZE RAW USE DATA OMAP META AVAIL %USE VAR PGS STATUS, sizes
// "256 MiB"), then a TOTAL row and "MIN/MAX VAR: a/b  STDDEV: c". `ceph osd df tree` adds TYPE
// NAME: its bucket rows (negative ids) are skipped.
export function parseCephOsdDfText(input: string): TCephOsdDf {
  const lines = inputLines(input);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) throw new ParseError(TEXT_FORMAT, "empty input");
  const columns: string[] = (lines[first] ?? "").trim().match(HEADER_WORDS) ?? [];
  if (columns[0] !== "ID" || !columns.includes("AVAIL")) {
    throw new ParseError(TEXT_FORMAT, "expected the ID ... AVAIL header of `ceph osd df`", first + 1);
  }
  const result: TCephOsdDf = { osds: [], total: null, minVar: null, maxVar: null, stddev: null };
  lines.slice(first + 1).forEach((line, i) => {
    const lineNo = first + 2 + i;
    const trimmed = line.trim();
    if (trimmed === "") return;
    const vars = /^MIN\/MAX VAR:\s*(\S+?)\/(\S+)\s+STDDEV:\s*(\S+)/.exec(trimmed);
    if (vars) {
      result.minVar = finite(vars[1]);
      result.maxVar = finite(vars[2]);
      result.stddev = finite(vars[3]);
      return;
    }
    const values = joinUnits(trimmed.split(/\s+/));
    if (values[0] === "TOTAL") {
      const at = columns.indexOf("SIZE");
      const cell = (name: string) => {
        const c = columns.indexOf(name);
        return c < 0 ? undefined : values[1 + c - at];
      };
      result.total = {
        sizeBytes: sizeOrNull(cell("SIZE")),
        usedBytes: sizeOrNull(cell("RAW USE") ?? cell("USE")),
        availBytes: sizeOrNull(cell("AVAIL")),
        utilization: finite(cell("%USE")),
      };
      return;
    }
    const id = Number(values[0]);
    if (!Number.isInteger(id)) throw new ParseError(TEXT_FORMAT, `expected a numeric ID, found "${values[0]}"`, lineNo);
    if (id < 0) return;
    const cols = columns.includes("CLASS") && values.length === columns.length - 1 ? columns.filter((c) => c !== "CLASS") : columns;
    const cell = (name: string) => {
      const at = cols.indexOf(name);
      return at < 0 ? undefined : values[at];
    };
    result.osds.push({
      id,
      class: cell("CLASS") ?? null,
      weight: finite(cell("WEIGHT")),
      reweight: finite(cell("REWEIGHT")),
      sizeBytes: sizeOrNull(cell("SIZE")),
      usedBytes: sizeOrNull(cell("RAW USE") ?? cell("USE")),
      availBytes: sizeOrNull(cell("AVAIL")),
      utilization: finite(cell("%USE")),
      variance: finite(cell("VAR")),
      pgs: finite(cell("PGS")),
      status: cell("STATUS") ?? null,
    });
  });
  return validated(TEXT_FORMAT, ZCephOsdDf, result);
}

function joinUnits(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (UNIT.test(t) && prev !== undefined && /^\d+(\.\d+)?$/.test(prev)) out[out.length - 1] = `${prev} ${t}`;
    else out.push(t);
  }
  return out;
}

function finite(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n + 0 : null;
}

function sizeOrNull(value: string | undefined): number | null {
  return value === undefined ? null : parseSize(value);
}

// `ceph osd df [tree] -f json`: nodes[] with kb/kb_used/kb_avail (KiB) and summary{total_kb...}.
export function parseCephOsdDfJson(input: string): TCephOsdDf {
  const data = readJson(JSON_FORMAT, input);
  if (!isObject(data) || !Array.isArray(data.nodes)) {
    throw new ParseError(JSON_FORMAT, "no nodes array: not `ceph osd df -f json` output");
  }
  const kib = (v: unknown) => {
    const n = counter(v);
    return n === null ? null : n * 1024;
  };
  const osds = data.nodes.filter(isObject).flatMap((n): TCephOsdUsage[] => {
    const id = counter(n.id);
    if (id === null || (text(n.type) ?? "osd") !== "osd") return [];
    return [
      {
        id,
        class: text(n.device_class),
        weight: decimal(n.crush_weight),
        reweight: decimal(n.reweight),
        sizeBytes: kib(n.kb),
        usedBytes: kib(n.kb_used),
        availBytes: kib(n.kb_avail),
        utilization: decimal(n.utilization),
        variance: decimal(n.var),
        pgs: counter(n.pgs),
        status: text(n.status),
      },
    ];
  });
  const s = isObject(data.summary) ? data.summary : null;
  return validated(JSON_FORMAT, ZCephOsdDf, {
    osds,
    total: s
      ? {
          sizeBytes: kib(s.total_kb),
          usedBytes: kib(s.total_kb_used),
          availBytes: kib(s.total_kb_avail),
          utilization: decimal(s.average_utilization),
        }
      : null,
    minVar: s ? decimal(s.min_var) : null,
    maxVar: s ? decimal(s.max_var) : null,
    stddev: s ? decimal(s.dev) : null,
  });
}
