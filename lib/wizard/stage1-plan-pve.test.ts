import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { TPlanStep } from "@/lib/plan/plan";
import { FP, bareNode, memberNode, pve3Draft, pveContext } from "./__fixtures__/pve";
import { pveStage1FromDraft } from "./desired-pve";
import { planPveWizardStage1, renderDatacenterMigration, TWO_NODE_SCRIPT, type TPveStage1Observed } from "./stage1-plan-pve";

const ctx = pveContext();
const ALL = ["lab1", "lab2", "lab3"];
const bare = (hosts: string[], over: Partial<TPveStage1Observed> = {}): TPveStage1Observed => ({
  nodes: Object.fromEntries(hosts.map((h) => [h, bareNode(h)])),
  witnessQnetdInstalled: null,
  datacenterCfg: "keyboard: en-us\n",
  ...over,
});
const argvOf = (s: TPlanStep | undefined) => (s?.action.kind === "command" ? s.action.argv : null);

describe("planPveWizardStage1", () => {
  it("3 bare nodes, two links: pvecm create with both links, joins with the fingerprint, the migration network, then the quorum wait", () => {
    const plan = planPveWizardStage1(pveStage1FromDraft(pve3Draft(), ctx), bare(ALL));
    expect(plan.steps.map((s) => [s.id, s.host])).toEqual([
      ["pvecm-create-lab1", "lab1"],
      ["pvecm-add-lab2", "lab2"],
      ["pvecm-add-lab3", "lab3"],
      ["pve-migration-network", "lab1"],
      ["pve-quorate", "lab1"],
    ]);
    expect(argvOf(plan.steps[0])).toEqual(["pvecm", "create", "wiz3", "--link0", "10.99.0.11", "--link1", "10.98.0.11"]);
    expect(argvOf(plan.steps[2])).toEqual(["pvecm", "add", "10.99.0.11", "--link0", "10.99.0.13", "--link1", "10.98.0.13", "--fingerprint", FP, "--use_ssh"]);
    expect(argvOf(plan.steps[4])).toEqual(["/bin/sh", "-c", expect.stringContaining("corosync-quorumtool -s"), "--", "3", "90"]);
    expect(plan.steps[3]?.action).toMatchObject({ kind: "write-file", path: "/etc/pve/datacenter.cfg", content: "keyboard: en-us\nmigration: secure,network=10.98.0.0/24\n", mode: "0640" });
    expect(plan.diffs.map((d) => [d.host, d.path, d.patch.includes("+migration: secure,network=10.98.0.0/24")])).toEqual([["lab1", "/etc/pve/datacenter.cfg", true]]);
    expect(plan.reports.map((r) => [r.code, r.severity])).toEqual([["WIZARD_PVE_JOIN_OVER_SSH", "info"]]);
  });

  it("a cluster that already matches, migration network included, plans nothing", () => {
    const observed = bare(ALL, {
      nodes: Object.fromEntries(ALL.map((h) => [h, memberNode(h, ALL)])),
      datacenterCfg: "keyboard: en-us\nmigration: secure,network=10.98.0.0/24\n",
    });
    const plan = planPveWizardStage1(pveStage1FromDraft(pve3Draft(), ctx), observed);
    expect(plan.steps).toEqual([]);
    expect(plan.reports).toEqual([]);
  });

  it("two nodes + witness: the agent's QDevice plan runs after the join, against the cluster the join will form", () => {
    const draft = pve3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"], links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12" }], network: {}, quorum: { mode: "qdevice", witness: "lab3" } });
    const input = pveStage1FromDraft(draft, ctx);
    expect(input.qdevice).toEqual({ witness: "lab3", witnessAddress: "10.99.0.13" });
    const plan = planPveWizardStage1(input, bare(["lab1", "lab2"], { witnessQnetdInstalled: false }));
    expect(plan.steps.map((s) => s.id)).toEqual(["pvecm-create-lab1", "pvecm-add-lab2", "pve-install-corosync-qnetd-lab3", "pvecm-qdevice-setup", "pve-quorate"]);
    expect(argvOf(plan.steps[3])).toEqual(["pvecm", "qdevice", "setup", "10.99.0.13"]);
    expect(plan.reports.filter((r) => r.severity !== "info")).toEqual([]);
  });

  it("two nodes with two_node: a warning and the documented corosync.conf edit, once", () => {
    const draft = pve3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"], links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12" }], network: {}, quorum: { mode: "two_node", twoNodeAcknowledged: true } });
    const plan = planPveWizardStage1(pveStage1FromDraft(draft, ctx), bare(["lab1", "lab2"]));
    expect(plan.steps.map((s) => s.id)).toEqual(["pvecm-create-lab1", "pvecm-add-lab2", "pve-two-node", "pve-quorate"]);
    expect(plan.reports.map((r) => r.code)).toContain("WIZARD_PVE_TWO_NODE");
    const set = "quorum {\n  provider: corosync_votequorum\n  two_node: 1\n}\n";
    const done = { ...bare(["lab1", "lab2"]), nodes: { lab1: memberNode("lab1", ["lab1", "lab2"], { corosyncConfText: set }), lab2: memberNode("lab2", ["lab1", "lab2"]) } };
    expect(planPveWizardStage1(pveStage1FromDraft(draft, ctx), done).steps).toEqual([]);
  });

  it("stops at the agent's errors (a node with guests) and refuses a hostile CIDR before any probe result matters", () => {
    const guests = bare(ALL);
    const plan = planPveWizardStage1(pveStage1FromDraft(pve3Draft(), ctx), { ...guests, nodes: { ...guests.nodes, lab2: bareNode("lab2", { vms: 1 }) } });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => [r.code, r.params.host])).toEqual([["PVE_JOIN_NODE_HAS_GUESTS", "lab2"]]);
    const hostile = planPveWizardStage1({ ...pveStage1FromDraft(pve3Draft(), ctx), migrationCidr: "10.98.0.0/24;reboot" }, bare(ALL));
    expect(hostile.steps).toEqual([]);
    expect(hostile.reports.map((r) => [r.code, r.params.field])).toEqual([["WIZARD_PVE_INVALID", "migrationCidr"]]);
    expect(planPveWizardStage1({ ...pveStage1FromDraft(pve3Draft(), ctx), migrationCidr: "10.98.0.7/24" }, bare(ALL)).reports[0]?.code).toBe("WIZARD_PVE_INVALID");
  });
});

