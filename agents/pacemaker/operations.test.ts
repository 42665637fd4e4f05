import { describe, expect, it } from "vitest";
import { shScript } from "@/lib/ssh/argv";
import { OPERATION_SCRIPTS, planPacemakerOperation } from "./operations";
import { observedWith } from "./__fixtures__/observed";

// CIB: group web (web_ip, web_svc) with cli-prefer-web, lab3 in standby; crm_mon: group g1
// (dummy1, vip) running on lab1, nobody in standby.
const observed = observedWith("cib-lab-web-group.xml");
const ids = (op: Parameters<typeof planPacemakerOperation>[0]) => planPacemakerOperation(op, observed, "lab1");

describe("planPacemakerOperation", () => {
  it("standby: sets the node attribute, checks it, and undoes it with online", () => {
    const p = ids({ kind: "standby", node: "lab2" });
    expect(p.reports).toEqual([]);
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toMatchObject({
      id: "pcmk-standby-lab2",
      host: "lab1",
      action: { kind: "command", argv: ["crm_attribute", "--type", "nodes", "--node", "lab2", "--name", "standby", "--update", "on"] },
      check: { kind: "command", argv: shScript(OPERATION_SCRIPTS.nodeAttributeIs, ["lab2", "standby", "on"]) },
      undo: { kind: "command", argv: ["crm_attribute", "--type", "nodes", "--node", "lab2", "--name", "standby", "--update", "off"] },
    });
    expect(ids({ kind: "online", node: "lab2" }).steps).toEqual([]);
  });

  it("standby of the last active node warns that everything stops", () => {
    const lonely = { ...observed, status: observed.status && { ...observed.status, nodes: observed.status.nodes.map((n) => ({ ...n, standby: n.name !== "lab1" })) } };
    expect(planPacemakerOperation({ kind: "standby", node: "lab1" }, lonely, "lab1").reports.map((r) => [r.severity, r.code])).toEqual([["warning", "PACEMAKER_LAST_ACTIVE_NODE"]]);
  });

  it("move: pins with crm_resource --move and warns about the constraint; moving where it runs plans nothing", () => {
    const p = ids({ kind: "move", resource: "g1", node: "lab3" });
    expect(p.reports.map((r) => r.code)).toEqual(["PACEMAKER_UNKNOWN_RESOURCE"]);
    const web = ids({ kind: "move", resource: "web", node: "lab2" });
    expect(web.steps[0]).toMatchObject({
      action: { argv: ["crm_resource", "--move", "--resource", "web", "--node", "lab2"] },
      check: { argv: shScript(OPERATION_SCRIPTS.movedTo, ["web", "lab2"]) },
      undo: { argv: ["crm_resource", "--clear", "--resource", "web"] },
    });
    expect(web.reports.map((r) => r.code)).toEqual(["PACEMAKER_MOVE_PINS"]);
    const runningWeb = { ...observed, status: observed.status && { ...observed.status, resources: observed.status.resources.map((r) => ({ ...r, parent: "web" })) } };
    expect(planPacemakerOperation({ kind: "move", resource: "web", node: "lab1" }, runningWeb, "lab1").steps).toEqual([]);
  });

  it("clear: only when a cli- constraint exists", () => {
    expect(ids({ kind: "clear", resource: "web" }).steps.map((s) => s.action)).toEqual([{ kind: "command", argv: ["crm_resource", "--clear", "--resource", "web"] }]);
    expect(ids({ kind: "clear", resource: "web_svc" }).steps).toEqual([]);
  });

  it("cleanup: only when the resource has failures", () => {
    expect(ids({ kind: "cleanup", resource: "web" }).steps).toEqual([]);
    const failing = { ...observed, status: observed.status && { ...observed.status, resources: observed.status.resources.map((r) => ({ ...r, parent: "web", failed: true })) } };
    expect(planPacemakerOperation({ kind: "cleanup", resource: "web", node: "lab1" }, failing, "lab1").steps.map((s) => s.action)).toEqual([
      { kind: "command", argv: ["crm_resource", "--cleanup", "--resource", "web", "--node", "lab1"] },
    ]);
  });

  it("maintenance mode: sets the property and undoes to the previous value", () => {
    const p = ids({ kind: "maintenance", on: true });
    expect(p.steps[0]).toMatchObject({
      action: { argv: ["crm_attribute", "--type", "crm_config", "--name", "maintenance-mode", "--update", "true"] },
      undo: { argv: ["crm_attribute", "--type", "crm_config", "--name", "maintenance-mode", "--update", "false"] },
    });
    expect(ids({ kind: "maintenance", on: false }).steps).toEqual([]);
  });

  it("refuses hostile or unknown names with a report naming the field", () => {
    expect(ids({ kind: "standby", node: "lab1; reboot" }).reports.map((r) => [r.code, r.params.field])).toEqual([["PACEMAKER_INVALID_NODE", "node"]]);
    expect(ids({ kind: "standby", node: "lab9" }).reports.map((r) => [r.code, r.params.field])).toEqual([["PACEMAKER_UNKNOWN_NODE", "node"]]);
    expect(ids({ kind: "clear", resource: "x']|//*['" }).reports.map((r) => [r.code, r.params.field])).toEqual([["PACEMAKER_INVALID_ID", "resource"]]);
    expect(ids({ kind: "move", resource: "web" } as never).reports.map((r) => r.code)).toEqual(["PACEMAKER_OPERATION_INVALID"]);
  });
});
