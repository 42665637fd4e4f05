import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { checkCodeFromSummary, withDeducedSeverity } from "./health-codes";
import { isObject, readJson, text, validated } from "./json";
import { ZCephHealthReport, type TCephCheck, type TCephHealthReport } from "./model";
import { readHealthJson } from "./parse-status-json";

const TEXT_FORMAT = "ceph-health-text";
const FIRST_LINE = /^(HEALTH_[A-Z]+)(?:\s+(.*))?$/;
const OCTOPUS_CHECK = /^\[(WRN|ERR|INF)\] ([A-Z][A-Z0-9_]+): (.*)$/;
const LUMINOUS_CHECK = /^([A-Z][A-Z0-9]*_[A-Z0-9_]+) (.*)$/;
const SEVERITY: Record<string, string> = { WRN: "HEALTH_WARN", ERR: "HEALTH_ERR", INF: "HEALTH_OK" };

// `ceph health` (one line: status + summaries joined by "; ") and `ceph health detail`: Octopus+
// "[WRN] CODE: summary", Luminous/Nautilus "CODE summary", each followed by indented detail lines;
// pre-Luminous detail lines follow the one-liner unindented and name no check.
export function parseCephHealthText(input: string): TCephHealthReport {
  const lines = inputLines(input);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) throw new ParseError(TEXT_FORMAT, "empty input");
  const head = FIRST_LINE.exec((lines[first] ?? "").trim());
  if (!head) throw new ParseError(TEXT_FORMAT, "expected HEALTH_OK, HEALTH_WARN or HEALTH_ERR", first + 1);
  const health = head[1] ?? null;
  const oneLiner = splitSummaries(head[2] ?? "");

  const detailed: TCephCheck[] = [];
  const loose: string[] = [];
  for (const raw of lines.slice(first + 1)) {
    if (raw.trim() === "") continue;
    const line = raw.trim();
    const current = detailed[detailed.length - 1];
    if (/^\s/.test(raw) && current) {
      current.detail.push(line);
      continue;
    }
    const oct = OCTOPUS_CHECK.exec(line);
    const lum = oct ? null : LUMINOUS_CHECK.exec(line);
    if (oct) detailed.push({ code: oct[2] ?? null, severity: SEVERITY[oct[1] ?? ""] ?? null, summary: oct[3] ?? "", detail: [] });
    else if (lum) detailed.push({ code: lum[1] ?? null, severity: null, summary: lum[2] ?? "", detail: [] });
    else loose.push(line);
  }
  const checks = detailed.length > 0 ? detailed : oneLiner.map(summaryCheck);
  return validated(TEXT_FORMAT, ZCephHealthReport, { health, checks: withDeducedSeverity(health, checks), detail: loose });
}

function splitSummaries(rest: string): string[] {
  const withoutMuted = rest.replace(/\s*\(muted: [^)]*\)\s*$/, "");
  return withoutMuted
    .split("; ")
    .map((s) => s.trim())
    .filter(Boolean);
}

function summaryCheck(summary: string): TCephCheck {
  return { code: checkCodeFromSummary(summary), severity: null, summary, detail: [] };
}

const JSON_FORMAT = "ceph-health-json";
const COMPAT_NOTE = /^'ceph health' JSON format has changed/;

// `ceph health [detail] -f json`: the same health object `ceph status` embeds.
export function parseCephHealthJson(input: string): TCephHealthReport {
  const data = readJson(JSON_FORMAT, input);
  if (!isObject(data) || !(text(data.status) ?? text(data.overall_status))) {
    throw new ParseError(JSON_FORMAT, "no status or overall_status: not `ceph health -f json` output");
  }
  const { health, checks } = readHealthJson(data);
  const detail = Array.isArray(data.detail)
    ? data.detail.map((d) => (isObject(d) ? text(d.message) : text(d))).filter((d) => d !== null && !COMPAT_NOTE.test(d))
    : [];
  return validated(JSON_FORMAT, ZCephHealthReport, { health, checks, detail });
}
