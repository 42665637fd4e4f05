import { describe, expect, it } from "vitest";
import type { TPveNodeObserved } from "./model";
import { planPveCluster } from "./plan";
import { planPveQdevice } from "./qdevice";
import { parseOpensslFingerprint } from "./probe";

const FP = Array.from({ length: 32 }, () => "AB").join(":");
const bare = (hostname: string, over: Partial<TPveNodeObserved> = {}): TPveNodeObserved => ({
  hostname,
  corosyncConfText: null,
  clusterName: null,
  members: [],
  qdeviceHost: null,
  online: null,
  quorate: null,
  fingerprint: hostname === "pve1" ? FP : null,
  vms: 0,
  containers: 0,
  qdevicePackage: true,
  errors: [],
  ...over,
});
const member = (hostname: string, names: string[], over: Partial<TPveNodeObserved> = {}) =>
  bare(hostname, { clusterName: "prod", members: names.map((n, i) => ({ name: n, nodeid: i + 1, addrs: [`10.0.0.${i + 1}`] })), online: names, quorate: true, ...over });
const node = (i: number) => ({ name: `pve${i}`, link0: `10.0.0.${i}` });
const desired3 = { clusterName: "prod", nodes: [node(1), node(2), node(3)] };

describe("planPveCluster", () => {
  it("creates on the first node and joins the others one by one with the fingerprint and the password on stdin", () => {
    const plan = planPveCluster(desired3, { pve1: bare("pve1"), pve2: bare("pve2"), pve3: bare("pve3") }, { joinPassword: "s3cret" });
    expect(plan.reports).toEqual([]);
    expect(plan.steps.map((s) => [s.id, s.host])).toEqual([
      ["pvecm-create-pve1", "pve1"],
      ["pvecm-add-pve2", "pve2"],
      ["pvecm-add-pve3", "pve3"],
    ]);
    expect(plan.steps[0]?.action).toEqual({ kind: "command", argv: ["pvecm", "create", "prod", "--link0", "10.0.0.1"], timeoutMs: 180_000 });
    expect(plan.steps[1]?.action).toEqual({
      kind: "command",
      argv: ["pvecm", "add", "10.0.0.1", "--link0", "10.0.0.2", "--fingerprint", FP],
      stdin: "s3cret\n",
      timeoutMs: 180_000,
    });
    expect(plan.steps[1]?.sensitive).toBe(true);
    expect(plan.steps[2]?.check?.kind === "command" && plan.steps[2].check.argv.slice(-2)).toEqual(["prod", "pve3"]);
  });

  it("joins over SSH without a password, and with a second link", () => {
    const d = { clusterName: "prod", nodes: [node(1), { ...node(2), link1: "192.168.1.2" }] };
    const plan = planPveCluster(d, { pve1: member("pve1", ["pve1"]), pve2: bare("pve2") });
    expect(plan.steps.map((s) => s.action)).toEqual([
      { kind: "command", argv: ["pvecm", "add", "10.0.0.1", "--link0", "10.0.0.2", "--link1", "192.168.1.2", "--fingerprint", FP, "--use_ssh"], timeoutMs: 180_000 },
    ]);
  });

  it("has no steps when every node is a member", () => {
    const all = ["pve1", "pve2", "pve3"];
    expect(planPveCluster(desired3, { pve1: member("pve1", all), pve2: member("pve2", all), pve3: member("pve3", all) }).steps).toEqual([]);
  });

  it("stops with a report for guests on a joining node, another cluster, a wrong host name and an unprobed node", () => {
    const plan = planPveCluster(desired3, {
      pve1: member("pve1", ["pve1"], { clusterName: "other" }),
      pve2: bare("pve2", { vms: 2, containers: 1 }),
      pve3: bare("node3"),
    });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => [r.code, r.params.host])).toEqual([
      ["PVE_NODE_IN_OTHER_CLUSTER", "pve1"],
      ["PVE_JOIN_NODE_HAS_GUESTS", "pve2"],
      ["PVE_NODE_NAME_MISMATCH", "pve3"],
    ]);
    expect(planPveCluster(desired3, { pve1: bare("pve1") }).reports.map((r) => [r.code, r.params.host])).toEqual([
      ["PVE_NODE_NOT_PROBED", "pve2"],
      ["PVE_NODE_NOT_PROBED", "pve3"],
    ]);
  });

  it("refuses hostile names and addresses before anything reaches argv", () => {
    const plan = planPveCluster({ clusterName: "a$(reboot)", nodes: [{ name: "pve1;ls", link0: "10.0.0.1 --force" }] }, {});
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => [r.code, r.params.field])).toEqual([
      ["PVE_CLUSTER_INVALID", "clusterName"],
      ["PVE_CLUSTER_INVALID", "nodes.0.name"],
      ["PVE_CLUSTER_INVALID", "nodes.0.link0"],
    ]);
  });

  it("removes the QDevice before a third node joins, and needs the founder's fingerprint", () => {
    const two = ["pve1", "pve2"];
    const plan = planPveCluster(desired3, { pve1: member("pve1", two, { qdeviceHost: "10.0.0.9" }), pve2: member("pve2", two), pve3: bare("pve3") });
    expect(plan.reports.map((r) => r.code)).toEqual(["PVE_QDEVICE_REMOVED_FOR_THIRD_NODE"]);
    expect(plan.steps.map((s) => s.id)).toEqual(["pvecm-qdevice-remove", "pvecm-add-pve3"]);
    const noFp = planPveCluster(desired3, { pve1: member("pve1", two, { fingerprint: null }), pve2: member("pve2", two), pve3: bare("pve3") });
    expect(noFp.reports.map((r) => r.code)).toEqual(["PVE_FINGERPRINT_UNKNOWN"]);
    expect(noFp.steps).toEqual([]);
  });
});

