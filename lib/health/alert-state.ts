import type { TReport, TSeverity } from "@/lib/reports/report";

// The dashboard shows each round as it is; alerts are what interrupts an admin, so they get
// hysteresis. A condition must be seen in `fireAfterRounds` consecutive rounds before it
// fires (errors at once: a crashed host must page within a round), and must be gone for
// `resolveAfterRounds` rounds before it resolves, so a flapping probe fires once instead of
// every other round. Info conditions (a node in maintenance) are tracked without firing,
// until they last long enough to escalate. Pure: the collector persists what this returns.

export const ALERT_STATES = ["pending", "firing", "resolved"] as const;
export type TAlertState = (typeof ALERT_STATES)[number];

export type TAlertRecord = {
  id: string | null;
  key: string;
  code: string;
  severity: TSeverity;
  message: string;
  params: Record<string, unknown>;
  state: TAlertState;
  firstSeenAt: Date;
  lastSeenAt: Date;
  firedAt: Date | null;
  resolvedAt: Date | null;
  seenRounds: number;
  missingRounds: number;
};

export type TAlertEvent = { type: "fired" | "resolved" | "escalated"; alert: TAlertRecord };

export type TAlertPolicy = {
  fireAfterRounds: Record<TSeverity, number | null>;
  resolveAfterRounds: number;
  // Conditions that are fine for a while and a problem when they last (maintenance, standby).
  escalate: Record<string, { afterMs: number; to: TSeverity }>;
};

const HALF_HOUR = 30 * 60_000;

export const DEFAULT_ALERT_POLICY: TAlertPolicy = {
  fireAfterRounds: { error: 1, warning: 2, info: null },
  resolveAfterRounds: 3,
  escalate: {
    NODE_IN_MAINTENANCE: { afterMs: HALF_HOUR, to: "warning" },
    NODE_IN_STANDBY: { afterMs: HALF_HOUR, to: "warning" },
    CLUSTER_IN_MAINTENANCE: { afterMs: HALF_HOUR, to: "warning" },
  },
};

const RANK: Record<TSeverity, number> = { error: 0, warning: 1, info: 2 };
const worse = (a: TSeverity, b: TSeverity): TSeverity => (RANK[a] <= RANK[b] ? a : b);

// The params that say WHICH thing is wrong; the others (counts, causes, lists of peers)
// change from round to round without making it another alert.
const IDENTITY_PARAMS = ["host", "node", "resource", "clone", "link", "operation", "vmid", "guest", "job", "storage", "device", "volume", "peer", "check"];

export function alertKey(r: Pick<TReport, "code" | "params">): string {
  const identity = IDENTITY_PARAMS.filter((k) => r.params[k] !== undefined && r.params[k] !== null).map((k) => `${k}=${String(r.params[k])}`);
  return [r.code, ...identity].join("|");
}

export type TAdvance = {
  // Records to write (new or changed, including those that just resolved).
  upserts: TAlertRecord[];
  // Pending records whose condition went away before they ever fired: delete them.
  dropped: TAlertRecord[];
  events: TAlertEvent[];
};

// `open` = the cluster's pending and firing records. `blind` says for a record whether this
// round could not have seen its condition at all (its layer gave no data), in which case its
// absence proves nothing and it is left as it is.
export function advanceAlerts(
  open: readonly TAlertRecord[],
  reports: readonly TReport[],
  now: Date,
  blind: (record: TAlertRecord) => boolean = () => false,
  policy: TAlertPolicy = DEFAULT_ALERT_POLICY,
): TAdvance {
  const seen = new Map<string, TReport>();
  for (const r of reports) {
    const key = alertKey(r);
    const had = seen.get(key);
    if (!had || RANK[r.severity] < RANK[had.severity]) seen.set(key, r);
  }
  const out: TAdvance = { upserts: [], dropped: [], events: [] };

  const severityOf = (r: TReport, firstSeenAt: Date): TSeverity => {
    const rule = policy.escalate[r.code];
    return rule && now.getTime() - firstSeenAt.getTime() >= rule.afterMs ? worse(r.severity, rule.to) : r.severity;
  };
  const maybeFire = (rec: TAlertRecord) => {
    const after = policy.fireAfterRounds[rec.severity];
    if (rec.state === "pending" && after !== null && rec.seenRounds >= after) {
      rec.state = "firing";
      rec.firedAt = now;
      out.events.push({ type: "fired", alert: rec });
    }
  };

  for (const prev of open) {
    const r = seen.get(prev.key);
    seen.delete(prev.key);
    if (r) {
      const rec: TAlertRecord = { ...prev, message: r.message, params: r.params, lastSeenAt: now, seenRounds: prev.seenRounds + 1, missingRounds: 0 };
      rec.severity = severityOf(r, prev.firstSeenAt);
      const escalated = prev.state === "firing" && RANK[rec.severity] < RANK[prev.severity];
      maybeFire(rec);
      if (escalated) out.events.push({ type: "escalated", alert: rec });
      out.upserts.push(rec);
      continue;
    }
    if (blind(prev)) continue;
    if (prev.state === "pending") {
      out.dropped.push(prev);
      continue;
    }
    const rec: TAlertRecord = { ...prev, missingRounds: prev.missingRounds + 1 };
    if (rec.missingRounds >= policy.resolveAfterRounds) {
      rec.state = "resolved";
      rec.resolvedAt = now;
      out.events.push({ type: "resolved", alert: rec });
    }
    out.upserts.push(rec);
  }

  for (const [key, r] of seen) {
    const rec: TAlertRecord = {
      id: null,
      key,
      code: r.code,
      severity: r.severity,
      message: r.message,
      params: r.params,
      state: "pending",
      firstSeenAt: now,
      lastSeenAt: now,
      firedAt: null,
      resolvedAt: null,
      seenRounds: 1,
      missingRounds: 0,
    };
    rec.severity = severityOf(r, now);
    maybeFire(rec);
    out.upserts.push(rec);
  }
  return out;
}
