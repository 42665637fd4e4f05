import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { ZPvesrStatus, type TPvesrStatus } from "./model-status";

const FORMAT = "pvesr-status";

// printf "%-10s %-10s %-20s %20s %20s %10s %10s %s" (JobID Enabled Target LastSync NextSync
// Duration FailCount State); PVE 5/6 printed the same without the Enabled column. Widths
// overflow with long targets, so columns are whitespace-separated tokens and State is the rest
// of the line: "OK", "SYNCING" or the full error text with its spaces.
// Applied to the line with trailing blanks removed, so the State tail cannot backtrack.
const ROW = /^\s*(\d+-\d+)\s+(?:(yes|no)\s+)?(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?:\s+(.+))?$/i;
const JOB_START = /^\s*\d+-\d+(\s|$)/;
const HEADER = /^\s*JobID\s/;
const TIME = /^\d{4}-\d{2}-\d{2}_\d{2}:\d{2}:\d{2}$/;

export function parsePvesrStatus(text: string): TPvesrStatus {
  const lines = inputLines(text);
  const jobs: TPvesrStatus["jobs"] = [];
  let sawHeader = false;

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === "") return;
    if (HEADER.test(raw)) {
      sawHeader = true;
      return;
    }
    const row = ROW.exec(raw.trimEnd());
    if (!row) {
      const previous = jobs[jobs.length - 1];
      // An error text with embedded newlines continues on the following lines.
      if (previous && !JOB_START.test(raw) && !previous.ok && !previous.syncing) {
        previous.state = `${previous.state}\n${raw.trim()}`;
        return;
      }
      throw new ParseError(FORMAT, `not a pvesr status row: "${raw.trim().slice(0, 80)}"`, lineNo);
    }
    const [, id = "", enabled, targetRaw = "", last = "", next = "", duration = "", failCount = "", state] = row;
    if (state === undefined) throw new ParseError(FORMAT, `job ${id} has no State column (truncated?)`, lineNo);
    if (last !== "-" && !TIME.test(last)) throw new ParseError(FORMAT, `job ${id}: LastSync "${last}" unreadable`, lineNo);
    if (next !== "-" && next !== "pending" && !TIME.test(next)) {
      throw new ParseError(FORMAT, `job ${id}: NextSync "${next}" unreadable`, lineNo);
    }
    // Perl prints very short durations in exponent form (5e-05).
    if (duration !== "-" && !/^\d+(\.\d+)?(e[-+]?\d+)?$/i.test(duration)) {
      throw new ParseError(FORMAT, `job ${id}: Duration "${duration}" is not a number`, lineNo);
    }
    if (!/^\d+$/.test(failCount)) throw new ParseError(FORMAT, `job ${id}: FailCount "${failCount}" is not a number`, lineNo);
    const [guest, jobnum] = id.split("-").map(Number);
    jobs.push({
      id,
      guest: guest ?? null,
      jobnum: jobnum ?? null,
      enabled: enabled === undefined ? null : enabled.toLowerCase() === "yes",
      // The target column is the plugin's unique target id, "local/<node>" for local jobs.
      target: targetRaw.slice(targetRaw.lastIndexOf("/") + 1),
      targetRaw,
      lastSync: last === "-" ? null : last,
      nextSync: next === "-" ? null : next,
      pending: next === "pending",
      duration: duration === "-" ? null : Number(duration),
      failCount: Number(failCount),
      state,
      syncing: state === "SYNCING",
      ok: state === "OK",
    });
  });

  if (!sawHeader && jobs.length === 0) throw new ParseError(FORMAT, "no JobID header and no job rows");
  return ZPvesrStatus.parse({ jobs });
}
