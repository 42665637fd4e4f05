import { describe, expect, it } from "vitest";
import type { TDrbdResource } from "@/agents/drbd/model";
import type { TDrbdObserved } from "@/agents/drbd/probe";
import { renderDrbdRes9 } from "@/agents/drbd/render-res";
import { validateDrbdResource } from "@/agents/drbd/validate";
import { parseLsblkJson } from "@/agents/host/parse-lsblk";
import { fixture, observedWith } from "@/agents/pacemaker/__fixtures__/observed";
import { parseCib, renderElement } from "@/agents/pacemaker/cib-xml";
import { renderConstraints, renderResources } from "@/agents/pacemaker/render-cib";
import { parsePveStorageCfg } from "@/agents/proxmox/storage-cfg";
import { labContext, labHost, lab3Draft } from "./__fixtures__/lab-context";
import type { TWizardDraftInput } from "./model";
import { ipv4Network, planWizardStorage, stage3Nodes, wizardStorageInput, type TStage3Input } from "./storage-plan";

const disks = [{ name: "loop6", sizeBytes: 2 ** 30 }];
const ctx = labContext({ hosts: [labHost(1, { freeDisks: disks }), labHost(2, { freeDisks: disks }), labHost(3, { freeDisks: disks })] });
const pve = { ...ctx, kind: "pve" as const };
const two = (storage: TWizardDraftInput["storage"]) => lab3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"], links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12" }], storage });
const drbdDraft = two({ kind: "drbd", disks: { lab1: "loop6", lab2: "loop6" }, addresses: { lab1: "10.99.0.11", lab2: "10.99.0.12" } });

const input = (draft: ReturnType<typeof lab3Draft>, c = ctx): TStage3Input => {
  const i = wizardStorageInput(draft, c);
  if (!i) throw new Error("no stage 3");
  return i;
};

const freshDrbd = (host: string): TDrbdObserved => ({
  hostname: host,
  kernelVersion: "9.2.12",
  generation: "9",
  pacemakerActive: true,
  resText: null,
  resource: null,
  localDisk: null,
  gi: [],
  disks: [{ path: "/dev/loop6", exists: true, blockDevice: true, sizeBytes: 2 ** 30, fstype: null, mountpoints: [], holders: [] }],
  kernelLog: [],
  vgPresent: null,
  lvmLocalConf: null,
});

const upToDate = (host: string, peer: string): TDrbdResource => ({
  name: "r0",
  nodeId: host === "lab1" ? 0 : 1,
  role: "Secondary",
  suspended: false,
  quorum: true,
  volumes: [{ volume: 0, minor: 0, disk: "UpToDate", quorum: true, sizeKiB: 1048576 }],
  connections: [{ peer, peerNodeId: host === "lab1" ? 1 : 0, state: "Connected", peerRole: "Secondary", protocol: "C", volumes: [{ volume: 0, peerDisk: "UpToDate", replication: "Established", syncPercent: null, outOfSyncKiB: 0, syncSpeedKiBps: null, etaSeconds: null }] }],
});

