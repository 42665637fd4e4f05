import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { ParseError } from "../common/parse-error";
import { parseCrmMonText } from "./parse-crm-mon-text";

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

function parseError(input: string): ParseError {
  try {
    parseCrmMonText(input);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error("expected a ParseError");
}

const summary = (dc = "lab1 (version 2.1.5-a3f44794f94) - partition with quorum"): string =>
  `Cluster Summary:\n  * Stack: corosync\n  * Current DC: ${dc}\n  * 3 nodes configured\n  * 4 resource instances configured\n\n`;

describe("crm-mon-text: 1.1.15–2.0.3 layout with failures (hand-written)", () => {
  const s = parseCrmMonText(fixture("crm_mon-1.1.16-failed-unclean.txt"));

  it("reads the DC line with version and WITHOUT quorum", () => {
    expect([s.dc, s.quorate, s.dcVersion, s.stack]).toEqual(["node1", false, "1.1.16-12.el7-94ff4df", "corosync"]);
    expect([s.nodesConfigured, s.resourcesConfigured, s.resourcesDisabled, s.resourcesBlocked]).toEqual([4, 10, 1, 0]);
    expect([s.lastUpdated, s.lastChange]).toEqual(["Tue Mar  3 10:00:00 2020", "Tue Mar  3 09:00:00 2020"]);
  });

  it("reads standby, UNCLEAN (offline) and RemoteOnline nodes", () => {
    expect(s.nodes.map((n) => [n.name, n.id, n.online, n.standby, n.unclean, n.remote, n.isDc])).toEqual([
      ["node2", "2", true, true, false, false, false],
      ["node3", "3", false, false, true, false, false],
      ["node1", null, true, false, false, false, true],
      ["remote1", null, true, false, false, true, false],
    ]);
  });

  it("reads FAILED Master, clone summaries and a stopped clone instance", () => {
    const drbd = s.resources.filter((r) => r.id === "p_drbd_r0");
    expect(drbd.map((r) => [r.role, r.nodes, r.failed, r.agent])).toEqual([
      ["Promoted", ["node3"], true, "ocf:linbit:drbd"],
      ["Promoted", ["node1"], false, null],
      ["Stopped", [], false, null],
    ]);
    expect(drbd.every((r) => r.parent === "ms_drbd_r0" && r.cloneId === "ms_drbd_r0")).toBe(true);
  });

  it("reads FAILED without a role as Started, (disabled), multi-active, ORPHANED, unmanaged, blocked and pending", () => {
    const byId = new Map(s.resources.map((r) => [r.id, r]));
    expect(byId.get("p_vip_nfs")).toMatchObject({ role: "Started", failed: true, nodes: ["node1"], parent: "g_nfs", parentKind: "group" });
    expect(byId.get("p_exportfs")).toMatchObject({ role: "Stopped", nodes: [], targetRole: "Stopped" });
    expect(byId.get("vm_web")).toMatchObject({ role: "Started", nodes: ["node1", "node3"], parent: null });
    expect(byId.get("old_rsc")).toMatchObject({ orphaned: true, managed: false, nodes: ["node1"] });
    expect(byId.get("p_blocked")).toMatchObject({ failed: true, blocked: true, managed: false });
    expect(byId.get("p_slow")).toMatchObject({ role: "Starting", pending: "Starting", nodes: ["node1"] });
    expect(byId.get("p_fence_node3")?.agent).toBe("stonith:fence_ipmilan");
    expect(s.resources).toHaveLength(11);
  });

  it("reads two-line failed actions, keeping quotes and commas in the exit reason", () => {
    expect(s.failures).toEqual([
      {
        resource: "p_vip_nfs",
        node: "node1",
        operation: "monitor",
        exitReason: "IP 10.0.0.50 vanished, it's gone",
        opKey: "p_vip_nfs_monitor_10000",
        intervalMs: 10000,
        exitStatus: "not running",
        exitCode: 7,
        status: "complete",
        call: 42,
        lastRcChange: "Tue Mar  3 09:59:01 2020",
      },
      {
        resource: "p_drbd_r0",
        node: "node3",
        operation: "promote",
        exitReason: null,
        opKey: "p_drbd_r0_promote_0",
        intervalMs: 0,
        exitStatus: "unknown error",
        exitCode: 1,
        status: "complete",
        call: 17,
        lastRcChange: "Tue Mar  3 09:58:00 2020",
      },
    ]);
  });
});

describe("crm-mon-text: failed action forms", () => {
  const withFailures = (lines: string): string =>
    `${summary()}Node List:\n  * Online: [ lab1 ]\n\nFailed Resource Actions:\n${lines}\n`;

  it("reads the 1.1.10 `key (node=, call=, rc=, status=): text` form", () => {
    const s = parseCrmMonText(
      "Stack: corosync\nCurrent DC: a (1) - partition with quorum\n\nOnline: [ a ]\n\nFailed actions:\n" +
        "    p_vip_monitor_10000 (node=a, call=20, rc=7, status=complete, last-rc-change=Thu Feb  9 12:00:00 2017, queued=0ms, exec=0ms): not running\n",
    );
    expect(s.failures).toEqual([
      {
        resource: "p_vip",
        node: "a",
        operation: "monitor",
        exitReason: null,
        opKey: "p_vip_monitor_10000",
        intervalMs: 10000,
        exitStatus: "not running",
        exitCode: 7,
        status: "complete",
        call: 20,
        lastRcChange: "Thu Feb  9 12:00:00 2017",
      },
    ]);
  });

  it("reads the 2.x one-line bullet form with exitreason and last-rc-change", () => {
    const s = parseCrmMonText(
      withFailures(
        "  * p_web_start_0 on lab1 'not installed' (5): call=12, status='complete', exitreason='Could not find /opt/app', last-rc-change='Mon Jun  9 11:45:10 2025', queued=0ms, exec=48ms",
      ),
    );
    expect(s.failures[0]).toMatchObject({
      resource: "p_web",
      operation: "start",
      exitReason: "Could not find /opt/app",
      exitCode: 5,
      status: "complete",
      lastRcChange: "Mon Jun  9 11:45:10 2025",
    });
  });

  it("reads an exit reason on its own continuation line", () => {
    const s = parseCrmMonText(
      withFailures(
        "  * flow_p1_start_0 on lab1 'not installed' (5): call=12, status='complete',\n      exitreason='Could not find Python venv at /opt/flow/.venv',\n      last-rc-change='Mon Jun  9 11:45:10 2025', queued=0ms, exec=48ms",
      ),
    );
    expect(s.failures[0]).toMatchObject({
      resource: "flow_p1",
      exitReason: "Could not find Python venv at /opt/flow/.venv",
      lastRcChange: "Mon Jun  9 11:45:10 2025",
    });
  });

  it("reads the 2.1 prose forms, including probes and `could not be executed`", () => {
    const s = parseCrmMonText(
      withFailures(
        [
          "  * db_vip 10s-interval monitor on lab1 returned 'not running' (address (10.0.0.9) missing) at Tue May  5 18:43:20 2026 after 12ms",
          "  * db_fs probe on lab1 returned 'error' at Tue May  5 18:40:00 2026",
          "  * db_app start on lab1 could not be executed (Timed Out: agent hung) at Tue May  5 18:41:00 2026 after 20s",
        ].join("\n"),
      ),
    );
    expect(s.failures.map((f) => [f.resource, f.operation, f.intervalMs, f.exitStatus, f.exitReason, f.status, f.lastRcChange])).toEqual([
      ["db_vip", "monitor", 10000, "not running", "address (10.0.0.9) missing", "Done", "Tue May  5 18:43:20 2026"],
      ["db_fs", "monitor", 0, "error", null, "Done", "Tue May  5 18:40:00 2026"],
      ["db_app", "start", 0, null, "agent hung", "Timed Out", "Tue May  5 18:41:00 2026"],
    ]);
  });

  it("does not read fencing failures as resource failures", () => {
    const s = parseCrmMonText(
      `${summary()}Node List:\n  * Online: [ lab1 ]\n\nFailed Fencing Actions:\n  * reboot of lab2 failed: delegate=lab1, client=pacemaker-controld.1, origin=lab1, last-failed='2020-12-25 15:09:44 +09:00'\n`,
    );
    expect(s.failures).toEqual([]);
  });
});

describe("crm-mon-text: nodes", () => {
  it("reads every node state word", () => {
    const s = parseCrmMonText(
      `${summary()}Node List:\n` +
        [
          "  * Node a: standby (with active resources)",
          "  * Node b: OFFLINE (standby)",
          "  * Node c: OFFLINE (maintenance)",
          "  * Node d: UNCLEAN (online)",
          "  * Node e: pending",
          "  * Node f: standby (on-fail)",
          "  * RemoteNode r1: maintenance",
          "  * GuestNode g1@a: online",
          "  * RemoteOFFLINE: [ r2 ]",
          "  * GuestOnline: [ g2@b ]",
        ].join("\n"),
    );
    expect(s.nodes.map((n) => [n.name, n.online, n.standby, n.maintenance, n.unclean, n.pending, n.remote, n.host])).toEqual([
      ["a", true, true, false, false, false, false, null],
      ["b", false, true, false, false, false, false, null],
      ["c", false, false, true, false, false, false, null],
      ["d", true, false, false, true, false, false, null],
      ["e", false, false, false, false, true, false, null],
      ["f", true, true, false, false, false, false, null],
      ["r1", true, false, true, false, false, true, null],
      ["g1", true, false, false, false, false, true, "a"],
      ["r2", false, false, false, false, false, true, null],
      ["g2", true, false, false, false, false, true, "b"],
    ]);
  });

  it("does not give resources to the last `Node x:` line of the 1.1 layout", () => {
    const s = parseCrmMonText("Current DC: a (1) - partition with quorum\nNode a (1): standby\nNode b (2): UNCLEAN (offline)\n\n Clone Set: c [p]\n     p\t(ocf::heartbeat:Dummy):\tStarted \n");
    expect(s.resources.map((r) => [r.id, r.role, r.nodes])).toEqual([["p", "Started", []]]);
  });

  it("has no DC and unknown quorum with `Current DC: NONE`", () => {
    const s = parseCrmMonText("Stack: corosync\nCurrent DC: NONE\n2 nodes configured\n\nOFFLINE: [ a b ]\n");
    expect([s.dc, s.quorate, s.nodes.map((n) => n.online)]).toEqual([null, null, [false, false]]);
  });

  it("reads `N nodes and M resources configured` (1.1.13/1.1.14)", () => {
    const s = parseCrmMonText("Current DC: a (version 1.1.14) - partition with quorum\n2 nodes and 5 resources configured\n\nOnline: [ a b ]\n");
    expect([s.nodesConfigured, s.resourcesConfigured]).toEqual([2, 5]);
  });
});

describe("crm-mon-text: resources grouped by node", () => {
  it("gives 1.1 `crm_mon -n` resources the node they are listed under", () => {
    const s = parseCrmMonText(fixture("crm_mon-n-1.1.12-group-by-node.txt"));
    expect(s.resources.map((r) => [r.id, r.agent, r.role, r.nodes])).toEqual([
      ["p_vip", "ocf:heartbeat:IPaddr2", "Started", ["alpha"]],
      ["p_ping", "ocf:pacemaker:ping", "Started", ["alpha"]],
      ["p_ping", "ocf:pacemaker:ping", "Started", ["beta"]],
      ["p_web", "lsb:apache2", "Started", ["beta"]],
    ]);
    expect(s.nodes.map((n) => [n.name, n.id, n.online])).toEqual([
      ["alpha", "1", true],
      ["beta", "2", true],
    ]);
    expect([s.dc, s.dcVersion, s.nodesConfigured, s.resourcesConfigured]).toEqual(["alpha", "1.1.12-a14efad", 2, 4]);
  });

  it("reads the 2.x `Node x: online:` / `Resources:` tree", () => {
    const s = parseCrmMonText(
      `${summary()}Node List:\n  * Node lab1: online:\n    * Resources:\n      * ping\t(ocf:pacemaker:ping):\t Started\n      * Fencing\t(stonith:fence_xvm):\t Started\n  * Node lab2: online:\n    * Resources:\n      * ping\t(ocf:pacemaker:ping):\t Started\n`,
    );
    expect(s.resources.map((r) => [r.id, r.nodes])).toEqual([
      ["ping", ["lab1"]],
      ["Fencing", ["lab1"]],
      ["ping", ["lab2"]],
    ]);
  });
});

describe("crm-mon-text: clones, groups and flags", () => {
  it("reads a unique clone, a cloned group and the promotable target-role summary", () => {
    const s = parseCrmMonText(
      `${summary()}Full List of Resources:\n` +
        [
          "  * Clone Set: ip-clone [ip] (unique):",
          "    * ip:0\t(ocf:heartbeat:IPaddr2):\t Started lab1",
          "    * ip:1\t(ocf:heartbeat:IPaddr2):\t Stopped",
          "  * Clone Set: db-clone [db-group]:",
          "    * Resource Group: db-group:0:",
          "      * db\t(systemd:postgresql):\t Started lab2",
          "    * Started: [ lab3 ]",
          "  * Clone Set: st-clone [st] (promotable, unmanaged):",
          "    * Unpromoted (target-role): [ lab1 lab2 ]",
        ].join("\n"),
    );
    expect(s.resources.map((r) => [r.id, r.role, r.nodes, r.parent, r.parentKind, r.cloneId, r.managed, r.targetRole])).toEqual([
      ["ip:0", "Started", ["lab1"], "ip-clone", "clone", "ip-clone", true, null],
      ["ip:1", "Stopped", [], "ip-clone", "clone", "ip-clone", true, null],
      ["db", "Started", ["lab2"], "db-group", "group", "db-clone", true, null],
      ["db-group", "Started", ["lab3"], "db-clone", "clone", "db-clone", true, null],
      ["st", "Unpromoted", ["lab1"], "st-clone", "clone", "st-clone", false, "Unpromoted"],
      ["st", "Unpromoted", ["lab2"], "st-clone", "clone", "st-clone", false, "Unpromoted"],
    ]);
  });

  it("keeps a trailing-colon group id in the 1.1 layout and strips it in the bulleted one", () => {
    const legacy = parseCrmMonText("Current DC: a (1) - partition with quorum\nOnline: [ a ]\n\n Resource Group: g1\n     r1\t(ocf::heartbeat:Dummy):\tStarted a \n");
    expect(legacy.resources[0]?.parent).toBe("g1");
    const bulleted = parseCrmMonText(`${summary()}Full List of Resources:\n  * Resource Group: g1 (2 members inactive):\n    * r1\t(ocf:heartbeat:Dummy):\t Stopped\n`);
    expect(bulleted.resources[0]).toMatchObject({ parent: "g1", role: "Stopped", nodes: [] });
  });

  it("reads the maintenance banner and the stop-all-resources banner", () => {
    const maint = parseCrmMonText(`${summary()}              *** Resource management is DISABLED ***\n  The cluster will not attempt to start, stop or recover services\n\nNode List:\n  * Online: [ a ]\n`);
    expect([maint.maintenanceMode, maint.stopAllResources]).toEqual([true, null]);
    const stopAll = parseCrmMonText(`${summary()}              *** Resource management is DISABLED ***\n  The cluster will keep all resources stopped\n\nNode List:\n  * Online: [ a ]\n`);
    expect([stopAll.maintenanceMode, stopAll.stopAllResources]).toEqual([false, true]);
  });
});

describe("crm-mon-text: input as found in the wild", () => {
  it("reads CRLF, NUL bytes and a leading prompt line", () => {
    const s = parseCrmMonText(
      "root@lab1:~# crm_mon -1\r\nCluster Summary:\r\n  * Current DC: lab1 (version 2.1.5) - partition with quorum\u0000\r\n\r\nNode List:\r\n  * Online: [ lab1 lab2 ]\r\n",
    );
    expect([s.dc, s.quorate, s.nodes.map((n) => n.name)]).toEqual(["lab1", true, ["lab1", "lab2"]]);
  });

  it("throws a ParseError naming crm_mon's error when the cluster is down", () => {
    const err = parseError("crm_mon: Error: cluster is not available on this node\n");
    expect(err.message).toBe("no cluster status, only: crm_mon: Error: cluster is not available on this node");
    expect(err.line).toBe(1);
    expect(parseError("Error: error running crm_mon, is pacemaker running?\n\n").line).toBe(1);
  });

  it("rejects empty input and garbage", () => {
    expect(parseError("").message).toBe("no Pacemaker status found (expected crm_mon, crm status or pcs status output)");
    expect(parseError("hello world\nthis is not crm_mon\n").format).toBe("crm-mon-text");
    expect(parseError(`${"x".repeat(100_000)}\n`).format).toBe("crm-mon-text");
  });

  it("rejects output truncated before any cluster state", () => {
    expect(parseError("Cluster Summary:\n  * Stack: corosync\n").message).toBe(
      "no Pacemaker status found (expected crm_mon, crm status or pcs status output)",
    );
  });

  it("parses what is there when output is cut after the node list", () => {
    const s = parseCrmMonText(`${summary()}Node List:\n  * Online: [ lab1 lab2 ]\n\nFull List of Resources:\n`);
    expect([s.nodes.length, s.resources.length, s.quorate]).toEqual([2, 0, true]);
  });
});

describe("crm-mon-text: 1,000 resources on 3 nodes", () => {
  it("parses every resource", () => {
    const nodes = ["lab1", "lab2", "lab3"];
    const lines = [summary("lab2 (version 2.1.5) - partition with quorum"), "Node List:", "  * Online: [ lab1 lab2 lab3 ]", "", "Full List of Resources:"];
    for (let g = 0; g < 100; g++) {
      lines.push(`  * Resource Group: g${g}:`);
      for (let i = 0; i < 10; i++) {
        const n = g * 10 + i;
        lines.push(`    * r_${n}\t(ocf:heartbeat:Dummy):\t ${n === 999 ? "FAILED" : "Started"} ${nodes[g % 3] ?? "lab1"}`);
      }
    }
    lines.push("", "Failed Resource Actions:", "  * r_999 10s-interval monitor on lab1 returned 'not running' at Sat Nov 21 13:53:33 2026");
    const s = parseCrmMonText(lines.join("\n"));
    expect(s.resources).toHaveLength(1000);
    expect(s.resources[0]).toMatchObject({ id: "r_0", parent: "g0", nodes: ["lab1"], role: "Started" });
    expect(s.resources[999]).toMatchObject({ id: "r_999", parent: "g99", nodes: ["lab1"], failed: true });
    expect(s.resources.filter((r) => r.nodes[0] === "lab2")).toHaveLength(330);
    expect(s.failures.map((f) => [f.resource, f.operation, f.intervalMs])).toEqual([["r_999", "monitor", 10000]]);
  });
});
