import { describe, expect, it } from "vitest";
import { shScript } from "@/lib/ssh/argv";
import { ZPacemakerDesired, type TPacemakerDesiredInput } from "./desired";
import { CIB_SCRIPTS, planPacemakerConfig } from "./plan";
import { observedWith } from "./__fixtures__/observed";

// Matches cib-lab-web-group.xml exactly (fence_lab1, group web, web_prefers_lab2, stickiness 100).
const matching: TPacemakerDesiredInput = {
  properties: { "no-quorum-policy": "stop" },
  rscDefaults: { "resource-stickiness": "100" },
  primitives: [
    { id: "web_ip", agent: "ocf:heartbeat:IPaddr2", params: { ip: "10.99.0.80", cidr_netmask: "24" }, ops: [{ name: "monitor", interval: "10s" }] },
    { id: "web_svc", agent: "ocf:pacemaker:Dummy" },
  ],
  groups: [{ id: "web", members: ["web_ip", "web_svc"] }],
  locations: [{ id: "web_prefers_lab2", rsc: "web", node: "lab2", score: "50" }],
  stonith: [{ id: "fence_lab1", agent: "fence_dummy", params: { pcmk_host_list: "lab1" } }],
};
const plan = (input: TPacemakerDesiredInput, cib = "cib-lab-web-group.xml", opts = {}) => planPacemakerConfig(ZPacemakerDesired.parse(input), observedWith(cib), "lab1", opts);

