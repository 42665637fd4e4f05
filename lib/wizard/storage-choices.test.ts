import { describe, expect, it } from "vitest";
import { labContext, labHost, lab3Draft } from "./__fixtures__/lab-context";
import { readDraft, ZWizardDraft, type TWizardContext } from "./model";
import { defaultStorage, drbdModeOptions, drbdVersionOptions, storageChoices, storageIssues } from "./storage-choices";
import { validateWizardStep } from "./validate";

const disk = (name: string, gib = 1) => ({ name, sizeBytes: gib * 2 ** 30 });
const withDisks = (over: Partial<TWizardContext> = {}): TWizardContext =>
  labContext({ hosts: [labHost(1, { freeDisks: [disk("sdb"), disk("sdc")] }), labHost(2, { freeDisks: [disk("sdb")] }), labHost(3, { freeDisks: [disk("vdb")] })], ...over });
const reasons = (ctx: TWizardContext, draft = lab3Draft()) => Object.fromEntries(storageChoices(ctx, draft).map((c) => [c.kind, c.disabledReason]));
const messages = (draft: ReturnType<typeof lab3Draft>, ctx: TWizardContext) => storageIssues(draft, ctx).map((i) => [i.path, i.message]);

describe("storage draft schema", () => {
  it("reads drafts saved before the Storage step, and refuses hostile names", () => {
    expect(readDraft({ nodeCount: 2, storage: { kind: "none" } }).storage).toEqual({ kind: "none" });
    expect(readDraft({ nodeCount: 2 })).toMatchObject({ nodeCount: 2, storage: { kind: "none" }, stage3JobId: null });
    expect(ZWizardDraft.safeParse({ storage: { kind: "drbd", resource: "r0; reboot" } }).success).toBe(false);
    expect(ZWizardDraft.safeParse({ storage: { kind: "zfs", disks: { lab1: "../sda" } } }).success).toBe(false);
    expect(ZWizardDraft.safeParse({ storage: { kind: "ceph", osds: { lab1: ["sdb", "sd c"] } } }).success).toBe(false);
    expect(ZWizardDraft.safeParse({ storage: { kind: "nfs" } }).success).toBe(false);
  });
});

