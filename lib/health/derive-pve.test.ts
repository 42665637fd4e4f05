import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCephStatusJson } from "@/agents/ceph/parse-status-json";
import { parseLinstorNodesJson } from "@/agents/linstor/parse-nodes";
import { parseLinstorResourcesJson } from "@/agents/linstor/parse-resources";
import { parseLinstorStoragePoolsJson } from "@/agents/linstor/parse-storage-pools";
import { parseHaManagerStatus } from "@/agents/proxmox/parse-ha-manager-status";
import { parsePveReplicationCfg } from "@/agents/proxmox/replication-cfg";
import { clockAlerts } from "./clock-drift";
import { defaultRpoMinutes, derivePve } from "./derive-pve";
import { ZHostProbe, type THostProbe } from "./model";
import type { TClusterWideProbe } from "./model-pve";

const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");
if (!existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked in ${CORPUS})`);
const sample = (f: string) => readFileSync(path.join(CORPUS, f), "utf8");

const NOW = 1_790_000_000;
const job = parsePveReplicationCfg(sample("proxmox/replication.cfg-doc-example-1job.cfg")).jobs;
const state = (over: Partial<TClusterWideProbe["replicationStates"][number]>) => ({
  id: "100-0",
  guest: 100,
  target: "pve2",
  source: "pve1",
  schedule: "*/15",
  lastSync: NOW - 300,
  lastTry: NOW - 300,
  nextSync: NOW + 600,
  duration: 4.2,
  failCount: 0,
  error: null,
  ...over,
});

function probe(host: string, cluster: Partial<TClusterWideProbe> | null, clockOffsetMs: number | null = 3): THostProbe {
  return ZHostProbe.parse({
    host,
    reachable: true,
    error: null,
    durationMs: 12,
    quorum: null,
    links: null,
    pacemaker: null,
    clockOffsetMs,
    cluster: cluster && { ha: null, replicationJobs: [], replicationStates: [], ceph: null, nowSeconds: NOW, ...cluster },
  });
}

describe("derivePve", () => {
  it("reads HA, replication and Ceph from the one host that probed them", () => {
    const ha = parseHaManagerStatus(sample("proxmox/ha-manager-status-pve-docs-ct-stopped.txt"));
    const r = derivePve([probe("pve1", null), probe("pve2", { ha, replicationJobs: job, replicationStates: [state({})] })]);
    expect(r.pve?.seenFrom).toBe("pve2");
    expect(r.pve?.ha).toMatchObject({ quorate: true, master: { node: "elsa", state: "active" } });
    expect(r.pve?.ha?.services.map((s) => [s.sid, s.state, s.ok])).toEqual([
      ["ct:100", "stopped", true],
      ["ct:102", "started", true],
      ["vm:501", "started", true],
    ]);
    expect(r.pve?.replication.map((j) => [j.id, j.state, j.lagSeconds, j.rpoSeconds])).toEqual([["100-0", "ok", 300, 1800]]);
    expect(r.alerts).toEqual([]);
    expect(r.ceph).toBeNull();
  });

  it("alerts on a failing job and on one behind its RPO", () => {
    const failing = derivePve([probe("pve1", { replicationJobs: job, replicationStates: [state({ failCount: 2, error: "zfs error: out of space" })] })]);
    expect(failing.alerts.map((a) => [a.severity, a.code, a.params.job])).toEqual([["error", "PVE_REPL_FAILING", "100-0"]]);
    const late = derivePve([probe("pve1", { replicationJobs: job, replicationStates: [state({ lastSync: NOW - 45 * 60 })] })]);
    expect(late.alerts.map((a) => [a.severity, a.code])).toEqual([["warning", "PVE_REPL_RPO_EXCEEDED"]]);
    expect(late.pve?.replication[0]?.state).toBe("lagging");
  });

  it("turns Ceph's health checks into alerts", () => {
    const ceph = parseCephStatusJson(sample("ceph/rook-ceph-status-json-luminous-12.1.3-health-warn.json"));
    const r = derivePve([probe("pve1", { ceph })]);
    expect(r.ceph?.status.health).toBe("HEALTH_WARN");
    expect(r.alerts.length).toBe(ceph.checks.length);
    expect(r.alerts.every((a) => a.code === "CEPH_HEALTH" && a.severity === "warning" && a.message.startsWith("Ceph HEALTH_WARN: "))).toBe(true);
  });

  it("has nothing when no host read the cluster-wide layers", () => {
    expect(derivePve([probe("pve1", null)])).toEqual({ pve: null, ceph: null, linstor: null, alerts: [] });
  });

  it("LINSTOR: the lists as read, and one alert per problem of the agent's summary", () => {
    const lin = (f: string) => readFileSync(path.resolve(import.meta.dirname, "../../agents/linstor/__fixtures__", f), "utf8");
    const linstor = {
      nodes: parseLinstorNodesJson(lin("nodes-m-list.json")).nodes,
      storagePools: parseLinstorStoragePoolsJson(lin("storage-pools-m-list.json")).storagePools,
      resources: parseLinstorResourcesJson(lin("resources-m-list.json")).resources,
    };
    const r = derivePve([probe("pve1", { linstor })]);
    expect(r.linstor?.seenFrom).toBe("pve1");
    expect(r.linstor?.resources.map((x) => x.name)).toEqual(linstor.resources.map((x) => x.name));
    // Two satellites offline in the fixture: one alert each, none again for their replicas.
    expect(r.alerts.filter((a) => a.code === "LINSTOR_SATELLITE_OFFLINE").map((a) => [a.severity, a.params.node])).toEqual([
      ["error", "pve2"],
      ["error", "pve3"],
    ]);
    expect(r.alerts.every((a) => a.code.startsWith("LINSTOR_"))).toBe(true);
  });
});

describe("clock drift and default RPO", () => {
  it("warns past half a second either way, and not for an unknown offset", () => {
    expect(clockAlerts([probe("a", null, 499), probe("b", null, -2300), probe("c", null, null), probe("d", null, 800)]).map((a) => a.message)).toEqual([
      "b's clock is 2.3 s behind the panel's: check its time sync (chrony).",
      "d's clock is 0.8 s ahead of the panel's: check its time sync (chrony).",
    ]);
  });

  it("allows two periods of a */N schedule, an hour otherwise", () => {
    expect([defaultRpoMinutes("*/15"), defaultRpoMinutes("*/5"), defaultRpoMinutes("mon..fri 22:30"), defaultRpoMinutes(null)]).toEqual([30, 10, 60, 30]);
  });
});
