import Link from "next/link";
import { z } from "zod";
import { notFound } from "next/navigation";
import { AlertButtons } from "@/components/alerts/alert-buttons";
import { Badge, type TTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { formatDuration } from "@/lib/format/duration";
import { formatTimestamp } from "@/lib/format/time";
import { alertLink } from "@/lib/health/alert-links";

export const dynamic = "force-dynamic";
export const metadata = { title: "Alerts" };

const HISTORY = 200;
const ZParams = z.record(z.string(), z.unknown()).catch({});

function AlertLink({ clusterId, alert }: { clusterId: string; alert: { code: string; params: unknown } }) {
  const link = alertLink(clusterId, { code: alert.code, params: ZParams.parse(alert.params) });
  return link ? (
    <Link href={link.href} className="ml-2 text-sky-800 underline">
      {link.label}
    </Link>
  ) : null;
}
const TONE: Record<string, TTone> = { error: "crit", warning: "warn", info: "info" };
const LABEL: Record<string, string> = { error: "critical", warning: "warning", info: "info" };

// The cluster's alerts: what fires now (with acknowledge and silence), what is being watched
// without firing yet, and the timeline of past outages.
export default async function ClusterAlertsPage({ params }: { params: Promise<{ clusterId: string }> }) {
  const user = await requirePageUser("viewer");
  const { clusterId } = await params;
  const cluster = await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true, name: true } });
  if (!cluster) notFound();
  const now = new Date();
  const [firing, watching, history, silences] = await Promise.all([
    db.alert.findMany({ where: { clusterId, state: "firing" }, orderBy: [{ severity: "asc" }, { firedAt: "asc" }] }),
    db.alert.findMany({ where: { clusterId, state: "pending" }, orderBy: { firstSeenAt: "asc" } }),
    db.alert.findMany({ where: { clusterId, state: "resolved" }, orderBy: { firedAt: "desc" }, take: HISTORY }),
    db.alertSilence.findMany({ where: { clusterId, until: { gt: now } }, orderBy: { until: "desc" } }),
  ]);
  const silencedUntil = new Map<string, Date>();
  for (const s of silences) if (!silencedUntil.has(s.key)) silencedUntil.set(s.key, s.until);
  const canAct = hasRole(user.role, "operator");
  return (
    <>
      <PageHeader
        title={`Alerts: ${cluster.name}`}
        description="Alerts fire when a condition holds for a round (critical) or two (warning), and resolve after three clean rounds. Silenced alerts still show here; they only send no notifications."
      />
      <p className="mb-4 text-sm">
        <Link href={`/clusters/${cluster.id}`} className="text-sky-700 hover:underline">
          ← Back to {cluster.name}
        </Link>
      </p>
      <Card className="mb-6">
        <CardHeader title={`Firing (${firing.length})`} />
        <CardBody>
          {firing.length === 0 ? (
            <p className="text-sm text-green-800">Nothing is firing.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {firing.map((a) => (
                <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <div className="min-w-0 flex-1">
                    <p className="text-sm">
                      <Badge tone={TONE[a.severity] ?? "neutral"}>{LABEL[a.severity] ?? a.severity}</Badge> <span className="font-medium">{a.message}</span>
                      <AlertLink clusterId={cluster.id} alert={a} />
                    </p>
                    <p className="mt-1 text-xs text-slate-600">
                      since {formatTimestamp(a.firedAt)} ({formatDuration(now.getTime() - (a.firedAt ?? a.firstSeenAt).getTime())})
                      {a.acknowledgedAt ? ` · acknowledged by ${a.acknowledgedBy ?? "?"} at ${formatTimestamp(a.acknowledgedAt)}` : ""}
                      {silencedUntil.has(a.key) ? ` · silenced until ${formatTimestamp(silencedUntil.get(a.key))}` : ""}
                      <span className="ml-2 font-mono opacity-70">{a.code}</span>
                    </p>
                  </div>
                  {canAct ? <AlertButtons alertId={a.id} label={a.message} acknowledged={a.acknowledgedAt !== null} /> : null}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
      {watching.length > 0 ? (
        <Card className="mb-6">
          <CardHeader title={`Watching (${watching.length})`} />
          <CardBody>
            <ul className="space-y-1 text-sm">
              {watching.map((a) => (
                <li key={a.id}>
                  <Badge tone={TONE[a.severity] ?? "neutral"}>{LABEL[a.severity] ?? a.severity}</Badge> {a.message}{" "}
                  <span className="text-xs text-slate-600">seen since {formatTimestamp(a.firstSeenAt)}</span>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
      <Card>
        <CardHeader title="Timeline" />
        <CardBody>
          {history.length === 0 ? (
            <p className="text-sm text-slate-600">No resolved alerts yet.</p>
          ) : (
            <Table caption="Resolved alerts, newest first">
              <thead className="bg-slate-50">
                <tr>
                  <Th>Fired</Th>
                  <Th>Lasted</Th>
                  <Th>Severity</Th>
                  <Th>What</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {history.map((a) => (
                  <Tr key={a.id}>
                    <Td className="whitespace-nowrap text-slate-600">{formatTimestamp(a.firedAt)}</Td>
                    <Td className="whitespace-nowrap">{a.firedAt && a.resolvedAt ? formatDuration(a.resolvedAt.getTime() - a.firedAt.getTime()) : "—"}</Td>
                    <Td>
                      <Badge tone={TONE[a.severity] ?? "neutral"}>{LABEL[a.severity] ?? a.severity}</Badge>
                    </Td>
                    <Td>
                      {a.message}
                      {a.acknowledgedBy ? <span className="ml-2 text-xs text-slate-600">ack: {a.acknowledgedBy}</span> : null}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardBody>
      </Card>
    </>
  );
}