describe("planPveQdevice", () => {
  const two = ["pve1", "pve2"];
  const nodes = { pve1: member("pve1", two), pve2: member("pve2", two, { qdevicePackage: false }) };

  it("installs what is missing, then runs pvecm qdevice setup on the first node", () => {
    const plan = planPveQdevice({ nodes: two, witnessAddress: "10.0.0.9", witnessHost: "witness" }, { nodes, witnessQnetdInstalled: false });
    expect(plan.reports).toEqual([]);
    expect(plan.steps.map((s) => [s.id, s.host])).toEqual([
      ["pve-install-corosync-qnetd-witness", "witness"],
      ["pve-install-corosync-qdevice-pve2", "pve2"],
      ["pvecm-qdevice-setup", "pve1"],
    ]);
    expect(plan.steps[2]?.action).toMatchObject({ argv: ["pvecm", "qdevice", "setup", "10.0.0.9"] });
  });

  it("is a no-op when the device points at the witness, removes it when none is wanted", () => {
    const set = { pve1: member("pve1", two, { qdeviceHost: "10.0.0.9" }), pve2: member("pve2", two) };
    expect(planPveQdevice({ nodes: two, witnessAddress: "10.0.0.9" }, { nodes: set, witnessQnetdInstalled: true }).steps).toEqual([]);
    expect(planPveQdevice({ nodes: two, witnessAddress: null }, { nodes: set, witnessQnetdInstalled: null }).steps.map((s) => s.action)).toEqual([
      { kind: "command", argv: ["pvecm", "qdevice", "remove"] },
    ]);
  });

  it("refuses an odd node count and offline nodes", () => {
    const three = ["pve1", "pve2", "pve3"];
    const plan = planPveQdevice({ nodes: three, witnessAddress: "10.0.0.9" }, { nodes: { pve1: member("pve1", three, { online: ["pve1", "pve2"] }) }, witnessQnetdInstalled: true });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => r.code)).toEqual(["PVE_QDEVICE_ODD_NODES", "PVE_QDEVICE_NODES_OFFLINE"]);
    expect(plan.reports[1]?.params.nodes).toEqual(["pve3"]);
  });
});

describe("parseOpensslFingerprint", () => {
  it("reads OpenSSL 3 and 1.1 output and refuses anything else", () => {
    expect(parseOpensslFingerprint(`sha256 Fingerprint=${FP.toLowerCase()}\n`)).toBe(FP);
    expect(parseOpensslFingerprint(`SHA256 Fingerprint=${FP}`)).toBe(FP);
    expect(() => parseOpensslFingerprint("unable to load certificate")).toThrow(/no SHA256 fingerprint/);
  });
});
