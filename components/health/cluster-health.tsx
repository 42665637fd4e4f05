"use client";
import { emptyStatus } from "@/agents/pacemaker/model";
import { PacemakerView } from "@/components/capture/pacemaker-view";
import { HealthBadge } from "@/components/clusters/health-badge";
import { Badge } from "@/components/ui/badge";
import type { THealthLayer } from "@/lib/health/layers";
import type { THealthSnapshotView } from "@/lib/health/model";
import { AlertList } from "./alert-list";
import { DrbdResources } from "./drbd-widget";
import { CephSummary, PveHaAndReplication } from "./pve-widgets";
import { HostsAndLinks } from "./hosts-widget";
import { LinstorResources } from "./linstor-widget";
import { QuorumSummary } from "./quorum-widget";
import { Topology } from "./topology-widget";
import { formatAgeMs, STALE_AFTER_INTERVALS } from "./age";
import { HealthHistory } from "./history-chart";
import { layerHref } from "./layer-nav";
import { EventTimeline } from "./timeline-widget";
import { useClusterHealth } from "./use-cluster-health";
import { Widget } from "./widget";

// The live dashboard of one cluster, ordered for an admin woken at night: overall state and
// alerts first, then quorum and reachability, then Pacemaker's detail.
export function ClusterHealth({ clusterId, initial }: { clusterId: string; initial: THealthSnapshotView | null }) {
  const { snapshot, ageMs, stale, fetchError } = useClusterHealth(clusterId, initial);
  if (!snapshot || ageMs === null) {
    return (
      <p className="text-sm text-slate-600">
        No health data yet. The panel probes every host with a confirmed host key and a credential every few seconds; the
        first results appear here on their own.
        {fetchError ? <span className="block text-red-700">{fetchError}</span> : null}
      </p>
    );
  }
  const { model } = snapshot;
  const w = { ageMs, stale };
  const layer = (l: THealthLayer) => layerHref(clusterId, l);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3" role="status" aria-live="polite">
        {stale ? <Badge>Stale</Badge> : null}
        <span className={stale ? "opacity-60 grayscale" : undefined}>
          <HealthBadge status={snapshot.status} />
        </span>
        <span className="text-sm text-slate-700">
          {model.alerts.filter((a) => a.severity === "error").length} critical, {model.alerts.filter((a) => a.severity === "warning").length} warning
        </span>
        <span suppressHydrationWarning className="text-xs text-slate-500">
          updated {formatAgeMs(ageMs)}
          {stale ? ` — the collector has not reported for more than ${Math.round((STALE_AFTER_INTERVALS * snapshot.intervalMs) / 1000)} s` : ""}
        </span>
        {fetchError ? <span className="text-xs text-red-700">{fetchError}</span> : null}
      </div>
      <Widget title="Alerts" {...w}>
        <AlertList alerts={model.alerts} clusterId={clusterId} />
      </Widget>
      <Widget title="Topology" {...w}>
        <Topology model={model} clusterId={clusterId} />
      </Widget>
      <div className="grid gap-3 md:grid-cols-2">
        <Widget title="Quorum" href={layer("quorum")} {...w}>
          <QuorumSummary quorum={model.quorum} />
        </Widget>
        <Widget title="Hosts and corosync links" href={layer("quorum")} {...w}>
          <HostsAndLinks model={model} clusterId={clusterId} />
        </Widget>
      </div>
      {model.pve ? (
        <Widget title={`Proxmox HA and replication (seen from ${model.pve.seenFrom})`} href={layer("pve")} {...w}>
          <PveHaAndReplication pve={model.pve} />
        </Widget>
      ) : null}
      {model.ceph ? (
        <Widget title={`Ceph (seen from ${model.ceph.seenFrom})`} href={layer("ceph")} {...w}>
          <CephSummary ceph={model.ceph} />
        </Widget>
      ) : null}
      {model.linstor ? (
        <Widget title={`LINSTOR (seen from ${model.linstor.seenFrom})`} href={layer("linstor")} {...w}>
          <LinstorResources linstor={model.linstor} />
        </Widget>
      ) : null}
      {model.drbd.length > 0 ? (
        <Widget title="DRBD" href={layer("drbd")} {...w}>
          <DrbdResources resources={model.drbd} />
        </Widget>
      ) : null}
      <Widget title={`Pacemaker${model.pacemaker ? ` (seen from ${model.pacemaker.seenFrom})` : ""}`} href={model.pacemaker ? layer("pacemaker") : undefined} {...w}>
        {model.pacemaker ? (
          <PacemakerView model={{ ...emptyStatus(), ...model.pacemaker }} />
        ) : (
          <p className="text-sm text-slate-600">No host reported Pacemaker status.</p>
        )}
      </Widget>
      <section aria-label="History" className="rounded-lg border border-slate-200 bg-white p-3">
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">History</h3>
        <HealthHistory clusterId={clusterId} />
      </section>
      <section aria-label="Events" className="rounded-lg border border-slate-200 bg-white p-3">
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Events</h3>
        <EventTimeline clusterId={clusterId} />
      </section>
    </div>
  );
}
