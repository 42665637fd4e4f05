import type { TAlertRecord } from "./alert-state";
import type { TClusterHealth } from "./model";

// Whether a round could have seen an alert's condition at all. When the host that reports a
// layer is unreachable, the layer's alerts vanish from the round: that proves nothing, and
// resolving them would send an "all clear" in the middle of an outage. Pure.

const hostReachable = (health: TClusterHealth, host: unknown) => health.hosts.some((h) => h.name === host && h.reachable);

const RULES: { codes: RegExp; sees: (health: TClusterHealth, rec: TAlertRecord) => boolean }[] = [
  { codes: /^(CLUSTER_NOT_QUORATE|QDEVICE_)/, sees: (h) => h.quorum !== null },
  { codes: /^COROSYNC_LINK_DOWN$/, sees: (h, rec) => hostReachable(h, rec.params.host) },
  { codes: /^COROSYNC_PEER_/, sees: (h) => h.links.length > 0 },
  { codes: /^(PACEMAKER_|NODE_IN_|CLUSTER_IN_MAINTENANCE|STONITH_)/, sees: (h) => h.pacemaker !== null },
  { codes: /^DRBD_/, sees: (h, rec) => rec.params.host === undefined || hostReachable(h, rec.params.host) },
  { codes: /^PVE_(HA|REPL)_/, sees: (h) => h.pve !== null },
  { codes: /^CEPH_/, sees: (h) => h.ceph !== null },
  { codes: /^LINSTOR_/, sees: (h) => h.linstor !== null },
  { codes: /^HOST_CLOCK_DRIFT$/, sees: (h, rec) => hostReachable(h, rec.params.host) },
];

export function blindTo(health: TClusterHealth): (rec: TAlertRecord) => boolean {
  return (rec) => {
    const rule = RULES.find((r) => r.codes.test(rec.code));
    return rule ? !rule.sees(health, rec) : false;
  };
}
