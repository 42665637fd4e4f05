import type { THostProbe } from "./model";

// Pacemaker is optional on a Proxmox VE cluster: most run only Proxmox's own HA manager, and
// crm_mon there is missing or finds no cluster on every host. When no host's crm_mon answered
// with a cluster, its failures mean "not used here" rather than "broken", and are dropped. Once
// any host runs Pacemaker, a host whose crm_mon fails is reported as on any cluster.
export function dropUnusedPacemaker(probes: readonly THostProbe[]): THostProbe[] {
  if (probes.some((p) => p.pacemaker !== null)) return [...probes];
  return probes.map((p) => ({ ...p, reports: p.reports.filter((r) => r.params.tool !== "crm_mon") }));
}