describe("storageChoices", () => {
  it("a Pacemaker cluster is offered none and DRBD; the Proxmox VE kinds say why not", () => {
    const r = reasons(withDisks());
    expect(r.none).toBeNull();
    expect(r.drbd).toBeNull();
    expect(r.linstor).toBe("LINSTOR is storage for Proxmox VE guests; this is a plain corosync/Pacemaker cluster");
    expect(r.ceph).toMatch(/^Ceph is storage for Proxmox VE guests/);
  });

  it("Proxmox VE: everything with free disks; Ceph only with three nodes; no disk names the node", () => {
    expect(Object.values(reasons(withDisks({ kind: "pve" })))).toEqual([null, null, null, null, null]);
    const two = lab3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"] });
    expect(reasons(withDisks({ kind: "pve" }), two).ceph).toBe("Ceph needs three nodes (a monitor majority and three copies); this cluster has two");
    const bare = labContext({ kind: "pve", hosts: [labHost(1, { freeDisks: [disk("sdb")] }), labHost(2), labHost(3)] });
    expect(reasons(bare).zfs).toBe("lab2, lab3 have no empty disk (per their facts): add a disk and refresh the facts");
    expect(reasons(bare).drbd).toMatch(/^lab2, lab3 have no empty disk/);
  });

  it("DRBD 8.4 only for two nodes, and never against a node whose kernel runs 9", () => {
    expect(drbdVersionOptions(lab3Draft()).map((o) => [o.value, o.disabledReason])).toEqual([
      ["9", null],
      ["8.4", "DRBD 8.4 replicates between two nodes only"],
    ]);
    const two = lab3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"] });
    expect(drbdVersionOptions(two, { lab1: { drbdKernel: "8.4.11" }, lab2: { drbdKernel: null } }).map((o) => o.disabledReason)).toEqual(["lab1 runs DRBD 8.4.11", null]);
    expect(drbdVersionOptions(two, { lab2: { drbdKernel: "9.2.12" } })[1]?.disabledReason).toBe("lab2 runs DRBD 9.2.12");
    expect(drbdModeOptions(labContext()).map((o) => o.disabledReason === null)).toEqual([true, false]);
    expect(drbdModeOptions(labContext({ kind: "pve" })).map((o) => o.disabledReason === null)).toEqual([false, true]);
  });

  it("defaults: each node's first empty disk, the replication address on link 1 when there is one", () => {
    const ctx = withDisks();
    expect(defaultStorage("drbd", ctx, lab3Draft())).toEqual({
      kind: "drbd",
      version: "9",
      mode: "pacemaker",
      resource: "r0",
      disks: { lab1: "sdb", lab2: "sdb", lab3: "vdb" },
      addresses: { lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" },
    });
    const twoLinks = lab3Draft({ links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" }, { lab1: "10.98.0.11", lab2: "10.98.0.12", lab3: "10.98.0.13" }] });
    expect(defaultStorage("drbd", ctx, twoLinks)).toMatchObject({ addresses: { lab1: "10.98.0.11", lab3: "10.98.0.13" } });
    const two = lab3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"] });
    expect(defaultStorage("drbd", ctx, two, { lab1: { drbdKernel: "8.4.11" } })).toMatchObject({ version: "8.4", disks: { lab1: "sdb", lab2: "sdb" } });
    expect(defaultStorage("ceph", withDisks({ kind: "pve" }), lab3Draft())).toEqual({ kind: "ceph", osds: { lab1: ["sdb"], lab2: ["sdb"], lab3: ["vdb"] }, size: 3, minSize: 2 });
    expect(defaultStorage("drbd", withDisks({ kind: "pve" }), lab3Draft())).toMatchObject({ mode: "lvm" });
  });
});

describe("storageIssues (step 5)", () => {
  const ctx = withDisks();
  const drbd = (over: object = {}) => lab3Draft({ storage: { ...defaultStorage("drbd", ctx, lab3Draft()), ...over } });

  it("none and a complete DRBD choice pass; validateWizardStep runs the same checks", () => {
    expect(storageIssues(lab3Draft(), ctx)).toEqual([]);
    expect(storageIssues(drbd(), ctx)).toEqual([]);
    expect(validateWizardStep(5, drbd({ disks: {} }), ctx).map((i) => i.path)).toEqual(["storage.disks.lab1", "storage.disks.lab2", "storage.disks.lab3"]);
  });

  it("a disk must be empty per the facts, until the wizard has planned once", () => {
    const used = drbd({ disks: { lab1: "sdb", lab2: "sdc", lab3: "vdb" } });
    expect(messages(used, ctx)).toEqual([["storage.disks.lab2", "lab2 has no empty disk sdc (per its facts); refresh its facts if it changed."]]);
    expect(storageIssues({ ...used, stage1JobId: "job1" }, ctx)).toEqual([]);
  });

  it("replication addresses: set, an IP the node has, distinct; 8.4 refused for three nodes; the mode must fit", () => {
    const bad = drbd({ version: "8.4", mode: "lvm", addresses: { lab1: "10.99.0.11", lab2: "10.99.0.11", lab3: "nope" } });
    expect(messages(bad, ctx)).toEqual([
      ["storage.version", "DRBD 8.4 replicates between two nodes only: choose DRBD 9."],
      ["storage.mode", "LVM on DRBD (Proxmox VE shared LVM): not for this cluster (LVM on DRBD serves Proxmox VE guests; on a Pacemaker cluster, Pacemaker manages DRBD)."],
      ["storage.addresses.lab2", "lab2 has no interface with 10.99.0.11 (per its facts)."],
      ["storage.addresses.lab3", "nope is not an IP address."],
    ]);
    expect(messages(drbd({ addresses: { lab1: "10.99.0.11", lab2: "10.99.0.12" } }), ctx)).toEqual([["storage.addresses.lab3", "Choose the replication address of lab3."]]);
  });

  it("a kind that does not fit the cluster is refused with its reason", () => {
    const zfs = lab3Draft({ storage: { kind: "zfs", disks: { lab1: "sdb", lab2: "sdb", lab3: "vdb" } } });
    expect(messages(zfs, ctx)).toEqual([["storage.kind", "ZFS + replication is not available: ZFS replication is storage for Proxmox VE guests; this is a plain corosync/Pacemaker cluster."]]);
    expect(storageIssues(zfs, withDisks({ kind: "pve" }))).toEqual([]);
  });

  it("Ceph: an OSD per node, no disk twice, size above min_size, min_size at least 2", () => {
    const pve = withDisks({ kind: "pve" });
    const ceph = (over: object) => lab3Draft({ storage: { kind: "ceph", osds: { lab1: ["sdb"], lab2: ["sdb"], lab3: ["vdb"] }, ...over } });
    expect(storageIssues(ceph({}), pve)).toEqual([]);
    expect(messages(ceph({ osds: { lab1: ["sdb", "sdb"], lab2: [], lab3: ["vdb"] }, size: 2, minSize: 2 }), pve)).toEqual([
      ["storage.osds.lab1", "A disk of lab1 is picked twice."],
      ["storage.osds.lab2", "Choose at least one OSD disk on lab2."],
      ["storage.size", "size 2 must be larger than min_size 2: with size = min_size one OSD down blocks I/O."],
    ]);
    expect(messages(ceph({ minSize: 1 }), pve)).toEqual([["storage.minSize", "min_size 1 is refused: Ceph would acknowledge writes held on a single disk."]]);
  });
});
