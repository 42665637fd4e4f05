"use client";
import Link from "next/link";
import { Badge, type TTone } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { CLOCK_DRIFT_WARN_MS } from "@/lib/health/clock-drift";
import { hostHealth } from "@/lib/health/host-view";
import { layerHref } from "./layer-nav";
import type { THealthSnapshotView } from "@/lib/health/model";
import { AlertList } from "./alert-list";
import { LinkPairsTable } from "./layer-details";
import { LiveStatus } from "./live-status";
import { useClusterHealth } from "./use-cluster-health";
import { Widget } from "./widget";

const DRBD_TONE: Record<string, TTone> = { ok: "ok", syncing: "info", degraded: "warn", "split-brain": "crit", down: "crit" };

// Everything the live model knows about one host: reachability, clock, links, DRBD, the
// Pacemaker resources it runs, and the alerts about it.
export function HostHealth({ clusterId, hostName, initial }: { clusterId: string; hostName: string; initial: THealthSnapshotView | null }) {
  const { snapshot, ageMs, stale, fetchError } = useClusterHealth(clusterId, initial);
  if (!snapshot || ageMs === null) return <p className="text-sm text-slate-600">No health data yet; it appears here on its own after the collector&apos;s first round.</p>;
  const h = hostHealth(snapshot.model, hostName);
  const w = { ageMs, stale };
  const drift = h.host?.clockOffsetMs ?? null;
  return (
    <div className="space-y-3">
      <LiveStatus status={snapshot.status} ageMs={ageMs} stale={stale} intervalMs={snapshot.intervalMs} fetchError={fetchError} />
      <div className="grid gap-3 md:grid-cols-2">
        <Widget title="Reachability" {...w}>
          {!h.host ? (
            <p className="text-sm text-slate-600">The collector does not probe {hostName}: it needs a confirmed host key and a credential.</p>
          ) : (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">SSH</dt>
              <dd>{h.host.reachable ? <Badge tone="ok">reachable</Badge> : <Badge tone="crit">unreachable</Badge>}</dd>
              <dt className="text-slate-600">Probe duration</dt>
              <dd>{h.host.durationMs} ms</dd>
              <dt className="text-slate-600">Clock drift</dt>
              <dd>
                {drift === null ? (
                  "not measured"
                ) : (
                  <span className={Math.abs(drift) > CLOCK_DRIFT_WARN_MS ? "font-semibold text-amber-800" : undefined}>
                    {drift > 0 ? "+" : ""}
                    {drift} ms against the panel
                  </span>
                )}
              </dd>
              {h.host.lastError ? (
                <>
                  <dt className="text-slate-600">Error</dt>
                  <dd className="text-red-700">{h.host.lastError.message}</dd>
                </>
              ) : null}
            </dl>
          )}
        </Widget>
        <Widget title={`Alerts about ${hostName}`} {...w}>
          <AlertList alerts={h.alerts} clusterId={clusterId} />
        </Widget>
      </div>
      <Widget title="Corosync links" href={layerHref(clusterId, "quorum")} {...w}>
        <LinkPairsTable pairs={h.links} caption={`Corosync links of ${hostName}`} />
      </Widget>
      <Widget title="Pacemaker" href={snapshot.model.pacemaker ? layerHref(clusterId, "pacemaker") : undefined} {...w}>
        {!snapshot.model.pacemaker ? (
          <p className="text-sm text-slate-600">No host reported Pacemaker status.</p>
        ) : (
          <div className="space-y-2 text-sm">
            <p>
              {h.pacemakerNode ? (
                <>
                  {h.pacemakerNode.unclean ? <Badge tone="crit">UNCLEAN</Badge> : h.pacemakerNode.online ? <Badge tone="ok">online</Badge> : <Badge tone="crit">offline</Badge>}{" "}
                  {h.pacemakerNode.standby ? <Badge tone="warn">standby</Badge> : null} {h.pacemakerNode.maintenance ? <Badge tone="warn">maintenance</Badge> : null}{" "}
                  {h.pacemakerNode.isDc ? "Designated coordinator (DC)." : null}
                </>
              ) : (
                `${hostName} is not a Pacemaker node.`
              )}
            </p>
            {h.pacemakerResources.length === 0 ? (
              <p className="text-slate-600">It runs no Pacemaker resource.</p>
            ) : (
              <Table caption={`Pacemaker resources on ${hostName}`}>
                <thead className="bg-slate-50">
                  <tr>
                    <Th>Resource</Th>
                    <Th>Role</Th>
                    <Th>In</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {h.pacemakerResources.map((r, i) => (
                    <Tr key={`${r.id}-${i}`}>
                      <Td className="font-medium">{r.id}</Td>
                      <Td>{r.failed ? <Badge tone="crit">{r.role} (failed)</Badge> : <Badge tone="ok">{r.role}</Badge>}</Td>
                      <Td>{r.cloneId ?? r.parent ?? "—"}</Td>
                    </Tr>
                  ))}
                </tbody>
              </Table>
            )}
          </div>
        )}
      </Widget>
      {h.drbd.length > 0 ? (
        <Widget title="DRBD" href={layerHref(clusterId, "drbd")} {...w}>
          <ul className="divide-y divide-slate-100 text-sm">
            {h.drbd.map((r) => (
              <li key={r.resource} className="flex flex-wrap items-center gap-2 py-1.5">
                <span className="font-mono font-medium">{r.resource}</span>
                <Badge tone={DRBD_TONE[r.health] ?? "neutral"}>{r.health}</Badge>
                <span>{r.up ? `${r.role ?? "?"} · ${r.disks.join(", ") || "no disk"}` : "down here"}</span>
                {r.peers.map((p, i) => (
                  <span key={i} className="text-xs text-slate-600">
                    {p.peer}: {p.connection}, {p.peerDisk}
                  </span>
                ))}
                {r.health === "split-brain" ? (
                  <Link href={`/clusters/${clusterId}/drbd/${encodeURIComponent(r.resource)}/split-brain`} className="text-xs font-medium text-sky-800 underline">
                    Open the split-brain assistant
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </Widget>
      ) : null}
    </div>
  );
}
