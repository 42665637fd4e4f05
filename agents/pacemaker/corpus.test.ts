import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { ParseError } from "../common/parse-error";
import type { TPacemakerStatus } from "./model";
import { parseCrmMonText } from "./parse-crm-mon-text";
import { parseCrmMonXml } from "./parse-crm-mon-xml";

// Every Pacemaker sample in the shared corpus (read in place, never copied), with values
// checked by reading each file. See shared/corpus/INDEX.md sections 3a/3b.
const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");

function read(rel: string): string {
  if (!existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked in ${CORPUS})`);
  return readFileSync(path.join(CORPUS, rel), "utf8");
}

const xml = (rel: string): TPacemakerStatus => parseCrmMonXml(read(rel));
const text = (rel: string): TPacemakerStatus => parseCrmMonText(read(rel));

function failure(parse: () => unknown): ParseError {
  try {
    parse();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error("expected a ParseError");
}

const rows = (s: TPacemakerStatus): string[] =>
  s.resources.map((r) => `${r.id} ${r.role} ${r.nodes.join(",") || "-"} ${r.parent ?? "-"}`);
const nodeRows = (s: TPacemakerStatus): string[] =>
  s.nodes.map((n) => `${n.name} ${n.online ? "online" : "offline"}${n.remote ? " remote" : ""}${n.standby ? " standby" : ""}${n.maintenance ? " maintenance" : ""}${n.unclean ? " unclean" : ""}`);

const XML_FILES = [
  "crmsh-crm_mon-xml-FRAGMENT-not-connected-102.xml",
  "crmsh-crm_mon-xml-FRAGMENT-standby-offline-maintenance.xml",
  "pcmk2.0.5-crm_mon-xml-basic.xml",
  "pcmk2.0.5-crm_mon-xml-partial-failures.xml",
  "pcmk3-crm_mon-xml-basic.xml",
  "pcmk3-crm_mon-xml-maintenance-offline-node.xml",
];
const TEXT_FILES = [
  "crm-status-1.1.10-pgsql-group-ms-clone.txt",
  "crm-status-1.1.10-stonith-only.txt",
  "crm-status-1.1.11-openais-plugin-group.txt",
  "crm-status-1.1.12-failed-actions-EXCERPT.txt",
  "crm_mon-Qrf1-1.1.10-dual-master-gfs2.txt",
  "crm_mon-Qrf1A-1.1.10-node-attributes.txt",
  "pcmk2.0.5-crm_mon-1-basic.txt",
  "pcmk3-crm_mon-1-basic.txt",
  "pcmk3-crm_mon-1-brief-by-node-inactive.txt",
  "pcmk3-crm_mon-1-complete-detail.txt",
  "pcmk3-crm_mon-1r-maintenance-all.txt",
  "pcmk3-crm_mon-1r-node-maintenance.txt",
  "pcmk3-crm_mon-mixed-version-remote-offline.txt",
  "pcs-status-2.0.5-offline-node-ids-fencing-history-PARTIAL.txt",
  "pcs-status-2.1.10-unclean-failed-TRUNCATED.txt",
];

describe("Pacemaker corpus", () => {
  it("is present and every file in it is covered below", () => {
    expect(existsSync(CORPUS), `../shared/corpus is missing (looked in ${CORPUS})`).toBe(true);
    expect(readdirSync(path.join(CORPUS, "pacemaker-xml")).sort()).toEqual([...XML_FILES].sort());
    expect(readdirSync(path.join(CORPUS, "pacemaker-text")).sort()).toEqual([...TEXT_FILES].sort());
  });
});

describe("corpus: crm-mon-xml", () => {
  it("crmsh not-connected fragment: a ParseError naming the status message", () => {
    const err = failure(() => xml("pacemaker-xml/crmsh-crm_mon-xml-FRAGMENT-not-connected-102.xml"));
    expect(err.message).toBe("crm_mon reported an error: Not connected to cluster (status code 102)");
  });

  it("crmsh standby/offline/maintenance fragment: nodes and resources, DC from is_dc", () => {
    const s = xml("pacemaker-xml/crmsh-crm_mon-xml-FRAGMENT-standby-offline-maintenance.xml");
    expect([s.dc, s.quorate]).toEqual(["tbw-1", null]);
    expect(nodeRows(s)).toEqual(["tbw-1 online standby", "tbw-2 offline", "tbw-3 online remote maintenance"]);
    expect(s.nodes.map((n) => [n.id, n.resourcesRunning])).toEqual([
      ["1084783148", 3],
      ["1084783312", 2],
      ["alp-2", 0],
    ]);
    expect(rows(s)).toEqual(["ocfs2-dlm Started tbw-2 -", "ocfs2-clusterfs Started tbw-2 -"]);
    expect(s.resources.map((r) => r.agent)).toEqual(["ocf:pacemaker:controld", "ocf:heartbeat:Filesystem"]);
  });

  it("pcmk 2.0.5 basic: DC without name, ocf:: agents, bundle, cloned group", () => {
    const s = xml("pacemaker-xml/pcmk2.0.5-crm_mon-xml-basic.xml");
    expect([s.dc, s.quorate, s.dcVersion, s.nodesConfigured, s.resourcesConfigured, s.resourcesDisabled]).toEqual([
      "cluster02",
      true,
      null,
      5,
      27,
      4,
    ]);
    expect(nodeRows(s)).toEqual([
      "cluster01 online",
      "cluster02 online",
      "httpd-bundle-0 offline remote",
      "httpd-bundle-1 offline remote",
      "httpd-bundle-2 offline remote",
    ]);
    expect(s.resources).toHaveLength(27);
    expect(s.resources[0]).toMatchObject({ id: "ping", agent: "ocf:pacemaker:ping", parent: "ping-clone", nodes: ["cluster02"] });
    expect(s.resources.filter((r) => r.parentKind === "bundle")).toHaveLength(12);
    expect(s.resources.filter((r) => r.id === "inactive-dhcpd").map((r) => r.targetRole)).toEqual(["Stopped", "Stopped"]);
    const mysql = s.resources.filter((r) => r.id === "mysql-proxy");
    expect(mysql.map((r) => `${r.role} ${r.nodes.join(",")}`)).toEqual(["Started cluster02", "Started cluster01", "Stopped ", "Stopped ", "Stopped "]);
    expect(mysql.every((r) => r.parent === "mysql-group" && r.cloneId === "mysql-clone-group")).toBe(true);
    expect([s.stonithEnabled, s.maintenanceMode, s.failures]).toEqual([true, false, []]);
  });

  it("pcmk 2.0.5 partially active: stopped clone instance, stopped bundle member, disabled group member", () => {
    const s = xml("pacemaker-xml/pcmk2.0.5-crm_mon-xml-partial-failures.xml");
    expect(s.resources).toHaveLength(13);
    expect(rows(s).slice(0, 3)).toEqual(["ping Started cluster01 ping-clone", "ping Stopped - ping-clone", "Fencing Started cluster01 -"]);
    expect(s.resources.filter((r) => r.id === "httpd").map((r) => `${r.role} ${r.nodes.join(",")}`)).toEqual([
      "Started httpd-bundle-0",
      "Stopped ",
    ]);
    expect(s.resources.find((r) => r.id === "dummy-2")).toMatchObject({ role: "Stopped", targetRole: "Stopped", parent: "partially-active-group" });
    expect(nodeRows(s)).toEqual(["cluster01 online", "cluster02 online", "httpd-bundle-0 online remote", "httpd-bundle-1 online remote"]);
    // The file has no <failures> section despite its name.
    expect(s.failures).toEqual([]);
    expect([s.resourcesConfigured, s.resourcesDisabled]).toEqual([13, 1]);
  });

  it("pcmk 3 basic: promotable clone roles, guest nodes, cluster options", () => {
    const s = xml("pacemaker-xml/pcmk3-crm_mon-xml-basic.xml");
    expect([s.dc, s.quorate, s.nodesConfigured, s.resourcesConfigured, s.stonithEnabled]).toEqual(["cluster02", true, 5, 32, true]);
    expect(s.resources).toHaveLength(32);
    expect(s.resources.filter((r) => r.id === "promotable-rsc").map((r) => `${r.role} ${r.nodes.join(",")}`)).toEqual([
      "Promoted cluster02",
      "Unpromoted cluster01",
      "Stopped ",
      "Stopped ",
      "Stopped ",
    ]);
    expect(s.nodes.find((n) => n.name === "httpd-bundle-2")).toMatchObject({ online: false, remote: true });
    expect(s.nodes.find((n) => n.name === "cluster02")).toMatchObject({ isDc: true, id: "2", resourcesRunning: 9 });
    expect(s.resources.find((r) => r.id === "Fencing")?.agent).toBe("stonith:fence_xvm");
  });

  it("pcmk 3 maintenance with an offline DC: unmanaged resources, maintenance-mode", () => {
    const s = xml("pacemaker-xml/pcmk3-crm_mon-xml-maintenance-offline-node.xml");
    expect([s.dc, s.quorate, s.maintenanceMode]).toEqual(["cluster02", true, true]);
    expect(nodeRows(s)).toEqual(["cluster01 online", "cluster02 offline"]);
    expect(s.nodes[1]?.isDc).toBe(true);
    expect(s.resources.map((r) => [r.id, r.managed, r.maintenance, r.nodes[0]])).toEqual([
      ["Fencing", false, true, "cluster01"],
      ["rsc1", false, true, "cluster01"],
      ["rsc2", false, true, "cluster02"],
    ]);
  });
});

describe("corpus: lab captures, crm-mon-xml", () => {
  it("2node-crm_mon.xml", () => {
    const s = xml("lab-captures/2node-crm_mon.xml");
    expect([s.dc, s.quorate, s.dcVersion, s.lastUpdated, s.stonithEnabled]).toEqual([
      "lab1",
      true,
      "2.1.5-a3f44794f94",
      "Sat Nov 21 13:53:33 2026",
      true,
    ]);
    expect(nodeRows(s)).toEqual(["lab1 online", "lab2 online"]);
    expect(s.resources).toEqual([]);
  });

  it("3node-crm_mon.xml", () => {
    const s = xml("lab-captures/3node-crm_mon.xml");
    expect([s.dc, s.quorate, s.nodesConfigured, s.resourcesConfigured]).toEqual(["lab2", true, 3, 0]);
    expect(nodeRows(s)).toEqual(["lab1 online", "lab2 online", "lab3 online"]);
  });

  it("3node-with-resources-crm_mon.xml", () => {
    const s = xml("lab-captures/3node-with-resources-crm_mon.xml");
    expect(rows(s)).toEqual(["dummy1 Started lab1 g1", "vip Started lab1 g1"]);
    expect(s.resources.map((r) => r.agent)).toEqual(["ocf:heartbeat:Dummy", "ocf:heartbeat:IPaddr2"]);
    expect([s.dc, s.stonithEnabled]).toEqual(["lab2", false]);
  });

  it("3node-after-rejoin-crm_mon.xml", () => {
    const s = xml("lab-captures/3node-after-rejoin-crm_mon.xml");
    expect(rows(s)).toEqual(["dummy1 Started lab1 g1", "vip Started lab1 g1"]);
    expect(nodeRows(s)).toEqual(["lab1 online", "lab2 online", "lab3 online"]);
    expect(s.lastUpdated).toBe("Sat Nov 21 13:52:53 2026");
  });

  it("failover-crash-crm_mon.xml", () => {
    const s = xml("lab-captures/failover-crash-crm_mon.xml");
    expect([s.dc, s.quorate]).toEqual(["lab3", true]);
    expect(nodeRows(s)).toEqual(["lab1 offline", "lab2 online", "lab3 online"]);
    expect(rows(s)).toEqual(["vip Started lab2 g1", "web Started lab2 g1"]);
  });

  it("3node-cib.xml is a CIB, not crm_mon output: rejected with a plain message", () => {
    expect(failure(() => xml("lab-captures/3node-cib.xml")).message).toBe("expected <pacemaker-result> or <crm_mon>, found <cib>");
  });
});

describe("corpus: crm-mon-text, Pacemaker 1.1", () => {
  it("crm status 1.1.10: group, clone set, Master/Slave set, trailing spaces", () => {
    const s = text("pacemaker-text/crm-status-1.1.10-pgsql-group-ms-clone.txt");
    expect([s.dc, s.quorate, s.dcVersion, s.stack, s.nodesConfigured, s.resourcesConfigured]).toEqual([
      "oattic01",
      true,
      "1.1.10-42f2063",
      "corosync",
      2,
      7,
    ]);
    expect(s.lastUpdated).toBe("Thu Feb  9 12:29:24 2017");
    expect(nodeRows(s)).toEqual(["oattic01 online", "oattic02 online"]);
    expect(rows(s)).toEqual([
      "vip-slave Started oattic01 -",
      "vip-master Started oattic01 master-group",
      "vip-rep Started oattic01 master-group",
      "pingCheck Started oattic01 clnPingCheck",
      "pingCheck Started oattic02 clnPingCheck",
      "pgsql Promoted oattic01 msPostgresql",
      "pgsql Unpromoted oattic02 msPostgresql",
    ]);
    expect(s.resources[0]?.agent).toBe("ocf:heartbeat:IPaddr2");
    expect(s.resources[3]?.agent).toBeNull();
  });

  it("crm status 1.1.10: stonith primitives separated by spaces", () => {
    const s = text("pacemaker-text/crm-status-1.1.10-stonith-only.txt");
    expect(rows(s)).toEqual(["p_fence_server01 Started server02 -", "p_fence_server02 Started server01 -"]);
    expect(s.resources.map((r) => r.agent)).toEqual(["stonith:fence_ipmilan", "stonith:fence_ipmilan"]);
    expect([s.dc, s.resourcesConfigured]).toEqual(["server01", 2]);
  });

  it("crm status 1.1.11 openais plugin: DC without id, 10-member group", () => {
    const s = text("pacemaker-text/crm-status-1.1.11-openais-plugin-group.txt");
    expect([s.dc, s.quorate, s.stack, s.nodesConfigured, s.resourcesConfigured]).toEqual([
      "centos01",
      true,
      "classic openais (with plugin)",
      2,
      12,
    ]);
    expect(s.resources).toHaveLength(12);
    expect(rows(s).slice(0, 3)).toEqual([
      "p_drbd_vg1 Promoted centos02 ms_drbd_vg1",
      "p_drbd_vg1 Unpromoted centos01 ms_drbd_vg1",
      "p_lvm_vg1 Started centos02 g_vg1",
    ]);
    expect(s.resources.filter((r) => r.parent === "g_vg1")).toHaveLength(10);
    expect(s.resources.find((r) => r.id === "p_lu_vg1_lun1")?.agent).toBe("ocf:scst:SCSTLun");
  });

  it("crm status 1.1.12 EXCERPT: `# crm status` and `[...]` lines, old two-line failed action", () => {
    const s = text("pacemaker-text/crm-status-1.1.12-failed-actions-EXCERPT.txt");
    expect([s.dc, s.quorate, s.dcVersion]).toEqual(["sle12-c", true, "1.1.12-ad083a8"]);
    expect(rows(s)).toEqual(["nfs-server Started sle12-a -"]);
    expect(s.failures).toEqual([
      {
        resource: "nfs-server",
        node: "sle12-c",
        operation: "monitor",
        exitReason: null,
        opKey: "nfs-server_monitor_0",
        intervalMs: 0,
        exitStatus: "unknown error",
        exitCode: 1,
        status: "complete",
        call: 298,
        lastRcChange: "Tue Dec 16 11:53:23 2014",
      },
    ]);
  });

  it("crm_mon -Qrf1 1.1.10: dual-primary Master/Slave, empty migration summary", () => {
    const s = text("pacemaker-text/crm_mon-Qrf1-1.1.10-dual-master-gfs2.txt");
    expect(s.lastUpdated).toBeNull();
    expect(rows(s)).toEqual([
      "p_fence_server01 Started server02 -",
      "p_fence_server02 Started server01 -",
      "p_drbd_r0 Promoted server01 ms_drbd",
      "p_drbd_r0 Promoted server02 ms_drbd",
      "p_controld Started server01 cl_dlm",
      "p_controld Started server02 cl_dlm",
      "p_fs_gfs2 Started server01 cl_fs_gfs2",
      "p_fs_gfs2 Started server02 cl_fs_gfs2",
    ]);
    expect(nodeRows(s)).toEqual(["server01 online", "server02 online"]);
  });

  it("crm_mon -Qrf1A 1.1.10: node attributes are not read as nodes or resources", () => {
    const s = text("pacemaker-text/crm_mon-Qrf1A-1.1.10-node-attributes.txt");
    expect([s.dc, s.quorate]).toEqual(["oattic02", true]);
    expect(nodeRows(s)).toEqual(["oattic01 online", "oattic02 online"]);
    expect(s.resources).toHaveLength(7);
    expect(rows(s)[0]).toBe("vip-slave Started oattic02 -");
  });
});

