"use client";
import { layersOf, LAYER_TITLE, linkPairs, type THealthLayer } from "@/lib/health/layers";
import type { TClusterHealth, THealthSnapshotView } from "@/lib/health/model";
import { HostsAndLinks } from "./hosts-widget";
import { DrbdDetail, LinkPairsTable, PacemakerDetail } from "./layer-details";
import { LayerNav } from "./layer-nav";
import { LinstorResources } from "./linstor-widget";
import { LiveStatus } from "./live-status";
import { CephSummary, PveHaAndReplication } from "./pve-widgets";
import { QuorumSummary } from "./quorum-widget";
import { useClusterHealth } from "./use-cluster-health";
import { Widget } from "./widget";

type TW = { ageMs: number; stale: boolean };

function Layer({ layer, model, clusterId, w }: { layer: THealthLayer; model: TClusterHealth; clusterId: string; w: TW }) {
  switch (layer) {
    case "quorum":
      return (
        <>
          <Widget title="Quorum" {...w}>
            <QuorumSummary quorum={model.quorum} />
          </Widget>
          <Widget title="Corosync links by node pair" {...w}>
            <LinkPairsTable pairs={linkPairs(model.links)} />
          </Widget>
          <Widget title="Hosts and corosync links" {...w}>
            <HostsAndLinks model={model} clusterId={clusterId} />
          </Widget>
        </>
      );
    case "pacemaker":
      return model.pacemaker ? (
        <Widget title={`Pacemaker (seen from ${model.pacemaker.seenFrom})`} {...w}>
          <PacemakerDetail pm={model.pacemaker} />
        </Widget>
      ) : null;
    case "drbd":
      return (
        <>
          {model.drbd.map((r) => (
            <Widget key={r.resource} title={`DRBD ${r.resource}`} {...w}>
              <DrbdDetail resource={r} />
            </Widget>
          ))}
        </>
      );
    case "pve":
      return model.pve ? (
        <Widget title={`Proxmox HA and replication (seen from ${model.pve.seenFrom})`} {...w}>
          <PveHaAndReplication pve={model.pve} />
        </Widget>
      ) : null;
    case "ceph":
      return model.ceph ? (
        <Widget title={`Ceph (seen from ${model.ceph.seenFrom})`} {...w}>
          <CephSummary ceph={model.ceph} />
        </Widget>
      ) : null;
    case "linstor":
      return model.linstor ? (
        <Widget title={`LINSTOR (seen from ${model.linstor.seenFrom})`} {...w}>
          <LinstorResources linstor={model.linstor} />
        </Widget>
      ) : null;
  }
}

// One layer of the live dashboard in full, polled like the overview.
export function LayerHealth({ clusterId, layer, initial }: { clusterId: string; layer: THealthLayer; initial: THealthSnapshotView | null }) {
  const { snapshot, ageMs, stale, fetchError } = useClusterHealth(clusterId, initial);
  if (!snapshot || ageMs === null) return <p className="text-sm text-slate-600">No health data yet; it appears here on its own after the collector's first round.</p>;
  const layers = layersOf(snapshot.model);
  return (
    <div className="space-y-3">
      <LayerNav clusterId={clusterId} layers={layers} current={layer} />
      <LiveStatus status={snapshot.status} ageMs={ageMs} stale={stale} intervalMs={snapshot.intervalMs} fetchError={fetchError} />
      {layers.includes(layer) ? (
        <Layer layer={layer} model={snapshot.model} clusterId={clusterId} w={{ ageMs, stale }} />
      ) : (
        <p className="text-sm text-slate-600">The latest round has nothing about {LAYER_TITLE[layer]} on this cluster.</p>
      )}
    </div>
  );
}