describe("planPacemakerConfig", () => {
  it("plans nothing when the CIB already holds the desired configuration", () => {
    const p = plan(matching);
    expect(p.steps).toEqual([]);
    expect(p.reports).toEqual([]);
  });

  it("builds the change on a work copy, verifies it, then pushes only the difference", () => {
    const p = plan(matching, "cib-lab-empty.xml");
    expect(p.reports).toEqual([]);
    const dir = (p.steps[0]?.action.kind === "command" && p.steps[0].action.argv.at(-1)) || "";
    expect(dir).toMatch(/^\/run\/panel-cib\/[0-9a-f]{16}$/);
    expect(p.steps.map((s) => [s.id, s.title])).toEqual([
      ["pcmk-copy", `Copy the live CIB to ${dir} on lab1`],
      ["pcmk-edit-1", "Set cluster property no-quorum-policy=stop in the work copy"],
      ["pcmk-edit-2", "Set resource default resource-stickiness=100 in the work copy"],
      ["pcmk-edit-3", "Add primitive fence_lab1 in the work copy"],
      ["pcmk-edit-4", "Add group web in the work copy"],
      ["pcmk-edit-5", "Add rsc_location web_prefers_lab2 in the work copy"],
      ["pcmk-verify", "Check the changed copy with crm_verify"],
      ["pcmk-push", "Push the difference to the live CIB (cibadmin --patch, refused if the CIB changed since the copy)"],
    ]);
    expect(p.steps.every((s) => s.host === "lab1")).toBe(true);
    expect(p.steps[1]?.action).toEqual({
      kind: "command",
      argv: shScript(CIB_SCRIPTS.crmAttributeOnCopy, [`${dir}/new.xml`, "--type", "crm_config", "--name", "no-quorum-policy", "--update", "stop"]),
    });
    expect(p.steps[5]?.action).toEqual({
      kind: "command",
      argv: shScript(CIB_SCRIPTS.cibadminOnCopy, [`${dir}/new.xml`, "--create", "--scope", "constraints", "--xml-pipe"]),
      stdin: '<rsc_location id="web_prefers_lab2" rsc="web" node="lab2" score="50"/>',
    });
    expect(p.steps[6]?.action).toEqual({ kind: "command", argv: ["crm_verify", "--verbose", "--xml-file", `${dir}/new.xml`] });
    const push = p.steps[7];
    expect(push?.action).toEqual({ kind: "command", argv: shScript(CIB_SCRIPTS.push, [dir]) });
    expect(push?.check).toEqual({ kind: "command", argv: shScript(CIB_SCRIPTS.pushed, [dir]) });
    expect(push?.undo).toEqual({ kind: "command", argv: shScript(CIB_SCRIPTS.restore, [dir]) });
    expect(push?.destructive).toBe(false);
    expect(p.diffs.map((d) => [d.stepId, d.path, d.before])).toEqual([
      ["pcmk-edit-3", "/cib/configuration/resources/fence_lab1", null],
      ["pcmk-edit-4", "/cib/configuration/resources/web", null],
      ["pcmk-edit-5", "/cib/configuration/constraints/web_prefers_lab2", null],
    ]);
    expect(p.diffs[1]?.patch).toContain('+  <primitive id="web_ip" class="ocf" provider="heartbeat" type="IPaddr2">');
  });

  it("replaces only the element that differs, and the same change always uses the same work dir", () => {
    const changed = { ...matching, primitives: [{ ...matching.primitives![0]!, params: { ip: "10.99.0.81", cidr_netmask: "24" } }, matching.primitives![1]!] };
    const p = plan(changed);
    expect(p.steps.map((s) => s.title)).toEqual([
      expect.stringMatching(/^Copy the live CIB/),
      "Change group web in the work copy",
      "Check the changed copy with crm_verify",
      expect.stringMatching(/^Push the difference/),
    ]);
    expect(p.steps[1]?.action).toMatchObject({ argv: expect.arrayContaining(["--replace", "--scope", "resources"]) });
    expect(p.diffs[0]?.patch).toMatch(/-\s+<nvpair id="web_ip-instance_attributes-ip" name="ip" value="10.99.0.80"\/>\n\+\s+<nvpair id="web_ip-instance_attributes-ip" name="ip" value="10.99.0.81"\/>/);
    expect(plan(changed).steps[0]?.action).toEqual(p.steps[0]?.action);
  });

  it("removes an element first when a resource changes shape (a primitive becomes a group member)", () => {
    const p = plan({ ...matching, primitives: [...matching.primitives!, { id: "fence_lab1", agent: "ocf:pacemaker:Dummy" }], groups: [{ id: "web", members: ["web_ip", "web_svc"] }, { id: "g2", members: ["fence_lab1"] }], stonith: [] });
    expect(p.steps.slice(1, 3).map((s) => s.title)).toEqual(["Remove primitive fence_lab1 in the work copy", "Add group g2 in the work copy"]);
    expect(p.steps[1]?.action).toMatchObject({ stdin: '<primitive id="fence_lab1"/>' });
    expect(p.steps.at(-1)?.destructive).toBe(true);
  });

  it("with prune, removes unmanaged resources and constraints but keeps move/ban constraints", () => {
    const p = plan({ properties: {}, rscDefaults: {} }, "cib-lab-web-group.xml", { prune: true });
    expect(p.steps.map((s) => s.title).slice(1, -2)).toEqual([
      "Remove rsc_location web_prefers_lab2 in the work copy",
      "Remove primitive fence_lab1 in the work copy",
      "Remove group web in the work copy",
    ]);
    expect(plan({ properties: {}, rscDefaults: {} }).steps).toEqual([]);
  });

  it("refuses with a report naming the field and plans no step", () => {
    const p = plan({ ...matching, colocations: [{ id: "c", rsc: "web", withRsc: "missing" }] });
    expect(p.steps).toEqual([]);
    expect(p.reports.map((r) => [r.code, r.params.field])).toEqual([["PACEMAKER_UNKNOWN_RESOURCE", "colocations.0.withRsc"]]);
  });

  it("refuses to plan through a node without quorum or without a readable CIB", () => {
    const observed = observedWith("cib-lab-web-group.xml");
    const noQuorum = planPacemakerConfig(ZPacemakerDesired.parse(matching), { ...observed, status: observed.status && { ...observed.status, quorate: false } }, "lab3");
    expect(noQuorum.reports.map((r) => [r.code, r.params.host])).toEqual([["PACEMAKER_NO_QUORUM", "lab3"]]);
    const noCib = planPacemakerConfig(ZPacemakerDesired.parse(matching), { ...observed, cib: null, cibError: "Transport endpoint is not connected" }, "lab1");
    expect(noCib.steps).toEqual([]);
    expect(noCib.reports[0]?.code).toBe("PACEMAKER_CIB_UNREADABLE");
  });

  it("keeps fencing passwords out of logs and diffs", () => {
    const p = plan({ ...matching, stonith: [{ id: "fence_lab1", agent: "fence_ipmilan", params: { ip: "10.0.0.9", password: "hunter2" } }] });
    const edit = p.steps.find((s) => s.title === "Change primitive fence_lab1 in the work copy");
    expect(edit?.sensitive).toBe(true);
    expect(p.diffs).toEqual([{ stepId: edit?.id, host: "lab1", path: "/cib/configuration/resources/fence_lab1", before: null, after: "", patch: "", hidden: true }]);
    expect(edit?.action.kind === "command" && edit.action.argv.join(" ")).not.toContain("hunter2");
  });
});