describe("corpus: crm-mon-text, Pacemaker 2.0 – 3.x", () => {
  it("2.0.5 basic: double-colon agents in the bulleted layout, cloned group summary", () => {
    const s = text("pacemaker-text/pcmk2.0.5-crm_mon-1-basic.txt");
    expect([s.dc, s.quorate, s.nodesConfigured, s.resourcesConfigured, s.resourcesDisabled]).toEqual(["cluster02", true, 5, 27, 4]);
    expect(rows(s)).toEqual([
      "ping Started cluster01 ping-clone",
      "ping Started cluster02 ping-clone",
      "Fencing Started cluster01 -",
      "dummy Started cluster02 -",
      "Public-IP Started cluster02 exim-group",
      "Email Started cluster02 exim-group",
      "mysql-group Started cluster01 mysql-clone-group",
      "mysql-group Started cluster02 mysql-clone-group",
    ]);
    expect(s.resources.find((r) => r.id === "dummy")?.agent).toBe("ocf:pacemaker:Dummy");
  });

  it("3.x basic: bundle replicas, GuestOnline nodes, promotable clone", () => {
    const s = text("pacemaker-text/pcmk3-crm_mon-1-basic.txt");
    expect(nodeRows(s)).toEqual(["cluster01 online", "cluster02 online", "httpd-bundle-0 online remote", "httpd-bundle-1 online remote"]);
    expect(s.resources).toHaveLength(13);
    expect(s.resources.filter((r) => r.parent === "httpd-bundle").map((r) => `${r.id} ${r.role} ${r.nodes.join(",")}`)).toEqual([
      "httpd-bundle-0 Started cluster01",
      "httpd-bundle-1 Started cluster02",
      "httpd-bundle-2 Stopped ",
    ]);
    expect(rows(s).slice(-2)).toEqual(["promotable-rsc Promoted cluster02 promotable-clone", "promotable-rsc Unpromoted cluster01 promotable-clone"]);
  });

  it("3.x brief by node with inactive: stderr lines first, counts skipped, bullet failure", () => {
    const s = text("pacemaker-text/pcmk3-crm_mon-1-brief-by-node-inactive.txt");
    expect([s.dc, s.quorate, s.nodesConfigured, s.resourcesConfigured, s.resourcesDisabled]).toEqual(["cluster02", true, 4, 16, 1]);
    expect(s.nodes.map((n) => `${n.name} ${n.id ?? "-"} ${n.host ?? "-"} ${n.remote}`)).toEqual([
      "cluster01 1 - false",
      "cluster02 2 - false",
      "httpd-bundle-0 - cluster02 true",
      "httpd-bundle-1 - cluster01 true",
    ]);
    expect(rows(s)).toEqual(["ping Started cluster01 ping-clone", "ping Stopped - ping-clone", "smart-mon Stopped - -"]);
    expect(s.failures).toEqual([
      {
        resource: "dummy-2",
        node: "cluster02",
        operation: "monitor",
        exitReason: null,
        opKey: "dummy-2_monitor_0",
        intervalMs: 0,
        exitStatus: "Unimplemented",
        exitCode: 3,
        status: "Done",
        call: 2,
        lastRcChange: null,
      },
    ]);
  });

  it("3.x complete detail: Replica[n] expansion, cloned group instances, descriptions", () => {
    const s = text("pacemaker-text/pcmk3-crm_mon-1-complete-detail.txt");
    expect(s.resources).toHaveLength(25);
    expect(s.resources.filter((r) => r.parentKind === "bundle")).toHaveLength(12);
    expect(s.resources.find((r) => r.id === "httpd")).toMatchObject({ nodes: ["httpd-bundle-0"], agent: "ocf:heartbeat:apache" });
    expect(s.resources.filter((r) => r.id === "mysql-proxy").map((r) => `${r.parent} ${r.cloneId} ${r.nodes.join(",")}`)).toEqual([
      "mysql-group mysql-clone-group cluster02",
      "mysql-group mysql-clone-group cluster01",
    ]);
    expect(s.resources.filter((r) => r.id === "promotable-rsc").map((r) => `${r.role} ${r.nodes.join(",")}`)).toEqual([
      "Promoted cluster02",
      "Unpromoted cluster01",
      "Stopped ",
      "Stopped ",
      "Stopped ",
    ]);
    expect(nodeRows(s)).toEqual([
      "cluster01 online",
      "cluster02 online",
      "httpd-bundle-0 online remote",
      "httpd-bundle-1 online remote",
      "httpd-bundle-2 offline remote",
    ]);
  });

  it("3.x -1r maintenance-mode: banner, disabled clone summary, every resource unmanaged", () => {
    const s = text("pacemaker-text/pcmk3-crm_mon-1r-maintenance-all.txt");
    expect(s.maintenanceMode).toBe(true);
    expect(s.resources).toHaveLength(17);
    expect(s.resources.every((r) => r.maintenance && !r.managed)).toBe(true);
    expect(s.resources.filter((r) => r.id === "inactive-dhcpd").map((r) => `${r.role} ${r.targetRole} ${r.nodes.length}`)).toEqual([
      "Stopped Stopped 0",
      "Stopped Stopped 0",
    ]);
    expect(s.resources.find((r) => r.id === "inactive-dummy-1")).toMatchObject({ targetRole: "Stopped", parent: "inactive-group" });
    expect(nodeRows(s).slice(0, 2)).toEqual(["httpd-bundle-0 online remote maintenance", "httpd-bundle-1 online remote maintenance"]);
  });

  it("3.x -1r node maintenance: one node in maintenance, mixed summary and detail lines", () => {
    const s = text("pacemaker-text/pcmk3-crm_mon-1r-node-maintenance.txt");
    expect(nodeRows(s)).toEqual(["cluster02 online maintenance", "httpd-bundle-1 online remote maintenance", "cluster01 online", "httpd-bundle-0 online remote"]);
    expect(s.maintenanceMode).toBeNull();
    expect(s.resources).toHaveLength(17);
    expect(s.resources.filter((r) => r.id === "ping").map((r) => `${r.nodes.join(",")} ${r.maintenance}`)).toEqual(["cluster02 true", "cluster01 false"]);
    expect(rows(s)).toContain("mysql-group Started cluster01 mysql-clone-group");
  });

  it("3.x mixed version: MIXED-VERSION DC line, offline remote and guest nodes", () => {
    const s = text("pacemaker-text/pcmk3-crm_mon-mixed-version-remote-offline.txt");
    expect([s.dc, s.quorate, s.resourcesConfigured]).toEqual(["cluster01", true, 4]);
    expect(nodeRows(s)).toEqual(["cluster01 online", "cluster02 online", "cluster03 offline", "guest01-0 offline remote", "remote01 offline remote"]);
    expect(s.nodes.find((n) => n.name === "remote01")?.id).toBe("4");
    expect(s.resources).toEqual([]);
  });

  it("pcs status 2.0.5 PARTIAL: starts at the DC line, node ids in lists, fencing history ignored", () => {
    const s = text("pacemaker-text/pcs-status-2.0.5-offline-node-ids-fencing-history-PARTIAL.txt");
    expect([s.dc, s.quorate, s.dcVersion, s.lastChange]).toEqual(["node-2", true, "2.0.5-c67665496", "Fri Dec 25 15:07:32 2020"]);
    expect(s.nodes.map((n) => `${n.name} ${n.id} ${n.online}`)).toEqual(["node-2 2 true", "node-1 1 false"]);
    expect(rows(s)).toEqual(["prmDummy1 Started node-2 -", "fence1-ipmilan Started node-2 -", "fence2-ipmilan Stopped - -"]);
    expect(s.failures).toEqual([]);
  });

  it("pcs status 2.1.10 TRUNCATED: UNCLEAN node, FAILED resources, prose failed actions", () => {
    const s = text("pacemaker-text/pcs-status-2.1.10-unclean-failed-TRUNCATED.txt");
    expect([s.clusterName, s.dc, s.quorate, s.stack, s.lastUpdated]).toEqual(["TNF", "master-0", true, "corosync", "Tue May  5 19:53:23 2026"]);
    expect(nodeRows(s)).toEqual(["master-1 offline unclean", "master-0 online"]);
    expect(s.resources.filter((r) => r.failed).map((r) => `${r.id} ${r.role} ${r.nodes.join(",")}`)).toEqual([
      "master-0_redfish Started master-0",
      "master-1_redfish Started master-0",
      "etcd Started master-0",
    ]);
    expect(s.resources.find((r) => r.id === "kubelet")).toMatchObject({ nodes: ["master-1"], agent: "systemd:kubelet", parent: "kubelet-clone" });
    expect(s.failures.map((f) => [f.resource, f.operation, f.intervalMs, f.node, f.exitStatus, f.exitReason, f.lastRcChange])).toEqual([
      ["master-0_redfish", "start", 0, "master-0", "error", null, "Tue May  5 19:53:18 2026"],
      ["kubelet", "monitor", 60000, "master-0", "not running", "inactive", "Tue May  5 18:43:20 2026"],
    ]);
  });
});

