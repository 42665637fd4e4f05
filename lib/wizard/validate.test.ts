import { describe, expect, it } from "vitest";
import { labContext, labHost, lab3Draft } from "./__fixtures__/lab-context";
import { emptyDraft, readDraft, ZWizardDraft } from "./model";
import { hostUnavailableReason, validateWizardStep, validateWizardUpTo, witnessUnavailableReason } from "./validate";

const ctx = labContext();
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe("wizard draft model", () => {
  it("reads an empty or foreign value as a fresh draft at step 1", () => {
    expect(readDraft(null)).toEqual(emptyDraft());
    expect(readDraft({ nodeCount: 7 })).toEqual(emptyDraft());
    expect(emptyDraft()).toMatchObject({ nodeCount: 3, nodes: [], step: 1, quorum: { mode: null }, ha: { fencing: null, resourceStickiness: 100 } });
  });

  it("refuses hostile values in the schema itself", () => {
    expect(ZWizardDraft.safeParse({ nodes: ["lab1; rm -rf /"] }).success).toBe(false);
    expect(ZWizardDraft.safeParse({ ha: { fenceParams: [{ name: "ip", value: "a\nb" }] } }).success).toBe(false);
    expect(ZWizardDraft.safeParse({ ha: { group: { id: "1bad" } } }).success).toBe(false);
  });
});

describe("host availability", () => {
  it("says why a host cannot be a node", () => {
    expect(hostUnavailableReason(labHost(1), "c1")).toBeNull();
    expect(hostUnavailableReason(labHost(1, { clusterId: "c9", clusterName: "other" }), "c1")).toBe("already a node of cluster other");
    expect(hostUnavailableReason(labHost(1, { keyState: "not-trusted" }), "c1")).toMatch(/not trusted yet/);
    expect(hostUnavailableReason(labHost(1, { keyState: "changed" }), "c1")).toMatch(/CHANGED/);
    expect(hostUnavailableReason(labHost(1, { hasCredential: false }), "c1")).toMatch(/no SSH credential/);
    expect(hostUnavailableReason(labHost(1, { factsAt: null }), "c1")).toMatch(/facts/);
  });

  it("a witness must be a third machine with a working login", () => {
    const draft = lab3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"] });
    expect(witnessUnavailableReason(labHost(3), draft, "c1")).toBeNull();
    expect(witnessUnavailableReason(labHost(1), draft, "c1")).toMatch(/third machine/);
    expect(witnessUnavailableReason(labHost(3, { factsAt: null }), draft, "c1")).toBeNull();
    expect(witnessUnavailableReason(labHost(3, { keyState: "changed" }), draft, "c1")).toMatch(/CHANGED/);
  });
});