describe("renderDatacenterMigration", () => {
  it("replaces the migration line, appends one, or writes a new file", () => {
    expect(renderDatacenterMigration("keyboard: de\nmigration: insecure\nconsole: html5\n", "10.98.0.0/24")).toBe("keyboard: de\nmigration: secure,network=10.98.0.0/24\nconsole: html5\n");
    expect(renderDatacenterMigration("keyboard: de", "10.98.0.0/24")).toBe("keyboard: de\nmigration: secure,network=10.98.0.0/24\n");
    expect(renderDatacenterMigration(null, "10.98.0.0/24")).toBe("migration: secure,network=10.98.0.0/24\n");
  });
});

describe("TWO_NODE_SCRIPT", () => {
  // The script's awk, run on a PVE-style corosync.conf in a scratch copy (local sh, no host).
  it("adds two_node under the provider with its indent and bumps config_version", () => {
    const conf = "quorum {\n  provider: corosync_votequorum\n}\n\ntotem {\n  cluster_name: wiz2\n  config_version: 2\n  version: 2\n}\n";
    const script = TWO_NODE_SCRIPT.replace("f=/etc/pve/corosync.conf", 'f=$(mktemp); printf "%s" "$1" > "$f"').concat('\ncat "$f"; rm -f "$f"');
    const out = execFileSync("/bin/sh", ["-c", script, "--", conf], { encoding: "utf8" });
    expect(out).toBe("quorum {\n  provider: corosync_votequorum\n  two_node: 1\n}\n\ntotem {\n  cluster_name: wiz2\n  config_version: 3\n  version: 2\n}\n");
  });
});
