import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freshHost } from "@/agents/corosync/__fixtures__/lab-desired";
import type { TCorosyncObserved } from "@/agents/corosync/probe";
import type { TQdeviceObserved } from "@/agents/qdevice/probe";
import { renderCorosyncConf } from "@/agents/corosync/render-conf";
import { readCorosyncConfig } from "@/agents/corosync/parse-conf";
import { labContext, lab3Draft } from "./__fixtures__/lab-context";
import { wizardDesired } from "./desired";
import { planWizardStage1, type TStage1Observed } from "./stage1-plan";

const KEY = Buffer.alloc(256, 7).toString("base64");
const stub = readFileSync(path.resolve(import.meta.dirname, "../../agents/corosync/__fixtures__/debian-stub-corosync.conf"), "utf8");
const BARE_Q: TQdeviceObserved = {
  qnetdInstalled: true,
  qdeviceInstalled: true,
  qnetdActive: false,
  qnetdEnabled: false,
  qdeviceActive: false,
  qdeviceEnabled: false,
  qnetdDbPresent: true,
  nodeDbPresent: false,
  nodeCertPresent: false,
};
const off = { enabled: false, active: false };
const bare = (hosts: string[]): TStage1Observed => ({
  corosync: Object.fromEntries(hosts.map((h) => [h, freshHost(h, stub)])),
  qdevice: Object.fromEntries(hosts.map((h) => [h, BARE_Q])),
  pacemaker: Object.fromEntries(hosts.map((h) => [h, off])),
});

describe("planWizardStage1", () => {
  it("3 bare nodes: corosync as its agent plans it, then Pacemaker enabled and started, then the wait for a DC", () => {
    const d = wizardDesired(lab3Draft(), labContext());
    const plan = planWizardStage1({ corosync: d.corosync, qdevice: null }, bare(["lab1", "lab2", "lab3"]), { authkey: KEY });
    expect(plan.reports.map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);
    const ids = plan.steps.map((s) => s.id);
    expect(ids.slice(0, 3)).toEqual(["corosync-authkey-lab1", "corosync-authkey-lab2", "corosync-authkey-lab3"]);
    expect(ids.slice(-7)).toEqual([
      "pacemaker-enable-lab1",
      "pacemaker-start-lab1",
      "pacemaker-enable-lab2",
      "pacemaker-start-lab2",
      "pacemaker-enable-lab3",
      "pacemaker-start-lab3",
      "pacemaker-ready",
    ]);
    expect(ids.indexOf("corosync-start-lab3")).toBeLessThan(ids.indexOf("pacemaker-enable-lab1"));
    const ready = plan.steps.at(-1);
    expect(ready?.host).toBe("lab1");
    expect(ready?.action).toMatchObject({ kind: "command", argv: ["/bin/sh", "-c", expect.stringContaining("current_dc"), "--", "3", "120"] });
    expect(ready?.check).toMatchObject({ argv: ["/bin/sh", "-c", expect.any(String), "--", "3", "1"] });
    expect(plan.diffs.map((x) => [x.host, x.path])).toEqual([
      ["lab1", "/etc/corosync/corosync.conf"],
      ["lab2", "/etc/corosync/corosync.conf"],
      ["lab3", "/etc/corosync/corosync.conf"],
    ]);
  });

  it("2 nodes + witness: the QDevice steps sit between corosync and Pacemaker", () => {
    const draft = lab3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"], links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12" }], quorum: { mode: "qdevice", witness: "lab3" } });
    const d = wizardDesired(draft, labContext());
    const observed = bare(["lab1", "lab2", "lab3"]);
    const plan = planWizardStage1({ corosync: d.corosync, qdevice: d.qdevice }, observed, { authkey: KEY });
    const ids = plan.steps.map((s) => s.id);
    expect(ids).toContain("qdevice-certificates");
    expect(ids.indexOf("qdevice-start-corosync-qnetd-lab3")).toBeGreaterThan(ids.indexOf("corosync-start-lab2"));
    expect(ids.indexOf("pacemaker-enable-lab1")).toBeGreaterThan(ids.indexOf("qdevice-start-corosync-qdevice-lab2"));
    expect(ids.filter((i) => i.startsWith("pacemaker-")).map((i) => i.replace(/-lab\d$/, ""))).toEqual([
      "pacemaker-enable",
      "pacemaker-start",
      "pacemaker-enable",
      "pacemaker-start",
      "pacemaker-ready",
    ]);
    expect(plan.steps.some((s) => s.host === "lab3" && s.id.startsWith("pacemaker"))).toBe(false);
    expect(plan.diffs[0]?.after).toContain("host: 10.99.0.13");
  });

  it("a cluster that already runs as desired gives an empty plan", () => {
    const d = wizardDesired(lab3Draft(), labContext());
    const conf = renderCorosyncConf({ ...d.corosync, configVersion: 1 });
    const running = (h: string): TCorosyncObserved => ({
      ...freshHost(h, conf),
      conf: readCorosyncConfig(conf),
      authkeyPresent: true,
      authkeySha256: "abc",
      corosyncActive: true,
      corosyncEnabled: true,
      pacemakerActive: true,
      quorumExitCode: 0,
      quorumError: null,
    });
    const hosts = ["lab1", "lab2", "lab3"];
    const observed: TStage1Observed = {
      corosync: Object.fromEntries(hosts.map((h) => [h, running(h)])),
      qdevice: {},
      pacemaker: Object.fromEntries(hosts.map((h) => [h, { enabled: true, active: true }])),
    };
    const plan = planWizardStage1({ corosync: d.corosync, qdevice: null }, observed, { authkey: KEY });
    expect(plan.steps).toEqual([]);
  });

  it("a corosync error (a node not probed) stops the plan before any Pacemaker step", () => {
    const d = wizardDesired(lab3Draft(), labContext());
    const observed = bare(["lab1", "lab2"]);
    const plan = planWizardStage1({ corosync: d.corosync, qdevice: null }, observed, { authkey: KEY });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.some((r) => r.code === "COROSYNC_HOST_NOT_PROBED" && r.params.host === "lab3")).toBe(true);
  });
});
