import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { proxmoxFormats } from "./formats";
import { parseHaManagerConfig, parsePveHaGroupsCfg, parsePveHaResourcesCfg, parsePveHaRulesCfg, renderHaGroupsCfg, renderHaResourcesCfg, renderHaRulesCfg } from "./ha-cfg";
import { parseHaManagerStatus } from "./parse-ha-manager-status";
import { parsePveClusterStatusJson } from "./parse-pve-cluster-status";
import { parsePveHaManagerStatusJson } from "./parse-pve-ha-manager-status-json";
import { parsePvesrStatus } from "./parse-pvesr-status";
import { parseQmMigrateLog } from "./parse-qm-migrate-log";
import { parsePveReplicationCfg, renderReplicationCfg } from "./replication-cfg";
import { parseSectionConfig, renderSectionConfig } from "./section-config";
import { parsePveStorageCfg, renderStorageCfg } from "./storage-cfg";

// Real outputs written by others live beside the project (PLATFORM.md); they are read here, never copied.
const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");
const DIR = path.join(CORPUS, "proxmox");

function corpus(name: string): string {
  if (!existsSync(DIR)) throw new Error(`../shared/corpus is missing (looked for ${DIR}); the Proxmox corpus tests need it`);
  return readFileSync(path.join(DIR, name), "utf8");
}

// Every file of corpus/proxmox, with the format that reads it. corosync.conf copies and pvecm
// outputs belong to the pvecm/corosync parsers (written separately) and are left out here.
const FILES: Record<string, keyof typeof proxmoxFormats> = {
  "api-cluster-status-pve8x-gomock.json": "pve-cluster-status-json",
  "ha-groups.cfg-pve-docs.cfg": "pve-ha-groups-cfg",
  "ha-manager-config-pve-docs.txt": "ha-manager-config",
  "ha-manager-status-pve-docs-ct-stopped.txt": "ha-manager-status",
  "ha-manager-status-pve4.1.txt": "ha-manager-status",
  "ha-manager_status-sim-6svc.json": "pve-ha-manager-status-json",
  "ha-manager_status-sim-fence-stopped.json": "pve-ha-manager-status-json",
  "ha-resources.cfg-pve-docs.cfg": "pve-ha-resources-cfg",
  "ha-rules.cfg-resource-affinity-pve9.cfg": "pve-ha-rules-cfg",
  "pvesr-status-2-syncing.txt": "pvesr-status",
  "pvesr-status-3-two-jobs-ok.txt": "pvesr-status",
  "qm-migrate-tasklog-pve4-online-drbd-bind-warning.txt": "qm-migrate-log",
  "qm-migrate-tasklog-pve4-online-glusterfs.txt": "qm-migrate-log",
  "replication.cfg-doc-example-1job.cfg": "pve-replication-cfg",
  "storage.cfg-nfs.cfg": "pve-storage-cfg",
  "storage.cfg-pve-default-install.cfg": "pve-storage-cfg",
  "storage.cfg-rbd-external-excerpt.cfg": "pve-storage-cfg",
};
const OTHER_PARSERS = /^(etc-pve-corosync\.conf-|pve-cluster-corosync\.conf-|pvecm-)/;