describe("wizardStorageInput", () => {
  it("none: there is no stage 3", () => {
    expect(wizardStorageInput(lab3Draft(), ctx)).toBeNull();
  });

  it("DRBD 9 for Pacemaker: one volume on each node's disk, node ids, resource-level fencing through Pacemaker", () => {
    const i = input(drbdDraft);
    if (i.kind !== "drbd") throw new Error(i.kind);
    expect(stage3Nodes(i)).toEqual(["lab1", "lab2"]);
    expect(i).toMatchObject({ generation: "9", initialSyncSource: "lab1", handoff: { kind: "pacemaker" }, storage: null });
    expect(i.resource.volumes).toEqual([{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/dev/loop6", metaDisk: "internal" }]);
    expect(i.resource.hosts).toEqual([
      { name: "lab1", nodeId: 0, address: { family: "ipv4", host: "10.99.0.11", port: 7788 }, volumes: [] },
      { name: "lab2", nodeId: 1, address: { family: "ipv4", host: "10.99.0.12", port: 7788 }, volumes: [] },
    ]);
    expect(i.resource.fencing).toBe("resource-only");
    expect(i.resource.handlers).toEqual({ "fence-peer": "/usr/lib/drbd/crm-fence-peer.9.sh", "unfence-peer": "/usr/lib/drbd/crm-unfence-peer.9.sh" });
    // The job input never carries the secret: the job reads it from the hosts or makes one.
    expect(i.resource.net.sharedSecret).toBeNull();
    expect(validateDrbdResource({ ...i.resource, net: { ...i.resource.net, sharedSecret: "from the job" } })).toEqual([]);
    // Pacemaker manages it: a promotable clone of two, planned through lab1; the draft's HA
    // group (web) follows the Primary.
    expect(i.pacemaker?.via).toBe("lab1");
    expect(i.pacemaker?.desired.primitives.map((p) => [p.id, p.agent, p.params])).toEqual([["drbd_r0", "ocf:linbit:drbd", { drbd_resource: "r0" }]]);
    expect(i.pacemaker?.desired.clones).toEqual([
      { id: "drbd_r0_clone", child: "drbd_r0", promotable: true, meta: { "promoted-max": "1", "promoted-node-max": "1", "clone-max": "2", "clone-node-max": "1", notify: "true" } },
    ]);
    expect(i.pacemaker?.desired.colocations.map((c) => [c.rsc, c.withRsc, c.withRscRole])).toEqual([["web", "drbd_r0_clone", "Promoted"]]);
    expect(i.pacemaker?.desired.orders.map((o) => [o.first, o.firstAction, o.then, o.thenAction])).toEqual([["drbd_r0_clone", "promote", "web", "start"]]);
    // Without an HA group, only the clone.
    const bare = input({ ...drbdDraft, ha: { ...drbdDraft.ha, group: null } });
    if (bare.kind !== "drbd") throw new Error(bare.kind);
    expect([bare.pacemaker?.desired.clones.length, bare.pacemaker?.desired.colocations, bare.pacemaker?.desired.orders]).toEqual([1, [], []]);
  });

  it("DRBD on Proxmox VE: LVM on top, dual-primary, a shared lvm storage entry; a differing disk is a per-host override", () => {
    const d = two({ kind: "drbd", version: "8.4", mode: "lvm", disks: { lab1: "loop6", lab2: "sdb" }, addresses: { lab1: "10.99.0.11", lab2: "10.99.0.12" } });
    const i = input(d, pve);
    if (i.kind !== "drbd") throw new Error(i.kind);
    expect(i.handoff).toEqual({ kind: "lvm", vg: "drbd_r0" });
    expect(i.resource.net.allowTwoPrimaries).toBe(true);
    expect(i.resource.fencing).toBeNull();
    expect(i.resource.hosts.map((h) => [h.nodeId, h.volumes])).toEqual([
      [null, []],
      [null, [{ volume: 0, disk: "/dev/sdb" }]],
    ]);
    expect(i.storage).toMatchObject({ type: "lvm", id: "drbd-r0", vgname: "drbd_r0", shared: true, content: ["images", "rootdir"] });
    // Proxmox's shared LVM keeps both nodes Primary: nothing for Pacemaker.
    expect(i.pacemaker).toBeNull();
  });

  it("ZFS, LINSTOR and Ceph map to their agents' desired configs", () => {
    const zfs = input(lab3Draft({ storage: { kind: "zfs", pool: "tank", disks: { lab1: "loop6", lab2: "loop6", lab3: "loop6" }, schedule: "*/5", rpoMinutes: 10 } }), pve);
    expect(zfs).toMatchObject({ kind: "zfs", storage: { type: "zfspool", id: "tank", pool: "tank", sparse: true }, replication: { schedule: "*/5", rpoMinutes: 10 } });
    if (zfs.kind === "zfs") expect(zfs.pools.map((p) => [p.node, p.pool, p.disk])).toEqual([["lab1", "tank", "/dev/loop6"], ["lab2", "tank", "/dev/loop6"], ["lab3", "tank", "/dev/loop6"]]);

    const linstor = input(lab3Draft({ storage: { kind: "linstor", poolType: "zfsthin", disks: { lab1: "loop6", lab2: "loop6", lab3: "loop6" } } }), pve);
    if (linstor.kind !== "linstor") throw new Error(linstor.kind);
    expect(linstor.linstor.storagePools).toEqual([{ name: "wizard_pool", driver: "zfsthin", backing: "linstor", nodes: null }]);
    expect(linstor.linstor.nodes[2]).toEqual({ name: "lab3", address: "10.99.0.13", dataAddress: null });
    expect(linstor.linstor.storage).toMatchObject({ id: "linstor", resourceGroup: "wizard_rg" });

    const ceph = input(lab3Draft({ storage: { kind: "ceph", osds: { lab1: ["loop6"], lab2: ["loop6"], lab3: ["loop6"] }, size: 3, minSize: 2 } }), pve);
    if (ceph.kind !== "ceph") throw new Error(ceph.kind);
    expect(ceph.ceph).toMatchObject({ network: "10.99.0.0/24", monitors: ["lab1", "lab2", "lab3"], managers: ["lab1", "lab2", "lab3"] });
    expect(ceph.ceph.osds).toEqual([{ host: "lab1", disk: "/dev/loop6" }, { host: "lab2", disk: "/dev/loop6" }, { host: "lab3", disk: "/dev/loop6" }]);
    expect(ceph.ceph.pools[0]).toMatchObject({ name: "vmpool", size: 3, minSize: 2, storage: { id: "vmpool" } });
  });

  it("ipv4Network masks the host part", () => {
    expect(ipv4Network("10.99.0.11", 24)).toBe("10.99.0.0/24");
    expect(ipv4Network("172.16.37.200", 20)).toBe("172.16.32.0/20");
    expect(ipv4Network("fd00::1", 64)).toBeNull();
  });
});

describe("planWizardStorage", () => {
  it("DRBD on fresh hosts: the agent's full lifecycle, secret written sensitively, then the clone in the CIB; on a configured pair: nothing", () => {
    const i = input(drbdDraft);
    const pacemaker = observedWith("cib-lab-web-group.xml");
    const fresh = planWizardStorage(i, { drbd: { lab1: freshDrbd("lab1"), lab2: freshDrbd("lab2") }, pacemaker }, { drbdSecret: "s3cret" });
    expect(fresh.steps.map((s) => s.id)).toEqual([
      "drbd-res-lab1",
      "drbd-res-lab2",
      "drbd-create-md-lab1",
      "drbd-create-md-lab2",
      "drbd-up-lab1",
      "drbd-up-lab2",
      "drbd-initial-sync-lab1",
      "drbd-demote-lab1",
      // The clone, the colocation and the order with stage 2's group web, pushed last.
      "pcmk-copy",
      "pcmk-edit-1",
      "pcmk-edit-2",
      "pcmk-edit-3",
      "pcmk-verify",
      "pcmk-push",
    ]);
    expect(fresh.steps.filter((s) => s.id.startsWith("pcmk-")).map((s) => s.host)).toEqual(["lab1", "lab1", "lab1", "lab1", "lab1", "lab1"]);
    expect(fresh.diffs.map((d) => d.path).slice(-3)).toEqual(["/cib/configuration/resources/drbd_r0_clone", "/cib/configuration/constraints/web_with_drbd_r0_clone", "/cib/configuration/constraints/drbd_r0_clone_before_web"]);
    expect(fresh.steps[0]?.sensitive).toBe(true);
    expect(fresh.diffs[0]?.after).toContain('shared-secret "********";');
    expect(fresh.diffs[0]?.after).toContain("crm-fence-peer.9.sh");
    expect(fresh.reports.filter((r) => r.severity === "error")).toEqual([]);

    if (i.kind !== "drbd") throw new Error(i.kind);
    const text = renderDrbdRes9({ ...i.resource, net: { ...i.resource.net, sharedSecret: "s3cret" } });
    const done = (host: string, peer: string): TDrbdObserved => ({ ...freshDrbd(host), resText: text, resource: upToDate(host, peer), localDisk: "UpToDate" });
    // The CIB once the patch is in: the elements as pushed, beside stage 2's.
    const desired = i.pacemaker?.desired;
    if (!desired) throw new Error("no CIB part");
    const pushed = fixture("cib-lab-web-group.xml")
      .replace("</resources>", `${renderResources(desired).map(renderElement).join("")}</resources>`)
      .replace("</constraints>", `${renderConstraints(desired).map(renderElement).join("")}</constraints>`);
    const configured = { drbd: { lab1: done("lab1", "lab2"), lab2: done("lab2", "lab1") }, pacemaker: observedWith("cib-lab-web-group.xml", { cib: parseCib(pushed) }) };
    expect(planWizardStorage(i, configured, { drbdSecret: "s3cret" }).steps).toEqual([]);
    // DRBD done, the CIB not yet (a run stopped before the push): only the CIB part.
    expect(planWizardStorage(i, { ...configured, pacemaker }, { drbdSecret: "s3cret" }).steps.map((s) => s.id)).toEqual(["pcmk-copy", "pcmk-edit-1", "pcmk-edit-2", "pcmk-edit-3", "pcmk-verify", "pcmk-push"]);
  });

  it("DRBD for Pacemaker refuses without a readable CIB", () => {
    const plan = planWizardStorage(input(drbdDraft), { drbd: { lab1: freshDrbd("lab1"), lab2: freshDrbd("lab2") } }, { drbdSecret: "x" });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.filter((r) => r.severity === "error").map((r) => r.code)).toContain("PACEMAKER_CIB_UNREADABLE");
  });

  it("refuses with the agent's report when a host runs another DRBD generation", () => {
    const plan = planWizardStorage(input(drbdDraft), { drbd: { lab1: freshDrbd("lab1"), lab2: { ...freshDrbd("lab2"), kernelVersion: "8.4.11", generation: "8.4" } }, pacemaker: observedWith("cib-lab-web-group.xml") }, { drbdSecret: "x" });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.filter((r) => r.severity === "error").map((r) => r.code)).toEqual(["DRBD_GENERATION_MISMATCH"]);
  });

  it("ZFS: a pool per node and the zfspool entry; nothing once both exist", () => {
    const i = input(lab3Draft({ storage: { kind: "zfs", pool: "tank", disks: { lab1: "loop6", lab2: "loop6", lab3: "loop6" } } }), pve);
    const lsblk = parseLsblkJson(JSON.stringify({ blockdevices: [{ name: "loop6", path: "/dev/loop6", size: 2 ** 30, type: "disk", fstype: null, mountpoint: null, model: null, vendor: null, rota: true, serial: null, pkname: null }] }));
    const fresh = { disks: lsblk, pools: [] };
    const plan = planWizardStorage(i, { zfs: { lab1: fresh, lab2: fresh, lab3: fresh }, storage: [] });
    expect(plan.steps.map((s) => [s.id, s.host])).toEqual([
      ["zpool-create-lab1-tank", "lab1"],
      ["zpool-create-lab2-tank", "lab2"],
      ["zpool-create-lab3-tank", "lab3"],
      ["pvesm-add-tank", "lab1"],
    ]);
    expect(plan.reports.map((r) => r.code)).toEqual(["WIZARD_ZFS_REPLICATION"]);
    const made = { disks: lsblk, pools: ["tank"] };
    const cfg = parsePveStorageCfg("zfspool: tank\n\tpool tank\n\tcontent images,rootdir\n\tsparse 1\n").storages;
    expect(planWizardStorage(i, { zfs: { lab1: made, lab2: made, lab3: made }, storage: cfg }).steps).toEqual([]);
  });
});
