import type { TAlertEvent } from "./alert-state";

// What an alert event says in an email and a webhook body. Pure.

export type TNotification = {
  subject: string;
  text: string;
  // The webhook's JSON body: stable field names, for scripts and chat bridges.
  payload: {
    cluster: string;
    event: TAlertEvent["type"];
    alert: { id: string | null; key: string; code: string; severity: string; message: string; params: Record<string, unknown>; firstSeenAt: string; firedAt: string | null; resolvedAt: string | null };
    url: string | null;
  };
};

const VERB: Record<TAlertEvent["type"], string> = { fired: "ALERT", escalated: "WORSE", resolved: "RESOLVED" };

export function renderNotification(cluster: { id: string; name: string }, event: TAlertEvent, panelUrl: string | null): TNotification {
  const a = event.alert;
  const url = panelUrl ? `${panelUrl.replace(/\/+$/, "")}/clusters/${encodeURIComponent(cluster.id)}` : null;
  const severity = event.type === "resolved" ? "ok" : a.severity;
  const lines = [
    `${VERB[event.type]} on cluster ${cluster.name}: ${a.message}`,
    "",
    `Severity: ${severity}`,
    `Condition: ${a.code}`,
    `First seen: ${a.firstSeenAt.toISOString()}`,
    ...(a.resolvedAt ? [`Resolved: ${a.resolvedAt.toISOString()}`] : []),
    ...(url ? ["", url] : []),
  ];
  return {
    subject: `[${cluster.name}] ${VERB[event.type]}: ${a.message}`.replace(/[\r\n]+/g, " ").slice(0, 200),
    text: `${lines.join("\n")}\n`,
    payload: {
      cluster: cluster.name,
      event: event.type,
      alert: {
        id: a.id,
        key: a.key,
        code: a.code,
        severity: a.severity,
        message: a.message,
        params: a.params,
        firstSeenAt: a.firstSeenAt.toISOString(),
        firedAt: a.firedAt?.toISOString() ?? null,
        resolvedAt: a.resolvedAt?.toISOString() ?? null,
      },
      url,
    },
  };
}