describe("corpus: lab captures, crm-mon-text", () => {
  it("2node-crm_mon.txt: `Status of pacemakerd` line, no active resources", () => {
    const s = text("lab-captures/2node-crm_mon.txt");
    expect([s.dc, s.quorate, s.dcVersion, s.resourcesConfigured]).toEqual(["lab1", true, "2.1.5-a3f44794f94", 0]);
    expect(nodeRows(s)).toEqual(["lab1 online", "lab2 online"]);
    expect(s.resources).toEqual([]);
  });

  it("2node-failover-crm_mon.txt", () => {
    const s = text("lab-captures/2node-failover-crm_mon.txt");
    expect(s.dc).toBe("lab2");
    expect(nodeRows(s)).toEqual(["lab2 online", "lab1 offline"]);
    expect(rows(s)).toEqual(["d2 Started lab2 -"]);
  });

  it("3node-crm_mon.txt and 3node-crm_status.txt", () => {
    for (const file of ["lab-captures/3node-crm_mon.txt", "lab-captures/3node-crm_status.txt"]) {
      const s = text(file);
      expect([s.dc, s.quorate, s.nodesConfigured]).toEqual(["lab2", true, 3]);
      expect(nodeRows(s)).toEqual(["lab1 online", "lab2 online", "lab3 online"]);
      expect(s.resources).toEqual([]);
    }
  });

  it("3node-pcs_status.txt: cluster name, WARNINGS and Daemon Status sections", () => {
    const s = text("lab-captures/3node-pcs_status.txt");
    expect([s.clusterName, s.dc, s.quorate, s.resources]).toEqual(["labclu", "lab2", true, []]);
    expect(nodeRows(s)).toEqual(["lab1 online", "lab2 online", "lab3 online"]);
  });

  it("3node-with-resources-crm_mon.txt", () => {
    expect(rows(text("lab-captures/3node-with-resources-crm_mon.txt"))).toEqual(["dummy1 Started lab1 g1", "vip Started lab1 g1"]);
  });

  it("failover-after-corosync-kill-crm_mon.txt", () => {
    const s = text("lab-captures/failover-after-corosync-kill-crm_mon.txt");
    expect(nodeRows(s)).toEqual(["lab2 online", "lab3 online", "lab1 offline"]);
    expect(rows(s)).toEqual(["dummy1 Started lab2 g1", "vip Started lab2 g1"]);
  });

  it("failover-crash-crm_mon.txt: starts at Node List, so no DC and unknown quorum", () => {
    const s = text("lab-captures/failover-crash-crm_mon.txt");
    expect([s.dc, s.quorate]).toEqual([null, null]);
    expect(rows(s)).toEqual(["vip Started lab2 g1", "web Started lab2 g1"]);
  });

  it("failover-link-down: the isolated node is WITHOUT quorum, the majority keeps it", () => {
    const isolated = text("lab-captures/failover-link-down-crm_mon-isolated-lab2.txt");
    expect([isolated.dc, isolated.quorate, nodeRows(isolated), isolated.resources]).toEqual([
      "lab2",
      false,
      ["lab2 online", "lab1 offline", "lab3 offline"],
      [],
    ]);
    const majority = text("lab-captures/failover-link-down-crm_mon-majority.txt");
    expect([majority.dc, majority.quorate, rows(majority)]).toEqual(["lab3", true, ["dummy1 Started lab1 g1", "vip Started lab1 g1"]]);
  });
});

describe("corpus: XML and text of the same cluster state give the same contract fields", () => {
  const contract = (s: TPacemakerStatus) => ({
    quorate: s.quorate,
    dc: s.dc,
    nodes: s.nodes
      .map(({ name, online, standby, maintenance, unclean, remote }) => ({ name, online, standby, maintenance, unclean, remote }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    resources: s.resources.map(({ id, agent, role, nodes, failed, managed, parent }) => ({ id, agent, role, nodes, failed, managed, parent })),
    failures: s.failures,
  });

  it("3node-with-resources", () => {
    expect(contract(text("lab-captures/3node-with-resources-crm_mon.txt"))).toEqual(
      contract(xml("lab-captures/3node-with-resources-crm_mon.xml")),
    );
  });

  it("2node and 3node without resources", () => {
    expect(contract(text("lab-captures/2node-crm_mon.txt"))).toEqual(contract(xml("lab-captures/2node-crm_mon.xml")));
    expect(contract(text("lab-captures/3node-crm_mon.txt"))).toEqual(contract(xml("lab-captures/3node-crm_mon.xml")));
  });
});
