import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { ZQmMigrateLog, type TQmMigrateLog } from "./model-status";

const FORMAT = "qm-migrate-log";

// Task log lines carry a `YYYY-MM-DD HH:MM:SS` prefix (PVE 5+) or `Mon DD HH:MM:SS` (PVE 4);
// remote stderr, drive-mirror progress and storage plugin notices come without one.
const ISO_TIME = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (.*)$/;
const OLD_TIME = /^([A-Z][a-z]{2} [ \d]?\d \d{2}:\d{2}:\d{2}) (.*)$/;

const START = /^starting migration of (VM|CT) (\d+) to node '([^']+)'(?: \(([^)]*)\))?/;
const HA_REQUEST = /^requesting HA (?:migration|relocate) for (VM|CT) (\d+) to node (\S+)/i;
const SHUTDOWN_CT = /^shutdown CT (\d+)/;
const ONLINE = /^(starting online\/live migration|start migrate command|starting VM \d+ on remote node|migration (status: )?active|migrate_set_speed|set migration cap)/;
// PVE 4/5: "migration status: active (transferred N, remaining N), total N)" — the paren is
// unbalanced as printed; some builds render the numbers with units.
const STATUS_ACTIVE = /^migration status: active \(transferred ([\d.]+(?: ?[KMGTP]?i?B)?), remaining ([\d.]+(?: ?[KMGTP]?i?B)?)\), total ([\d.]+(?: ?[KMGTP]?i?B)?)\)/;
// PVE 7+: "migration active, transferred 1.2 GiB of 4.0 GiB VM-state, 110.4 MiB/s".
const ACTIVE_OF = /^migration active, transferred ([\d.]+ ?[KMGTP]?i?B) of ([\d.]+ ?[KMGTP]?i?B) VM-state/;
const SPEED = /^(?:average )?migration speed: (.+?) - downtime (\d+) ms/;
const DURATION = /\(duration (\d+):(\d{2}):(\d{2})\)/;
// The task viewer's title "VM 100 - Migrate (pve1 ---> pve2)"; the only place naming the source.
const SOURCE_ARROW = /\(([^\s()]+) -+> ([^\s()]+)\)/;
const UPID = /UPID:([^:\s]+):[0-9A-F]+:[0-9A-F]+:[0-9A-F]+:(?:qmigrate|vzmigrate|hamigrate):(\d+):/i;

const UNIT_POWER: Record<string, number> = { "": 0, K: 1, M: 2, G: 3, T: 4, P: 5 };

function bytes(text: string): number | null {
  const m = /^([\d.]+) ?([KMGTP]?)i?B?$/.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return null;
  return Math.round(value * 1024 ** (UNIT_POWER[m[2] ?? ""] ?? 0));
}

export function parseQmMigrateLog(text: string): TQmMigrateLog {
  const lines = inputLines(text).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new ParseError(FORMAT, "empty input");

  const result: TQmMigrateLog = {
    vmid: null,
    source: null,
    target: null,
    online: false,
    ok: false,
    durationSeconds: null,
    downtimeMs: null,
    errors: [],
    guestType: null,
    targetAddress: null,
    restart: false,
    ha: false,
    finished: false,
    taskStatus: null,
    warnings: [],
    progress: null,
    speed: null,
    startedAt: null,
    endedAt: null,
    lines: lines.length,
  };
  let recognised = 0;
  let succeeded = false;
  let failed = false;
  const seenErrors = new Set<string>();
  const addError = (message: string) => {
    if (message === "" || seenErrors.has(message)) return;
    seenErrors.add(message);
    result.errors.push(message);
  };

  for (const raw of lines) {
    let message = raw.trim();
    const stamped = ISO_TIME.exec(message) ?? OLD_TIME.exec(message);
    if (stamped) {
      result.startedAt ??= stamped[1] ?? null;
      result.endedAt = stamped[1] ?? null;
      message = (stamped[2] ?? "").trim();
    }

    const upid = UPID.exec(message);
    if (upid) {
      result.source ??= upid[1] ?? null;
      result.vmid ??= Number(upid[2]);
    }
    const arrow = SOURCE_ARROW.exec(message);
    if (arrow) {
      result.source ??= arrow[1] ?? null;
      result.target ??= arrow[2] ?? null;
    }

    const task = /^TASK (OK|ERROR|WARNINGS)(?::\s*(.*))?$/.exec(message);
    if (task) {
      recognised++;
      result.taskStatus = task[1] as "OK" | "ERROR" | "WARNINGS";
      if (task[1] === "ERROR") addError((task[2] ?? "").trim());
      continue;
    }
    const error = /^ERROR: (.*)$/.exec(message);
    if (error) {
      addError((error[1] ?? "").trim());
      message = (error[1] ?? "").trim();
    }
    const warning = /^(?:WARN|WARNING): (.*)$/.exec(message);
    if (warning) result.warnings.push((warning[1] ?? "").trim());

    const start = START.exec(message);
    if (start) {
      recognised++;
      result.guestType = start[1] === "CT" ? "lxc" : "qemu";
      result.vmid = Number(start[2]);
      result.target = start[3] ?? null;
      result.targetAddress = start[4] ?? null;
      continue;
    }
    const haRequest = HA_REQUEST.exec(message);
    if (haRequest) {
      recognised++;
      result.ha = true;
      result.guestType ??= haRequest[1] === "CT" ? "lxc" : "qemu";
      result.vmid ??= Number(haRequest[2]);
      result.target ??= haRequest[3] ?? null;
      continue;
    }
    if (/^task started by HA resource agent/.test(message)) {
      result.ha = true;
      continue;
    }
    const shutdown = SHUTDOWN_CT.exec(message);
    if (shutdown || /^start container on target node/.test(message)) {
      recognised++;
      result.restart = true;
      result.guestType = "lxc";
      if (shutdown) result.vmid ??= Number(shutdown[1]);
      continue;
    }
    if (ONLINE.test(message)) {
      recognised++;
      result.online = true;
    }
    const active = STATUS_ACTIVE.exec(message);
    if (active) {
      result.progress = {
        transferred: bytes(active[1] ?? ""),
        remaining: bytes(active[2] ?? ""),
        total: bytes(active[3] ?? ""),
      };
      continue;
    }
    const activeOf = ACTIVE_OF.exec(message);
    if (activeOf) {
      result.progress = { transferred: bytes(activeOf[1] ?? ""), remaining: null, total: bytes(activeOf[2] ?? "") };
      continue;
    }
    const speed = SPEED.exec(message);
    if (speed) {
      recognised++;
      result.speed = speed[1] ?? null;
      result.downtimeMs = Number(speed[2]);
      continue;
    }
    const outcome = /^migration (finished successfully|aborted|finished with problems)\b/.exec(message);
    if (outcome) {
      recognised++;
      if (outcome[1] === "finished successfully") succeeded = true;
      else failed = true;
      const duration = DURATION.exec(message);
      if (duration) {
        result.durationSeconds = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
      }
    }
  }

  if (recognised === 0) throw new ParseError(FORMAT, "no migration task log lines found");
  result.finished = result.taskStatus !== null || succeeded || failed;
  result.ok = result.taskStatus !== null ? result.taskStatus !== "ERROR" && !failed : succeeded && !failed;
  return ZQmMigrateLog.parse(result);
}