describe("Proxmox corpus", () => {
  it("lists every corpus/proxmox file not owned by the pvecm/corosync parsers", () => {
    if (!existsSync(DIR)) throw new Error(`../shared/corpus is missing (looked for ${DIR})`);
    const ours = readdirSync(DIR).filter((f) => !OTHER_PARSERS.test(f)).sort();
    expect(ours).toEqual(Object.keys(FILES).sort());
  });

  it.each(Object.entries(FILES))("%s parses as %s", (file, format) => {
    expect(() => proxmoxFormats[format](corpus(file))).not.toThrow();
  });

  it("api-cluster-status: 4 online nodes, node1 local, quorate cluster version 4", () => {
    const s = parsePveClusterStatusJson(corpus("api-cluster-status-pve8x-gomock.json"));
    expect(s.cluster).toEqual({ name: "clustername", version: 4, quorate: true, nodes: 4 });
    expect(s.nodes.map((n) => [n.name, n.nodeid, n.online, n.local, n.ip])).toEqual([
      ["node2", 2, true, false, "192.168.1.2"],
      ["node3", 3, true, false, "192.168.1.3"],
      ["node1", 1, true, true, "192.168.1.1"],
      ["node4", 4, true, false, "192.168.1.4"],
    ]);
  });

  it("ha-groups.cfg: 3 groups with priorities, restricted only on mygroup2", () => {
    const { groups } = parsePveHaGroupsCfg(corpus("ha-groups.cfg-pve-docs.cfg"));
    expect(groups.map((g) => g.group)).toEqual(["prefer_node1", "mygroup1", "mygroup2"]);
    expect(groups[1]?.nodes).toEqual([
      { node: "node2", priority: 1 },
      { node: "node4", priority: null },
      { node: "node1", priority: 2 },
      { node: "node3", priority: 1 },
    ]);
    expect(groups.map((g) => g.restricted)).toEqual([null, null, true]);
    expect(parsePveHaGroupsCfg(renderHaGroupsCfg(groups)).groups).toEqual(groups);
  });

  it("ha-manager config: vm:100 stopped", () => {
    const { resources } = parseHaManagerConfig(corpus("ha-manager-config-pve-docs.txt"));
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({ sid: "vm:100", type: "vm", vmid: 100, state: "stopped" });
  });

  it("ha-manager status (pve-docs): single node elsa, ct:100 stopped, ct:102 and vm:501 started", () => {
    const s = parseHaManagerStatus(corpus("ha-manager-status-pve-docs-ct-stopped.txt"));
    expect(s).toMatchObject({ quorum: "OK", quorate: true, master: { node: "elsa", state: "active", time: "Mon Nov 21 07:23:29 2016" } });
    expect(s.lrms).toEqual([{ node: "elsa", state: "active", time: "Mon Nov 21 07:23:22 2016" }]);
    expect(s.services.map((x) => [x.sid, x.node, x.state])).toEqual([
      ["ct:100", "elsa", "stopped"],
      ["ct:102", "elsa", "started"],
      ["vm:501", "elsa", "started"],
    ]);
  });

  it("ha-manager status (PVE 4.1): master proxmox01, 2 active lrms, 4 started services", () => {
    const s = parseHaManagerStatus(corpus("ha-manager-status-pve4.1.txt"));
    expect(s.master?.node).toBe("proxmox01");
    expect(s.lrms.map((l) => [l.node, l.state])).toEqual([
      ["proxmox01", "active"],
      ["proxmox02", "active"],
    ]);
    expect(s.services.map((x) => [x.sid, x.node])).toEqual([
      ["ct:100", "proxmox01"],
      ["ct:101", "proxmox02"],
      ["ct:103", "proxmox01"],
      ["vm:102", "proxmox01"],
    ]);
    expect(s.services.every((x) => x.state === "started")).toBe(true);
  });

  it("manager_status (6 services): master node1, 3 online nodes, services spread 3/2/1", () => {
    const s = parsePveHaManagerStatusJson(corpus("ha-manager_status-sim-6svc.json"));
    expect(s.masterNode).toBe("node1");
    expect(s.timestamp).toBe(10);
    expect(s.nodes.every((n) => n.state === "online")).toBe(true);
    expect(s.services.map((x) => x.node)).toEqual(["node1", "node1", "node1", "node2", "node2", "node3"]);
    expect(s.services[0]).toMatchObject({ sid: "vm:100", state: "started", uid: "hSIUPNL/lBjgyU4svobXlg" });
  });

  it("manager_status (fence): node3 fenced, vm:102 stopped, vm:101 running", () => {
    const s = parsePveHaManagerStatusJson(corpus("ha-manager_status-sim-fence-stopped.json"));
    expect(s.nodes).toContainEqual({ node: "node3", state: "fence" });
    expect(s.services.map((x) => [x.sid, x.state, x.running])).toEqual([
      ["vm:101", "started", true],
      ["vm:102", "stopped", null],
      ["vm:103", "started", null],
    ]);
  });

  it("ha resources.cfg: vm 501 started max_relocate 2, ct 102 with only a comment", () => {
    const text = corpus("ha-resources.cfg-pve-docs.cfg");
    const { resources } = parsePveHaResourcesCfg(text);
    expect(resources.map((r) => [r.sid, r.state, r.maxRelocate])).toEqual([
      ["vm:501", "started", 2],
      ["ct:102", null, null],
    ]);
    expect(parseSectionConfig(text, "t").sections[1]?.lines).toEqual([
      { kind: "comment", text: "# Note: use default settings for everything" },
    ]);
    expect(parsePveHaResourcesCfg(renderHaResourcesCfg(resources)).resources).toEqual(resources);
  });

  it("ha rules.cfg (PVE 9): 5 resource-affinity rules, 2 positive, 3 negative", () => {
    const { rules } = parsePveHaRulesCfg(corpus("ha-rules.cfg-resource-affinity-pve9.cfg"));
    expect(rules).toHaveLength(5);
    expect(rules.every((r) => r.type === "resource-affinity")).toBe(true);
    expect(rules.map((r) => r.affinity)).toEqual(["positive", "positive", "negative", "negative", "negative"]);
    expect(rules[1]?.resources).toEqual(["vm:104", "vm:106", "vm:108"]);
    expect(parsePveHaRulesCfg(renderHaRulesCfg(rules)).rules).toEqual(rules);
  });

  it("pvesr status syncing: 100-0 to pve2, never synced, SYNCING", () => {
    const { jobs } = parsePvesrStatus(corpus("pvesr-status-2-syncing.txt"));
    expect(jobs).toEqual([
      { id: "100-0", guest: 100, jobnum: 0, enabled: true, target: "pve2", targetRaw: "local/pve2", lastSync: null, nextSync: "2025-12-27_21:10:00", pending: false, duration: null, failCount: 0, state: "SYNCING", syncing: true, ok: false },
    ]);
  });

  it("pvesr status two jobs: pve2 and pve3 targets, durations 3.47269 and 77.550764", () => {
    const { jobs } = parsePvesrStatus(corpus("pvesr-status-3-two-jobs-ok.txt"));
    expect(jobs.map((j) => [j.id, j.target, j.lastSync, j.duration, j.state])).toEqual([
      ["100-0", "pve2", "2025-12-27_21:12:16", 3.47269, "OK"],
      ["100-1", "pve3", "2025-12-27_21:13:16", 77.550764, "OK"],
    ]);
  });

  it("qm migrate PVE 4 with a bind warning: VM 105 to proxmox01, unbalanced status line, 7 ms", () => {
    const log = parseQmMigrateLog(corpus("qm-migrate-tasklog-pve4-online-drbd-bind-warning.txt"));
    expect(log).toMatchObject({ vmid: 105, target: "proxmox01", targetAddress: "192.168.0.185", online: true, ok: true, durationSeconds: 14, downtimeMs: 7, errors: [], lines: 14 });
    expect(log.progress).toEqual({ transferred: 197603120, remaining: 32460800, total: 1082990592 });
    expect(log.startedAt).toBe("May 06 17:40:25");
  });

  it("qm migrate PVE 4 glusterfs: VM 104 to proxmox02, 10 s, downtime 15 ms, TASK OK", () => {
    const log = parseQmMigrateLog(corpus("qm-migrate-tasklog-pve4-online-glusterfs.txt"));
    expect(log).toMatchObject({ vmid: 104, source: null, target: "proxmox02", online: true, ok: true, durationSeconds: 10, downtimeMs: 15, speed: "256.00 MB/s", taskStatus: "OK", progress: null });
  });

  it("replication.cfg doc example: local 100-0 to pve2 every 15 minutes from pve1", () => {
    const { jobs } = parsePveReplicationCfg(corpus("replication.cfg-doc-example-1job.cfg"));
    expect(jobs).toEqual([
      { type: "local", id: "100-0", guest: 100, jobnum: 0, target: "pve2", schedule: "*/15", rate: null, comment: null, disable: null, source: "pve1", removeJob: null, extra: {} },
    ]);
    expect(parsePveReplicationCfg(renderReplicationCfg(jobs)).jobs).toEqual(jobs);
  });

  it("storage.cfg nfs: server, export, options and content", () => {
    const { storages } = parsePveStorageCfg(corpus("storage.cfg-nfs.cfg"));
    expect(storages).toHaveLength(1);
    expect(storages[0]).toMatchObject({ type: "nfs", id: "iso-templates", server: "10.0.0.10", export: "/space/iso-templates", options: "vers=3,soft", path: "/mnt/pve/iso-templates", content: ["iso", "vztmpl"] });
  });

  it("storage.cfg default install: dir, lvmthin, zfspool with the sparse flag and comments", () => {
    const text = corpus("storage.cfg-pve-default-install.cfg");
    const { storages } = parsePveStorageCfg(text);
    expect(storages.map((s) => `${s.type}:${s.id}`)).toEqual(["dir:local", "lvmthin:local-lvm", "zfspool:local-zfs"]);
    expect(storages[1]).toMatchObject({ thinpool: "data", vgname: "pve", content: ["rootdir", "images"] });
    expect(storages[2]).toMatchObject({ pool: "rpool/data", sparse: true });
    expect(parseSectionConfig(text, "t").sections[2]?.comments).toEqual(["# default image store on ZFS based installation"]);
  });

  it("storage.cfg rbd excerpt: monhost list kept verbatim, krbd flag, two nodes", () => {
    const { storages } = parsePveStorageCfg(corpus("storage.cfg-rbd-external-excerpt.cfg"));
    expect(storages[0]).toMatchObject({
      type: "rbd",
      id: "ceph_storage",
      monhost: "192.168.0.117:6789 192.168.0.118:6789 192.168.0.119:6789",
      pool: "images",
      krbd: true,
      username: "images",
      nodes: ["proxmox02", "proxmox01"],
    });
  });

  const cfgFiles = Object.entries(FILES).filter(([, f]) => f.endsWith("-cfg") || f === "ha-manager-config");
  it.each(cfgFiles)("%s: parse → render → parse keeps the sections and the typed model", (file, format) => {
    const text = corpus(file);
    const sections = parseSectionConfig(text, format);
    expect(parseSectionConfig(renderSectionConfig(sections), format)).toEqual(sections);
    const typed = proxmoxFormats[format](text);
    expect(proxmoxFormats[format](renderSectionConfig(sections))).toEqual(typed);
  });

  it("storage.cfg corpus files round-trip through the typed renderer", () => {
    for (const file of ["storage.cfg-nfs.cfg", "storage.cfg-pve-default-install.cfg", "storage.cfg-rbd-external-excerpt.cfg"]) {
      const { storages } = parsePveStorageCfg(corpus(file));
      expect(parsePveStorageCfg(renderStorageCfg(storages)).storages).toEqual(storages);
    }
  });
});
