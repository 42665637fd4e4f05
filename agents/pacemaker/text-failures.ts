import type { TPacemakerFailure } from "./model";
import { nonEmpty, parseOpKey, parseReadableInterval } from "./normalize";

// The "Failed (Resource) Actions" entries of crm_mon text output, in every form Pacemaker
// has printed them. Each regex is anchored and its lazy parts end at fixed text, and lines
// are length-capped by the caller, so no input can make these backtrack badly.

// 1.1.12 – 2.x technical form; 1.1 prints `status=complete,`, 2.x `status='Done'`. The entry
// may continue on following lines (`exitreason='...',` / `last-rc-change='...', queued=...`).
const TECHNICAL = /^(\S+) on (\S+) '([^']*)' \((-?\d+)\): call=([^,]*), status=('?)([^,']*)\6,?(.*)$/;
// 1.1.10/1.1.11: `p_vip_monitor_10000 (node=n2, call=20, rc=7, status=complete, ...): not running`
const LEGACY = /^(\S+) \(node=([^,]+), call=([^,]*), rc=(-?\d+), status=([^,)]*)(.*)\): (.*)$/;
// 2.1+ prose: `kubelet 1m-interval monitor on master-0 returned 'not running' (inactive) at <date> after 1.3s`
// or `... on <node> could not be executed (<status>[: <reason>]) at <date>`.
const PROSE =
  /^(\S+) (?:(\S+)-interval )?(\S+) on (\S+) (?:returned '([^']*)'(?: \((.*?)\))?|could not be executed \(([^:)]*)(?:: (.*?))?\))(?: at (.+?))?(?: after (\S+))?$/;

export type TFailureDraft = { failure: TPacemakerFailure; continues: boolean };

function fromOpKey(key: string): Pick<TPacemakerFailure, "resource" | "operation" | "intervalMs"> {
  const parsed = parseOpKey(key);
  if (parsed === null) return { resource: key, operation: "unknown", intervalMs: null };
  return { resource: parsed.resource, operation: parsed.operation, intervalMs: parsed.intervalMs };
}

function quoted(text: string, key: string): string | null {
  // The value ends at the quote that is followed by the next known key or the line end, so a
  // reason with quotes or commas inside survives.
  const m = new RegExp(`${key}='(.*?)'(?=,\\s*(?:last-rc-change|queued|exec|exitreason)=|,?\\s*$)`).exec(text);
  return m === null ? null : nonEmpty(m[1]);
}

// Adds the key=value details a technical entry carries on its first or continuation lines.
export function addFailureDetails(failure: TPacemakerFailure, text: string): void {
  failure.exitReason ??= quoted(text, "exitreason");
  failure.lastRcChange ??= quoted(text, "last-rc-change");
}

export function parseFailureLine(line: string): TFailureDraft | null {
  const technical = TECHNICAL.exec(line);
  if (technical !== null) {
    const failure: TPacemakerFailure = {
      ...fromOpKey(technical[1] ?? ""),
      node: nonEmpty(technical[2]),
      exitReason: null,
      opKey: nonEmpty(technical[1]),
      exitStatus: nonEmpty(technical[3]),
      exitCode: Number(technical[4]),
      status: nonEmpty(technical[7]),
      call: /^\d+$/.test(technical[5] ?? "") ? Number(technical[5]) : null,
      lastRcChange: null,
    };
    const rest = technical[8] ?? "";
    addFailureDetails(failure, rest);
    // 1.1 and 2.0 end the first line with a comma when details follow on the next line.
    return { failure, continues: /,\s*$/.test(line) };
  }
  const legacy = LEGACY.exec(line);
  if (legacy !== null) {
    const failure: TPacemakerFailure = {
      ...fromOpKey(legacy[1] ?? ""),
      node: nonEmpty(legacy[2]),
      exitReason: null,
      opKey: nonEmpty(legacy[1]),
      exitStatus: nonEmpty(legacy[7]),
      exitCode: Number(legacy[4]),
      status: nonEmpty(legacy[5]),
      call: /^\d+$/.test(legacy[3] ?? "") ? Number(legacy[3]) : null,
      lastRcChange: nonEmpty(/last-rc-change=([^,]*)/.exec(legacy[6] ?? "")?.[1]?.replace(/^'|'$/g, "")),
    };
    return { failure, continues: false };
  }
  const prose = PROSE.exec(line);
  if (prose !== null) {
    const readableOp = prose[3] ?? "";
    const interval = prose[2] === undefined ? 0 : parseReadableInterval(prose[2]);
    const failure: TPacemakerFailure = {
      resource: prose[1] ?? "",
      node: nonEmpty(prose[4]),
      // Pacemaker shows a zero-interval monitor as "probe"; the op key (and XML) say monitor.
      operation: readableOp === "probe" ? "monitor" : readableOp,
      exitReason: nonEmpty(prose[6] ?? prose[8]),
      opKey: null,
      intervalMs: interval,
      exitStatus: nonEmpty(prose[5]),
      exitCode: null,
      status: prose[5] !== undefined ? "Done" : nonEmpty(prose[7]),
      call: null,
      lastRcChange: nonEmpty(prose[9]),
    };
    return { failure, continues: false };
  }
  return null;
}
