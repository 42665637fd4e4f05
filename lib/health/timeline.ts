import type { THistoryEvent } from "./history";

// The cluster's event timeline: quorum events, alerts raised and cleared, jobs that finished,
// newest first, from what is stored (rounds, Alert rows, Job rows). Pure.

export type TTimelineEntry = {
  at: string;
  kind: "quorum" | "alert-raised" | "alert-cleared" | "job";
  tone: "crit" | "warn" | "ok" | "info" | "neutral";
  text: string;
  href: string | null;
};

type TAlertRow = { id: string; code: string; severity: string; message: string; firedAt: Date | null; resolvedAt: Date | null };
// title: the kind in words ("Migrate a guest"), when the caller knows it.
type TJobRow = { id: string; kind: string; title?: string; state: string; finishedAt: Date | null };

const ALERT_TONE: Record<string, TTimelineEntry["tone"]> = { error: "crit", warning: "warn" };
const JOB_TONE: Record<string, TTimelineEntry["tone"]> = { succeeded: "ok", failed: "crit", interrupted: "warn", cancelled: "neutral", undone: "neutral" };

export function clusterTimeline(
  input: { clusterId: string; quorum: readonly THistoryEvent[]; alerts: readonly TAlertRow[]; jobs: readonly TJobRow[] },
  limit = 30,
): TTimelineEntry[] {
  const alertsHref = `/clusters/${input.clusterId}/alerts`;
  const entries: TTimelineEntry[] = [
    ...input.quorum.map((e) => ({
      at: e.at,
      kind: "quorum" as const,
      tone: e.text.startsWith("quorum lost") ? ("crit" as const) : e.text.startsWith("quorum regained") ? ("ok" as const) : ("info" as const),
      text: e.text,
      href: null,
    })),
    ...input.alerts.flatMap((a) => [
      ...(a.firedAt ? [{ at: a.firedAt.toISOString(), kind: "alert-raised" as const, tone: ALERT_TONE[a.severity] ?? "info", text: `Alert: ${a.message}`, href: alertsHref }] : []),
      ...(a.firedAt && a.resolvedAt ? [{ at: a.resolvedAt.toISOString(), kind: "alert-cleared" as const, tone: "ok" as const, text: `Cleared: ${a.message}`, href: alertsHref }] : []),
    ]),
    ...input.jobs.flatMap((j) => (j.finishedAt ? [{ at: j.finishedAt.toISOString(), kind: "job" as const, tone: JOB_TONE[j.state] ?? "info", text: `${j.title ?? j.kind}: ${j.state}`, href: `/jobs/${j.id}` }] : [])),
  ];
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, limit);
}
