import type { THostFacts } from "@/agents/host/model";
import { precheckHosts, type TLatencyMeasurement } from "@/agents/host/precheck";
import type { TReport } from "@/lib/reports/report";

// Checks before nodes form a Proxmox cluster: same PVE major version, clocks in sync, host
// names that resolve to the node's own address, no guests on joining nodes, and the link0
// round trips (warned above 5 ms, refused above 7 ms). The host agent holds the checks; this
// fixes the options a Proxmox cluster needs. Pure. facts[0] is the node that creates it.
export function precheckPveCluster(
  facts: readonly THostFacts[],
  opts: { clusterName: string; latencies: readonly TLatencyMeasurement[]; qdevice?: boolean },
): TReport[] {
  return precheckHosts(facts, {
    stack: "proxmox",
    founderIndex: 0,
    clusterName: opts.clusterName,
    latencies: [...opts.latencies],
    qdevice: opts.qdevice ?? false,
  });
}