describe("validateWizardStep", () => {
  it("accepts the complete lab draft at every step", () => {
    expect(validateWizardUpTo(6, lab3Draft(), ctx)).toEqual([]);
  });

  it("step 1: a Proxmox VE cluster is built like a Pacemaker one: two or three nodes", () => {
    expect(validateWizardStep(1, lab3Draft(), labContext({ kind: "pve" }))).toEqual([]);
  });

  it("step 2: the right number of usable, distinct hosts", () => {
    expect(validateWizardStep(2, lab3Draft({ nodes: ["lab1", "lab2"] }), ctx).map((i) => i.message)).toEqual(["Pick 3 hosts (2 picked)."]);
    expect(paths(validateWizardStep(2, lab3Draft({ nodes: ["lab1", "lab1", "lab2"] }), ctx))).toEqual(["nodes"]);
    const busy = labContext({ hosts: [labHost(1), labHost(2, { clusterId: "c9", clusterName: "prod" }), labHost(3)] });
    expect(validateWizardStep(2, lab3Draft(), busy).map((i) => i.message)).toEqual(["lab2 cannot be a node: already a node of cluster prod."]);
    expect(validateWizardStep(2, lab3Draft({ nodes: ["lab1", "lab2", "lab9"] }), ctx).map((i) => i.path)).toEqual(["nodes.2"]);
  });

  it("step 3: each node needs an address it really has, distinct per link, and link 1 apart from link 0", () => {
    expect(paths(validateWizardStep(3, lab3Draft({ links: [] }), ctx))).toEqual(["links"]);
    const missing = lab3Draft({ links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12" }] });
    expect(validateWizardStep(3, missing, ctx).map((i) => i.message)).toEqual(["Link 0: choose an address for lab3."]);
    const foreign = lab3Draft({ links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.99" }] });
    expect(validateWizardStep(3, foreign, ctx).map((i) => i.message)).toEqual(["Link 0: lab3 has no interface with 10.99.0.99 (per its facts); refresh its facts if it changed."]);
    const notIp = lab3Draft({ links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "lab3" }] });
    expect(validateWizardStep(3, notIp, ctx)[0]?.message).toBe("Link 0: lab3 is not an IP address.");
    const same = lab3Draft({ links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" }, { lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" }] });
    expect(paths(validateWizardStep(3, same, ctx))).toEqual(["links.1.lab1", "links.1.lab2", "links.1.lab3"]);
  });

  it("step 4: two nodes need a witness or an acknowledged two_node; three need nothing", () => {
    expect(validateWizardStep(4, lab3Draft(), ctx)).toEqual([]);
    const two = (quorum: object) => lab3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"], quorum });
    expect(paths(validateWizardStep(4, two({}), ctx))).toEqual(["quorum.mode"]);
    expect(paths(validateWizardStep(4, two({ mode: "two_node" }), ctx))).toEqual(["quorum.twoNodeAcknowledged"]);
    expect(validateWizardStep(4, two({ mode: "two_node", twoNodeAcknowledged: true }), ctx)).toEqual([]);
    expect(paths(validateWizardStep(4, two({ mode: "qdevice" }), ctx))).toEqual(["quorum.witness"]);
    expect(validateWizardStep(4, two({ mode: "qdevice", witness: "lab2" }), ctx)[0]?.message).toMatch(/lab2 cannot be the witness: it is one of the two nodes/);
    expect(validateWizardStep(4, two({ mode: "qdevice", witness: "lab3" }), ctx)).toEqual([]);
  });

  it("step 6: fencing chosen or its absence acknowledged; a sane group", () => {
    expect(paths(validateWizardStep(6, lab3Draft({ ha: {} }), ctx))).toEqual(["ha.fencing"]);
    expect(paths(validateWizardStep(6, lab3Draft({ ha: { fencing: "none" } }), ctx))).toEqual(["ha.noFencingAcknowledged"]);
    expect(paths(validateWizardStep(6, lab3Draft({ ha: { fencing: "device" } }), ctx))).toEqual(["ha.fenceAgent"]);
    const params = lab3Draft({ ha: { fencing: "device", fenceAgent: "fence_ipmilan", fenceParams: [{ name: "ip", value: "1" }, { name: "ip", value: "2" }, { name: "pcmk_host_list", value: "x" }] } });
    expect(paths(validateWizardStep(6, params, ctx))).toEqual(["ha.fenceParams.1.name", "ha.fenceParams.2.name"]);
    const badVip = lab3Draft({ ha: { fencing: "none", noFencingAcknowledged: true, group: { id: "g", vip: { ip: "10.99.0.11", cidrNetmask: 24, nic: "" }, service: "none" } } });
    expect(validateWizardStep(6, badVip, ctx).map((i) => i.message)).toEqual(["10.99.0.11 is a node's own address.", "Choose the interface that carries the floating IP."]);
    const unit = lab3Draft({ ha: { fencing: "none", noFencingAcknowledged: true, group: { id: "g", service: "systemd", systemdUnit: "nginx; reboot" } } });
    expect(paths(validateWizardStep(6, unit, ctx))).toEqual(["ha.group.systemdUnit"]);
  });
});
