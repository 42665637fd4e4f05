// Spellings that changed across Pacemaker releases, mapped to one form so the XML and text
// parsers (and 1.1 and 3.x clusters) produce identical models.

// Up to 2.0.x agents print as `ocf::heartbeat:IPaddr2`; the contract wants `ocf:heartbeat:IPaddr2`.
export function normalizeAgent(agent: string): string {
  return agent.replace(/^([^:]+)::/, "$1:");
}

const ROLE_NAMES: Record<string, string> = {
  master: "Promoted",
  promoted: "Promoted",
  slave: "Unpromoted",
  unpromoted: "Unpromoted",
  started: "Started",
  stopped: "Stopped",
  unknown: "Unknown",
};

// Pacemaker 2.1 renamed Master/Slave to Promoted/Unpromoted; target_role values also come in
// lower case ("stopped") from some XML.
export function normalizeRole(role: string): string {
  const known = ROLE_NAMES[role.toLowerCase()];
  if (known !== undefined) return known;
  return role.charAt(0).toUpperCase() + role.slice(1);
}

// Roles that mean "an operation is in flight" rather than a settled state.
export const PENDING_ROLES = new Set(["Starting", "Stopping", "Migrating", "Promoting", "Demoting"]);

export type TOpKey = { resource: string; operation: string; intervalMs: number };

const NOTIFY_TAIL = /_(?:confirmed-)?(?:pre|post)_notify_[a-z]+(?:_(?:to|from))?$/;

// An operation key is `<resource>_<task>_<interval ms>`; resource ids may contain
// underscores, and so do the tasks migrate_to/migrate_from and the notify variants
// (`rsc_post_notify_start_0`), so the task is found from the right-hand end.
export function parseOpKey(key: string, knownTask: string | null = null): TOpKey | null {
  const m = /^(.+)_(\d+)$/.exec(key);
  if (m === null) return null;
  const base = m[1] ?? "";
  const intervalMs = Number(m[2]);
  if (knownTask !== null && base.endsWith(`_${knownTask}`) && base.length > knownTask.length + 1) {
    return { resource: base.slice(0, -knownTask.length - 1), operation: knownTask, intervalMs };
  }
  const notify = NOTIFY_TAIL.exec(base);
  if (notify !== null && notify.index > 0) {
    return { resource: base.slice(0, notify.index), operation: "notify", intervalMs };
  }
  for (const task of ["migrate_to", "migrate_from"]) {
    if (base.endsWith(`_${task}`) && base.length > task.length + 1) {
      return { resource: base.slice(0, -task.length - 1), operation: task, intervalMs };
    }
  }
  const cut = base.lastIndexOf("_");
  if (cut <= 0 || cut === base.length - 1) return null;
  return { resource: base.slice(0, cut), operation: base.slice(cut + 1), intervalMs };
}

// Pacemaker 2.1 prints intervals readably ("1m", "10s", "1m30s", "500ms") in failed actions.
export function parseReadableInterval(text: string): number | null {
  if (!/^(?:\d+(?:ms|d|h|m|s))+$/.test(text)) return null;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  for (const part of text.matchAll(/(\d+)(ms|d|h|m|s)/g)) {
    total += Number(part[1]) * (unit[part[2] ?? "ms"] ?? 1);
  }
  return total;
}

// `true`/`false` as crm_mon writes them (also "1"/"0", "yes"/"no" in older CIB-derived values).
export function parseBool(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "1" || v === "yes" || v === "on") return true;
  if (v === "false" || v === "0" || v === "no" || v === "off") return false;
  return null;
}

export function parseIntOrNull(value: string | undefined): number | null {
  if (value === undefined || !/^\s*-?\d+\s*$/.test(value)) return null;
  return Number(value);
}

export function nonEmpty(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = value.trim();
  return v === "" ? null : v;
}
