import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { ParseError } from "../common/parse-error";
import { parseCrmMonXml } from "./parse-crm-mon-xml";

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

function parseError(input: string): ParseError {
  try {
    parseCrmMonXml(input);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error("expected a ParseError");
}

const result = (body: string, status = '<status code="0" message="OK"/>'): string =>
  `<pacemaker-result api-version="2.3" request="crm_mon --output-as=xml">${body}${status}</pacemaker-result>`;

describe("crm-mon-xml: legacy <crm_mon> (Pacemaker 1.1.20)", () => {
  const status = parseCrmMonXml(fixture("crm_mon-legacy-1.1.20-failures.xml"));

  it("reads the summary", () => {
    expect(status.quorate).toBe(true);
    expect(status.dc).toBe("node1");
    expect(status.dcVersion).toBe("1.1.20-5.el7-3c4c782f70");
    expect(status.lastUpdated).toBe("Mon Mar  2 10:00:00 2020");
    expect(status.nodesConfigured).toBe(3);
    expect(status.resourcesConfigured).toBe(9);
    expect(status.resourcesDisabled).toBe(1);
    expect(status.resourcesBlocked).toBe(1);
    expect(status.stonithEnabled).toBe(true);
    expect(status.maintenanceMode).toBe(false);
    expect(status.stopAllResources).toBeNull();
  });

  it("reads standby and unclean nodes", () => {
    expect(status.nodes.map((n) => [n.name, n.online, n.standby, n.unclean, n.isDc])).toEqual([
      ["node1", true, false, false, true],
      ["node2", true, true, false, false],
      ["node3", false, false, true, false],
    ]);
    expect(status.nodes[0]?.resourcesRunning).toBe(7);
    expect(status.nodes[2]?.id).toBe("3");
  });

  it("maps Master/Slave to Promoted/Unpromoted and ocf:: to ocf:", () => {
    const drbd = status.resources.filter((r) => r.id === "p_drbd_r0");
    expect(drbd.map((r) => [r.role, r.nodes])).toEqual([
      ["Promoted", ["node1"]],
      ["Unpromoted", ["node2"]],
      ["Stopped", []],
    ]);
    expect(drbd[0]?.agent).toBe("ocf:linbit:drbd");
    expect(drbd[1]?.targetRole).toBe("Unpromoted");
    expect(drbd[1]?.pending).toBe("Monitoring");
    expect(drbd.every((r) => r.parent === "ms_drbd_r0" && r.parentKind === "clone" && r.cloneId === "ms_drbd_r0")).toBe(true);
  });

  it("keeps stonith agents and flags failed, blocked, orphaned and disabled resources", () => {
    expect(status.resources.find((r) => r.id === "p_fence_node3")?.agent).toBe("stonith:fence_ipmilan");
    const vip = status.resources.find((r) => r.id === "p_vip_nfs");
    expect([vip?.failed, vip?.parent, vip?.parentKind, vip?.cloneId]).toEqual([true, "g_nfs", "group", null]);
    expect(status.resources.find((r) => r.id === "p_exportfs")?.targetRole).toBe("Stopped");
    const vm = status.resources.find((r) => r.id === "vm_web");
    expect([vm?.blocked, vm?.managed, vm?.failed, vm?.nodes]).toEqual([true, false, true, ["node1", "node3"]]);
    const orphan = status.resources.find((r) => r.id === "old_rsc");
    expect([orphan?.orphaned, orphan?.managed]).toEqual([true, false]);
    expect(status.resources).toHaveLength(9);
  });

  it("reads failures, splitting op keys whose resource ids contain underscores", () => {
    expect(status.failures).toEqual([
      {
        resource: "p_vip_nfs",
        node: "node1",
        operation: "monitor",
        exitReason: "IP 10.0.0.50 vanished & <gone>",
        opKey: "p_vip_nfs_monitor_10000",
        intervalMs: 10000,
        exitStatus: "not running",
        exitCode: 7,
        status: "complete",
        call: 42,
        lastRcChange: "Mon Mar  2 09:59:01 2020",
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
        lastRcChange: "Mon Mar  2 09:58:00 2020",
      },
      {
        resource: "vm_web",
        node: "node1",
        operation: "migrate_to",
        exitReason: null,
        opKey: "vm_web_migrate_to_0",
        intervalMs: 0,
        exitStatus: "error",
        exitCode: 1,
        status: "complete",
        call: 12,
        lastRcChange: null,
      },
    ]);
  });
});

describe("crm-mon-xml: DC and quorum", () => {
  const nodes =
    '<nodes><node name="a" id="1" online="true" is_dc="false" type="member"/><node name="b" id="2" online="true" is_dc="true" type="member"/></nodes>';

  it("finds the DC through is_dc when current_dc has no name (2.0.x)", () => {
    const s = parseCrmMonXml(result(`<summary><current_dc present="true" version="2.0.3" with_quorum="false"/></summary>${nodes}`));
    expect([s.dc, s.quorate]).toEqual(["b", false]);
  });

  it("finds the DC through current_dc id when the name is missing", () => {
    const s = parseCrmMonXml(result(`<summary><current_dc present="true" id="1" with_quorum="true"/></summary>${nodes}`));
    expect([s.dc, s.nodes.map((n) => n.isDc)]).toEqual(["a", [true, false]]);
  });

  it("has no DC and unknown quorum when current_dc is absent", () => {
    const s = parseCrmMonXml(result(`<summary><current_dc present="false"/></summary>${nodes}`));
    expect([s.dc, s.quorate]).toEqual([null, null]);
  });

  it("marks remote and guest nodes, maintenance and pending", () => {
    const s = parseCrmMonXml(
      result(
        '<nodes><node name="r1" id="r1" online="true" maintenance="true" pending="false" type="remote"/><node name="n1" id="1" online="false" pending="true" type="member"/></nodes>',
      ),
    );
    expect(s.nodes.map((n) => [n.name, n.remote, n.maintenance, n.pending, n.online])).toEqual([
      ["r1", true, true, false, true],
      ["n1", false, false, true, false],
    ]);
  });
});

describe("crm-mon-xml: cloned groups and bundles", () => {
  const s = parseCrmMonXml(
    result(`<nodes><node name="a" online="true" type="member"/></nodes><resources>
      <clone id="mysql-clone" multi_state="false" unique="false" managed="true">
        <group id="mysql-group:0" number_resources="2">
          <resource id="mysql-proxy" resource_agent="lsb:mysql-proxy" role="Started" managed="true" failed="false"><node name="a" id="1"/></resource>
          <resource id="mysql_vip" resource_agent="ocf::heartbeat:IPaddr2" role="Started" managed="true" failed="false"><node name="a" id="1"/></resource>
        </group>
      </clone>
      <bundle id="web-bundle" type="podman" image="web:1" unique="false" managed="true" failed="false">
        <replica id="0">
          <resource id="web-bundle-podman-0" resource_agent="ocf:heartbeat:podman" role="Started" managed="true" failed="false"><node name="a" id="1"/></resource>
        </replica>
      </bundle>
    </resources>`),
  );

  it("gives cloned group members the group's configured id as parent and the clone as cloneId", () => {
    expect(s.resources.slice(0, 2).map((r) => [r.id, r.parent, r.parentKind, r.cloneId, r.agent])).toEqual([
      ["mysql-proxy", "mysql-group", "group", "mysql-clone", "lsb:mysql-proxy"],
      ["mysql_vip", "mysql-group", "group", "mysql-clone", "ocf:heartbeat:IPaddr2"],
    ]);
  });

  it("puts bundle replicas under the bundle", () => {
    expect(s.resources[2]).toMatchObject({ id: "web-bundle-podman-0", parent: "web-bundle", parentKind: "bundle", cloneId: null });
  });
});

describe("crm-mon-xml: error results", () => {
  it("throws a ParseError naming crm_mon's message when there is no cluster state", () => {
    const err = parseError(
      result(
        "",
        '<status code="102" message="Not connected to cluster"><errors><error>crm_mon: Error: cluster is not available on this node</error></errors></status>',
      ),
    );
    expect(err.format).toBe("crm-mon-xml");
    expect(err.message).toBe(
      "crm_mon reported an error: Not connected to cluster (status code 102): crm_mon: Error: cluster is not available on this node",
    );
  });

  it("returns the state with `error` set when a failed status still came with nodes", () => {
    const s = parseCrmMonXml(result('<nodes><node name="a" online="true"/></nodes>', '<status code="105" message="No such object"/>'));
    expect(s.error).toBe("No such object (status code 105)");
    expect(s.nodes.map((n) => n.name)).toEqual(["a"]);
  });
});

describe("crm-mon-xml: input that is not crm_mon XML", () => {
  it("rejects empty input", () => {
    expect(parseError("  \n").message).toBe("empty input");
  });

  it("rejects garbage", () => {
    expect(parseError("Cluster Summary:\n  * Stack: corosync\n").message).toBe("no XML element found");
  });

  it("rejects truncated XML with the line where it ends", () => {
    const full = fixture("crm_mon-legacy-1.1.20-failures.xml");
    const cut = full.slice(0, full.indexOf("<resource id=\"vm_web\""));
    const err = parseError(cut);
    expect(err.message).toBe("truncated XML: <resources> is never closed");
    expect(err.line).toBe(cut.split("\n").length);
    expect(parseError(full.slice(0, full.indexOf('resource_agent="ocf::heartbeat:Dummy"'))).message).toBe(
      "truncated XML: <resources> is never closed",
    );
  });

  it("rejects mismatched tags", () => {
    expect(parseError("<crm_mon><nodes></resources></crm_mon>").message).toBe("mismatched </resources>, expected </nodes>");
  });

  it("rejects DOCTYPE declarations instead of expanding entities", () => {
    const err = parseError('<!DOCTYPE crm_mon [<!ENTITY x "boom">]>\n<crm_mon><nodes><node name="&x;"/></nodes></crm_mon>');
    expect(err.message).toBe("DOCTYPE declarations are not accepted");
  });

  it("rejects a CIB, which is not crm_mon output", () => {
    expect(parseError('<cib epoch="1"><configuration/><status/></cib>').message).toBe(
      "expected <pacemaker-result> or <crm_mon>, found <cib>",
    );
  });

  it("rejects a crm_mon root without summary or nodes", () => {
    expect(parseError('<crm_mon version="1.1.20"></crm_mon>').message).toBe("<crm_mon> holds no <summary> or <nodes>");
  });

  it("skips stderr lines before the document and a prompt after it", () => {
    const s = parseCrmMonXml(
      `crm_mon: warning: something odd\r\n${result('<nodes><node name="a" online="true"/></nodes>')}\r\nroot@a:~# \r\n`,
    );
    expect(s.nodes.map((n) => n.name)).toEqual(["a"]);
  });
});

describe("crm-mon-xml: 1,000 resources on 3 nodes", () => {
  it("parses every resource (and skips the bulky node_history)", () => {
    const nodes = ["lab1", "lab2", "lab3"];
    let resources = "";
    let history = "";
    for (let g = 0; g < 100; g++) {
      resources += `<group id="g${g}" number_resources="10" managed="true" disabled="false">`;
      for (let i = 0; i < 10; i++) {
        const n = g * 10 + i;
        const node = nodes[g % 3] ?? "lab1";
        resources += `<resource id="r_${n}" resource_agent="ocf:heartbeat:Dummy" role="Started" active="true" orphaned="false" blocked="false" maintenance="false" managed="true" failed="${n === 999}" failure_ignored="false" nodes_running_on="1"><node name="${node}" id="${(g % 3) + 1}" cached="true"/></resource>`;
        history += `<resource_history id="r_${n}" orphan="false" migration-threshold="1000000"><operation_history call="${n}" task="start" rc="0" rc_text="ok" exec-time="9ms" queue-time="0ms"/><operation_history call="${n + 1}" task="monitor" rc="0" rc_text="ok" interval="10000ms" exec-time="9ms" queue-time="0ms"/></resource_history>`;
      }
      resources += "</group>";
    }
    const xml = result(
      `<summary><current_dc present="true" name="lab2" id="2" with_quorum="true"/><resources_configured number="1000" disabled="0" blocked="0"/></summary>` +
        `<nodes>${nodes.map((n, i) => `<node name="${n}" id="${i + 1}" online="true" type="member" is_dc="${n === "lab2"}"/>`).join("")}</nodes>` +
        `<resources>${resources}</resources><node_history><node name="lab1">${history}</node></node_history>` +
        `<failures><failure op_key="r_999_monitor_10000" node="lab1" exitstatus="not running" exitreason="" exitcode="7" call="5" status="complete" task="monitor" interval="10000"/></failures>`,
    );
    const s = parseCrmMonXml(xml);
    expect(s.resources).toHaveLength(1000);
    expect(s.resourcesConfigured).toBe(1000);
    expect(s.resources[0]).toMatchObject({ id: "r_0", parent: "g0", nodes: ["lab1"], role: "Started" });
    expect(s.resources[999]).toMatchObject({ id: "r_999", parent: "g99", nodes: ["lab1"], failed: true });
    expect(s.resources.filter((r) => r.nodes[0] === "lab2")).toHaveLength(330);
    expect(s.failures.map((f) => [f.resource, f.operation])).toEqual([["r_999", "monitor"]]);
    expect(s.dc).toBe("lab2");
  });
});
