import { describe, expect, it } from "vitest";
import { haGroup, labPveView, pve3Draft } from "./__fixtures__/pve";
import { pveStage2FromDraft } from "./desired-pve";
import { planPveWizardStage2, renderWatchdogDefaults, type TPveStage2Observed } from "./stage2-plan-pve";

const none = { lab1: null, lab2: null, lab3: null };
const observed = (over: Partial<TPveStage2Observed> = {}): TPveStage2Observed => ({ view: labPveView(), pveMajor: 8, haManagerDefaults: none, ...over });
const PVE_DEFAULT = "# select watchdog module (default is softdog)\n#WATCHDOG_MODULE=ipmi_watchdog\n";

describe("planPveWizardStage2", () => {
  it("softdog and a PVE 8 HA group: only ha-manager groupadd with the priorities of the HA step", () => {
    const plan = planPveWizardStage2(pveStage2FromDraft(pve3Draft()), observed());
    expect(plan.steps.map((s) => [s.id, s.host])).toEqual([["ha-group-prefer_lab1", "lab1"]]);
    expect(plan.steps[0]?.action).toEqual({ kind: "command", argv: ["ha-manager", "groupadd", "prefer_lab1", "--nodes", "lab1:3,lab2:2,lab3:1"] });
    expect(plan.steps[0]?.undo).toEqual({ kind: "command", argv: ["ha-manager", "groupremove", "prefer_lab1"] });
    expect(plan.reports).toEqual([]);
  });

  it("plans nothing once the group exists as wanted and softdog is in use", () => {
    const view = labPveView([haGroup("prefer_lab1", [["lab1", 3], ["lab2", 2], ["lab3", 1]])]);
    const plan = planPveWizardStage2(pveStage2FromDraft(pve3Draft()), observed({ view, haManagerDefaults: { lab1: PVE_DEFAULT, lab2: PVE_DEFAULT, lab3: null } }));
    expect(plan.steps).toEqual([]);
    expect(plan.reports).toEqual([]);
  });

  it("a hardware watchdog: /etc/default/pve-ha-manager on every node with a diff, and the reboot it needs said", () => {
    const draft = pve3Draft({ ha: { pve: { watchdog: "hardware", watchdogModule: "ipmi_watchdog", group: null } } });
    const plan = planPveWizardStage2(pveStage2FromDraft(draft), observed({ haManagerDefaults: { lab1: PVE_DEFAULT, lab2: null, lab3: "WATCHDOG_MODULE=ipmi_watchdog\n" } }));
    expect(plan.steps.map((s) => s.id)).toEqual(["pve-watchdog-lab1", "pve-watchdog-lab2"]);
    expect(plan.steps[0]?.action).toMatchObject({ kind: "write-file", path: "/etc/default/pve-ha-manager", content: `${PVE_DEFAULT}WATCHDOG_MODULE=ipmi_watchdog\n` });
    expect(plan.diffs.map((d) => [d.host, d.before])).toEqual([
      ["lab1", PVE_DEFAULT],
      ["lab2", null],
    ]);
    expect(plan.reports.map((r) => [r.code, r.severity])).toEqual([["WIZARD_PVE_WATCHDOG_REBOOT", "warning"]]);
  });

  it("PVE 9 has no HA groups: a warning, no step; the agent's errors stop the plan", () => {
    const nine = planPveWizardStage2(pveStage2FromDraft(pve3Draft()), observed({ pveMajor: 9 }));
    expect(nine.steps).toEqual([]);
    expect(nine.reports.map((r) => r.code)).toEqual(["WIZARD_PVE_NO_GROUPS_ON_PVE9"]);
    const foreign = planPveWizardStage2({ ...pveStage2FromDraft(pve3Draft()), group: { id: "g1", nodes: [{ node: "lab9", priority: 1 }], restricted: false, nofailback: false } }, observed());
    expect(foreign.steps).toEqual([]);
    expect(foreign.reports.map((r) => r.code)).toEqual(["PVE_HA_NO_SUCH_NODE"]);
  });

  it("refuses a hostile module name or group id before anything reaches argv", () => {
    const plan = planPveWizardStage2({ ...pveStage2FromDraft(pve3Draft()), watchdogModule: "softdog; reboot" }, observed());
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => [r.code, r.params.field])).toEqual([["WIZARD_PVE_HA_INVALID", "watchdogModule"]]);
  });
});

describe("renderWatchdogDefaults", () => {
  it("sets, replaces and comments out WATCHDOG_MODULE; nothing to write for softdog without a file", () => {
    expect(renderWatchdogDefaults(null, null)).toBeNull();
    expect(renderWatchdogDefaults(PVE_DEFAULT, null)).toBe(PVE_DEFAULT);
    expect(renderWatchdogDefaults("WATCHDOG_MODULE=iTCO_wdt\nX=1\n", "hpwdt")).toBe("WATCHDOG_MODULE=hpwdt\nX=1\n");
    expect(renderWatchdogDefaults("  WATCHDOG_MODULE=iTCO_wdt\n", null)).toBe("#WATCHDOG_MODULE=iTCO_wdt\n");
    expect(renderWatchdogDefaults(null, "iTCO_wdt")).toBe("# select watchdog module (default is softdog)\nWATCHDOG_MODULE=iTCO_wdt\n");
  });
});
