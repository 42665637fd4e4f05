import { describe, expect, it } from "vitest";
import { blindTo } from "./alert-blind";
import type { TAlertRecord } from "./alert-state";
import type { TClusterHealth } from "./model";

const rec = (code: string, params: Record<string, unknown> = {}): TAlertRecord => ({
  id: "a1",
  key: code,
  code,
  severity: "warning",
  message: code,
  params,
  state: "firing",
  firstSeenAt: new Date(0),
  lastSeenAt: new Date(0),
  firedAt: new Date(0),
  resolvedAt: null,
  seenRounds: 2,
  missingRounds: 0,
});

const base: TClusterHealth = {
  status: "warning",
  quorum: null,
  hosts: [
    { name: "pve1", reachable: true, lastError: null, durationMs: 10, clockOffsetMs: null },
    { name: "pve2", reachable: false, lastError: null, durationMs: 10, clockOffsetMs: null },
  ],
  links: [],
  pacemaker: null,
  drbd: [],
  pve: null,
  ceph: null,
  linstor: null,
  alerts: [],
};

describe("blindTo", () => {
  it("is blind to a layer nobody could report, and to a link of an unreachable host", () => {
    const blind = blindTo(base);
    expect(blind(rec("PACEMAKER_FAILED_ACTION"))).toBe(true);
    expect(blind(rec("NODE_IN_MAINTENANCE"))).toBe(true);
    expect(blind(rec("CLUSTER_NOT_QUORATE"))).toBe(true);
    expect(blind(rec("QDEVICE_NOT_VOTING"))).toBe(true);
    expect(blind(rec("COROSYNC_LINK_DOWN", { host: "pve2", link: 0 }))).toBe(true);
    expect(blind(rec("COROSYNC_LINK_DOWN", { host: "pve1", link: 0 }))).toBe(false);
  });

  it("sees host reachability always, and a layer once some host reported it", () => {
    const seeing = blindTo({
      ...base,
      quorum: { quorate: true, votes: 2, expected: 2, needed: 2, members: ["pve1"], qdevice: null, seenFrom: "pve1" },
      pacemaker: { seenFrom: "pve1", dc: "pve1", quorate: true, stonithEnabled: true, maintenanceMode: false, nodes: [], resources: [], failures: [] },
    });
    expect(seeing(rec("HOST_UNREACHABLE", { host: "pve2" }))).toBe(false);
    expect(seeing(rec("PACEMAKER_FAILED_ACTION"))).toBe(false);
    expect(seeing(rec("CLUSTER_NOT_QUORATE"))).toBe(false);
  });
});
