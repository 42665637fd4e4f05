import { describe, expect, it } from "vitest";
import { observedWith } from "@/agents/pacemaker/__fixtures__/observed";
import { renderElement } from "@/agents/pacemaker/cib-xml";
import { renderConstraints, renderResources } from "@/agents/pacemaker/render-cib";
import { drbdCibDesired, drbdCloneId, drbdPrimitiveId, isCibStep, planDrbdCib } from "./storage-pacemaker";

describe("drbdCibDesired", () => {
  it("an ocf:linbit:drbd primitive with a monitor per role, in a promotable clone with one Primary", () => {
    const d = drbdCibDesired({ resource: "r0", nodeCount: 3, group: null });
    expect(drbdPrimitiveId("r0")).toBe("drbd_r0");
    expect(drbdCloneId("r0")).toBe("drbd_r0_clone");
    expect(d.primitives).toEqual([
      {
        id: "drbd_r0",
        agent: "ocf:linbit:drbd",
        params: { drbd_resource: "r0" },
        meta: {},
        ops: [
          { name: "monitor", interval: "29s", timeout: "20s", role: "Promoted" },
          { name: "monitor", interval: "31s", timeout: "20s", role: "Unpromoted" },
        ],
      },
    ]);
    expect(d.clones).toEqual([
      {
        id: "drbd_r0_clone",
        child: "drbd_r0",
        promotable: true,
        meta: { "promoted-max": "1", "promoted-node-max": "1", "clone-max": "3", "clone-node-max": "1", notify: "true" },
      },
    ]);
    // Stage 2's properties, defaults, group and fencing are not this stage's.
    expect([d.properties, d.rscDefaults, d.groups, d.stonith, d.colocations, d.orders]).toEqual([{}, {}, [], [], [], []]);
    // The CIB element Pacemaker receives.
    expect(renderResources(d).map(renderElement)).toEqual([
      '<clone id="drbd_r0_clone"><meta_attributes id="drbd_r0_clone-meta_attributes">' +
        '<nvpair id="drbd_r0_clone-meta_attributes-promotable" name="promotable" value="true"/>' +
        '<nvpair id="drbd_r0_clone-meta_attributes-promoted-max" name="promoted-max" value="1"/>' +
        '<nvpair id="drbd_r0_clone-meta_attributes-promoted-node-max" name="promoted-node-max" value="1"/>' +
        '<nvpair id="drbd_r0_clone-meta_attributes-clone-max" name="clone-max" value="3"/>' +
        '<nvpair id="drbd_r0_clone-meta_attributes-clone-node-max" name="clone-node-max" value="1"/>' +
        '<nvpair id="drbd_r0_clone-meta_attributes-notify" name="notify" value="true"/></meta_attributes>' +
        '<primitive id="drbd_r0" class="ocf" provider="linbit" type="drbd"><instance_attributes id="drbd_r0-instance_attributes">' +
        '<nvpair id="drbd_r0-instance_attributes-drbd_resource" name="drbd_resource" value="r0"/></instance_attributes>' +
        '<operations><op id="drbd_r0-monitor-interval-29s-Promoted" name="monitor" interval="29s" timeout="20s" role="Promoted"/>' +
        '<op id="drbd_r0-monitor-interval-31s-Unpromoted" name="monitor" interval="31s" timeout="20s" role="Unpromoted"/></operations></primitive></clone>',
    ]);
  });

  it("with an HA group: the group runs on the Primary, started after the promotion", () => {
    const d = drbdCibDesired({ resource: "data", nodeCount: 2, group: "web" });
    expect(renderConstraints(d).map(renderElement)).toEqual([
      '<rsc_colocation id="web_with_drbd_data_clone" rsc="web" with-rsc="drbd_data_clone" score="INFINITY" with-rsc-role="Promoted"/>',
      '<rsc_order id="drbd_data_clone_before_web" first="drbd_data_clone" first-action="promote" then="web" then-action="start" kind="Mandatory"/>',
    ]);
  });
});

describe("planDrbdCib", () => {
  const cib = (group: string | null) => ({ desired: drbdCibDesired({ resource: "r0", nodeCount: 3, group }), via: "lab1" });

  it("plans the clone through a work copy of the live CIB, stage 2's group left as it is", () => {
    const plan = planDrbdCib(cib("web"), observedWith("cib-lab-web-group.xml"));
    expect(plan.reports.filter((r) => r.severity === "error")).toEqual([]);
    expect(plan.steps.every(isCibStep)).toBe(true);
    expect(plan.steps.map((s) => [s.id, s.host, s.title.replace(/\/run\/panel-cib\/\w+/, "DIR")])).toEqual([
      ["pcmk-copy", "lab1", "Copy the live CIB to DIR on lab1"],
      ["pcmk-edit-1", "lab1", "Add clone drbd_r0_clone in the work copy"],
      ["pcmk-edit-2", "lab1", "Add rsc_colocation web_with_drbd_r0_clone in the work copy"],
      ["pcmk-edit-3", "lab1", "Add rsc_order drbd_r0_clone_before_web in the work copy"],
      ["pcmk-verify", "lab1", "Check the changed copy with crm_verify"],
      ["pcmk-push", "lab1", "Push the difference to the live CIB (cibadmin --patch, refused if the CIB changed since the copy)"],
    ]);
  });

  it("refuses without the CIB, or when the nodes lack the DRBD resource agent", () => {
    // Unread, stonith-enabled counts as Pacemaker's default (true) with no device seen.
    expect(planDrbdCib(cib(null), undefined).reports.map((r) => r.code)).toEqual(["PACEMAKER_CIB_UNREADABLE", "PACEMAKER_STONITH_NO_DEVICE"]);
    const noAgent = planDrbdCib(cib(null), observedWith("cib-lab-empty.xml", { agents: ["ocf:pacemaker:Dummy"] }));
    expect(noAgent.steps).toEqual([]);
    // The lab's empty CIB has stonith off: the agent warns that the clone holds data.
    expect(noAgent.reports.map((r) => [r.severity, r.code])).toEqual([
      ["error", "PACEMAKER_UNKNOWN_AGENT"],
      ["warning", "PACEMAKER_STONITH_OFF_WITH_DATA"],
    ]);
    expect(noAgent.reports[0]?.params.agent).toBe("ocf:linbit:drbd");
  });
});
