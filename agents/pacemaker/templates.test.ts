import { describe, expect, it } from "vitest";
import { renderElement } from "./cib-xml";
import { renderConstraints, renderResources } from "./render-cib";
import { drbdServiceTemplate } from "./templates";
import { validatePacemakerDesired } from "./validate";

const seed = {
  name: "iscsi1",
  drbdResource: "VM_STORAGE_1",
  preferredNode: "server1",
  ips: [
    { ip: "10.1.24.10", cidrNetmask: "24", nic: "int1.24" },
    { ip: "10.1.25.10", cidrNetmask: "24", nic: "int2.25" },
  ],
  service: { agent: "systemd:scst" },
  fencing: [],
};

describe("drbdServiceTemplate (seed 002)", () => {
  it("promotes DRBD on one node, then starts the IPs and the service in order on that node", () => {
    const d = drbdServiceTemplate(seed);
    expect(d.groups).toEqual([{ id: "iscsi1_group", members: ["iscsi1_ip1", "iscsi1_ip2", "iscsi1_service"], meta: {} }]);
    expect(renderConstraints(d).map(renderElement)).toEqual([
      '<rsc_location id="iscsi1_group_prefers_server1" rsc="iscsi1_group" node="server1" score="50"/>',
      '<rsc_colocation id="iscsi1_group_with_iscsi1_drbd_clone" rsc="iscsi1_group" with-rsc="iscsi1_drbd_clone" score="INFINITY" with-rsc-role="Promoted"/>',
      '<rsc_order id="iscsi1_drbd_clone_before_iscsi1_group" first="iscsi1_drbd_clone" first-action="promote" then="iscsi1_group" then-action="start" kind="Mandatory"/>',
    ]);
    const clone = renderResources(d).find((r) => r.name === "clone");
    expect(clone && renderElement(clone)).toBe(
      '<clone id="iscsi1_drbd_clone"><meta_attributes id="iscsi1_drbd_clone-meta_attributes">' +
        '<nvpair id="iscsi1_drbd_clone-meta_attributes-promotable" name="promotable" value="true"/>' +
        '<nvpair id="iscsi1_drbd_clone-meta_attributes-promoted-max" name="promoted-max" value="1"/>' +
        '<nvpair id="iscsi1_drbd_clone-meta_attributes-promoted-node-max" name="promoted-node-max" value="1"/>' +
        '<nvpair id="iscsi1_drbd_clone-meta_attributes-clone-max" name="clone-max" value="2"/>' +
        '<nvpair id="iscsi1_drbd_clone-meta_attributes-clone-node-max" name="clone-node-max" value="1"/>' +
        '<nvpair id="iscsi1_drbd_clone-meta_attributes-notify" name="notify" value="true"/></meta_attributes>' +
        '<primitive id="iscsi1_drbd" class="ocf" provider="linbit" type="drbd">' +
        '<instance_attributes id="iscsi1_drbd-instance_attributes"><nvpair id="iscsi1_drbd-instance_attributes-drbd_resource" name="drbd_resource" value="VM_STORAGE_1"/></instance_attributes>' +
        '<operations><op id="iscsi1_drbd-monitor-interval-29s-Promoted" name="monitor" interval="29s" role="Promoted"/>' +
        '<op id="iscsi1_drbd-monitor-interval-31s-Unpromoted" name="monitor" interval="31s" role="Unpromoted"/></operations></primitive></clone>',
    );
  });

  it("without fencing it validates only with the loud stonith warning; with a fence device it is clean", () => {
    const nodes = ["server1", "server2"];
    expect(validatePacemakerDesired(drbdServiceTemplate(seed), { nodes }).map((r) => [r.severity, r.code])).toEqual([["warning", "PACEMAKER_STONITH_OFF_WITH_DATA"]]);
    const fenced = drbdServiceTemplate({
      ...seed,
      fencing: [{ id: "fence_server1", agent: "fence_ipmilan", params: { ip: "10.0.0.101", username: "admin", password: "x", pcmk_host_list: "server1" }, meta: {}, ops: [] }],
    });
    expect(fenced.properties["stonith-enabled"]).toBe("true");
    expect(validatePacemakerDesired(fenced, { nodes })).toEqual([]);
  });
});
