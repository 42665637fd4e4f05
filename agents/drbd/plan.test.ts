import { describe, expect, it } from "vitest";
import { blockingReports } from "@/lib/reports/report";
import { planDrbdResource, redactSecret, VALIDATE_SCRIPT } from "./plan";
import type { TDrbdObserved } from "./probe";
import { renderDrbdRes9 } from "./render-res";
import { ZDrbdResourceConfig, type TDrbdResourceConfig, type TDrbdResourceConfigInput } from "./res-model";

const input: TDrbdResourceConfigInput = {
  name: "r0",
  protocol: "C",
  net: { cramHmacAlg: "sha256", sharedSecret: "s3cret" },
  volumes: [{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/dev/sdb" }],
  hosts: [
    { name: "pve1", nodeId: 0, address: { host: "10.0.0.1", port: 7789 } },
    { name: "pve2", nodeId: 1, address: { host: "10.0.0.2", port: 7789 } },
  ],
};
const model = (patch: Partial<TDrbdResourceConfigInput> = {}): TDrbdResourceConfig => ZDrbdResourceConfig.parse({ ...input, ...patch });

const bare = (host: string, patch: Partial<TDrbdObserved> = {}): TDrbdObserved => ({
  hostname: host,
  kernelVersion: "9.2.12",
  generation: "9",
  pacemakerActive: false,
  resText: null,
  resource: null,
  localDisk: null,
  gi: [],
  disks: [{ path: "/dev/sdb", exists: true, blockDevice: true, sizeBytes: 1 << 30, fstype: null, mountpoints: [], holders: [] }],
  kernelLog: [],
  vgPresent: null,
  lvmLocalConf: null,
  ...patch,
});
const fresh = { pve1: bare("pve1"), pve2: bare("pve2") };

// Both hosts after the lifecycle ran: file in place, resource up and in sync.
const synced = (m: TDrbdResourceConfig) => {
  const resource = {
    name: m.name,
    nodeId: 0,
    role: "Secondary" as const,
    suspended: false,
    quorum: true,
    volumes: [{ volume: 0, minor: 0, disk: "UpToDate" as const, quorum: true, sizeKiB: 1048576 }],
    connections: [],
  };
  const text = renderDrbdRes9(m);
  return { pve1: bare("pve1", { resText: text, resource, localDisk: "UpToDate" }), pve2: bare("pve2", { resText: text, resource, localDisk: "UpToDate" }) };
};

const ids = (p: ReturnType<typeof planDrbdResource>) => p.steps.map((s) => s.id);

describe("planDrbdResource", () => {
  it("plans a new resource: checked writes, create-md, up, the admin's sync source, then the Pacemaker handoff", () => {
    const plan = planDrbdResource(model(), fresh, { generation: "9", initialSyncSource: "pve2", handoff: { kind: "pacemaker" } });
    expect(plan.reports).toEqual([]);
    expect(ids(plan)).toEqual([
      "drbd-res-pve1",
      "drbd-res-pve2",
      "drbd-create-md-pve1",
      "drbd-create-md-pve2",
      "drbd-up-pve1",
      "drbd-up-pve2",
      "drbd-initial-sync-pve2",
      "drbd-demote-pve2",
    ]);
    const write = plan.steps[0];
    expect(write).toMatchObject({
      sensitive: true,
      action: { kind: "write-file", path: "/etc/drbd.d/r0.res", mode: "0600", validate: ["/bin/sh", "-c", VALIDATE_SCRIPT, "--", "{tmp}", "r0"] },
    });
    expect(plan.steps[6]).toMatchObject({ host: "pve2", destructive: true, action: { argv: ["drbdadm", "primary", "--force", "r0"] } });
    expect(blockingReports(plan.steps.flatMap((s) => s.reports), false).map((r) => [r.code, r.params.targets])).toEqual([["DRBD_INITIAL_SYNC_OVERWRITES", ["pve1"]]]);
    // The diff is shown with the secret masked; the secret appears in no argv.
    expect(plan.diffs.map((d) => d.hidden)).toEqual([false, false]);
    expect(plan.diffs[0]?.patch).toContain('+        shared-secret "********";');
    expect(JSON.stringify(plan.diffs)).not.toContain("s3cret");
    expect(JSON.stringify(plan.steps.flatMap((s) => (s.action.kind === "command" ? s.action.argv : [])))).not.toContain("s3cret");
  });

  it("has no steps when the hosts already match", () => {
    const m = model();
    expect(planDrbdResource(m, synced(m), { generation: "9", handoff: { kind: "pacemaker" } }).steps).toEqual([]);
  });

  it("a changed option on a running resource is written and applied with drbdadm adjust, without a new initial sync", () => {
    const m = model();
    const changed = { ...m, disk: { ...m.disk, cMaxRate: "300M" } };
    expect(ids(planDrbdResource(changed, synced(m), { generation: "9" }))).toEqual(["drbd-res-pve1", "drbd-res-pve2", "drbd-adjust-pve1", "drbd-adjust-pve2"]);
  });

  it("asks the admin for the initial sync source of a new resource instead of picking one", () => {
    const plan = planDrbdResource(model(), fresh, { generation: "9" });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => [r.code, r.params.field, r.params.candidates])).toEqual([["DRBD_INITIAL_SYNC_SOURCE_REQUIRED", "initialSyncSource", ["pve1", "pve2"]]]);
    expect(planDrbdResource(model(), fresh, { generation: "9", initialSyncSource: "pve9" }).reports.map((r) => r.code)).toEqual(["DRBD_INITIAL_SYNC_SOURCE_INVALID"]);
  });

  it.each([
    ["a resource name with a space", { name: "r 0" }, "DRBD_RESOURCE_NAME_INVALID", "name"],
    ["a resource name with shell characters", { name: "r0;reboot" }, "DRBD_RESOURCE_NAME_INVALID", "name"],
    ["a backing disk outside /dev", { volumes: [{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/var/lib/disk.img" }] }, "DRBD_DISK_PATH_INVALID", "volumes.0.disk"],
    [
      "the same minor twice",
      { volumes: [{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/dev/sdb" }, { volume: 1, device: "/dev/drbd0", minor: 0, disk: "/dev/sdc" }] },
      "DRBD_MINOR_DUPLICATE",
      "volumes.1.minor",
    ],
    [
      "a node-id clash",
      { hosts: [{ name: "pve1", nodeId: 1, address: { host: "10.0.0.1", port: 7789 } }, { name: "pve2", nodeId: 1, address: { host: "10.0.0.2", port: 7789 } }] },
      "DRBD_NODE_ID_DUPLICATE",
      "hosts.1.nodeId",
    ],
    [
      "the same address and port twice",
      { hosts: [{ name: "pve1", nodeId: 0, address: { host: "10.0.0.1", port: 7789 } }, { name: "pve2", nodeId: 1, address: { host: "10.0.0.1", port: 7789 } }] },
      "DRBD_PORT_DUPLICATE",
      "hosts.1.address",
    ],
    ["a missing address", { hosts: [{ name: "pve1", nodeId: 0, address: { host: "10.0.0.1", port: 7789 } }, { name: "pve2", nodeId: 1, address: null }] }, "DRBD_ADDRESS_MISSING", "hosts.1.address"],
  ])("refuses %s before writing anything, naming the field", (_, patch, code, field) => {
    const plan = planDrbdResource(model(patch as Partial<TDrbdResourceConfigInput>), fresh, { generation: "9", initialSyncSource: "pve1" });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.map((r) => [r.code, r.params.field])).toContainEqual([code, field]);
  });

  it("refuses a port another resource uses, a host that runs another DRBD generation, and a wrong hostname", () => {
    const other = { ...model(), name: "r1", volumes: [{ volume: 0, device: "/dev/drbd1", minor: 1, disk: "/dev/sdc", metaDisk: "internal" }] };
    expect(planDrbdResource(model(), fresh, { generation: "9", initialSyncSource: "pve1", others: [other] }).reports.map((r) => r.code)).toEqual([
      "DRBD_PORT_IN_USE",
      "DRBD_PORT_IN_USE",
    ]);
    const odd = { pve1: bare("pve1", { kernelVersion: "8.4.11", generation: "8.4" }), pve2: bare("pve2", { hostname: "pve2.example.com" }) };
    expect(planDrbdResource(model(), odd, { generation: "9", initialSyncSource: "pve1" }).reports.map((r) => [r.code, r.params.host])).toEqual([
      ["DRBD_GENERATION_MISMATCH", "pve1"],
      ["DRBD_HOSTNAME_MISMATCH", "pve2"],
    ]);
  });

  it("warns about allow-two-primaries and refuses it with protocol A; asks for fencing when Pacemaker runs", () => {
    const two = model({ protocol: "A", net: { allowTwoPrimaries: true } });
    expect(planDrbdResource(two, fresh, { generation: "9", initialSyncSource: "pve1" }).reports.map((r) => [r.severity, r.code])).toEqual([
      ["error", "DRBD_TWO_PRIMARIES_NEED_PROTOCOL_C"],
      ["warning", "DRBD_TWO_PRIMARIES"],
    ]);
    const withPacemaker = { pve1: bare("pve1", { pacemakerActive: true }), pve2: bare("pve2", { pacemakerActive: true }) };
    expect(planDrbdResource(model(), withPacemaker, { generation: "9", initialSyncSource: "pve1" }).reports.map((r) => [r.code, r.params.hosts])).toEqual([
      ["DRBD_FENCING_MISSING", ["pve1", "pve2"]],
    ]);
  });

  it("hands a dual-primary resource to Proxmox as LVM on DRBD: filter on both nodes, PV and VG on the source, the peer promoted", () => {
    const m = model({ net: { cramHmacAlg: "sha256", sharedSecret: "s3cret", allowTwoPrimaries: true } });
    const plan = planDrbdResource(m, fresh, { generation: "9", initialSyncSource: "pve1", handoff: { kind: "lvm", vg: "drbdvg" } });
    expect(ids(plan).slice(7)).toEqual(["drbd-lvm-filter-pve1", "drbd-lvm-filter-pve2", "drbd-pvcreate-pve1", "drbd-vgcreate-pve1", "drbd-promote-pve2"]);
    expect(plan.steps[10]?.action).toMatchObject({ argv: ["vgcreate", "--", "drbdvg", "/dev/drbd0"] });
    expect(planDrbdResource(m, fresh, { generation: "9", initialSyncSource: "pve1", handoff: { kind: "lvm", vg: "-x" } }).reports.map((r) => r.code)).toContain("DRBD_VG_NAME_INVALID");
  });

  it("renders 8.4 syntax for 8.4 hosts and refuses DRBD 9-only options there", () => {
    const old = { pve1: bare("pve1", { kernelVersion: "8.4.11", generation: "8.4" }), pve2: bare("pve2", { kernelVersion: "8.4.11", generation: "8.4" }) };
    const plan = planDrbdResource(model(), old, { generation: "8.4", initialSyncSource: "pve1" });
    expect(plan.steps[0]?.action.kind === "write-file" && plan.steps[0].action.content).toContain("    on pve1 {\n        device /dev/drbd0 minor 0;\n        disk /dev/sdb;");
    expect(planDrbdResource(model({ options: { quorum: "majority" } }), old, { generation: "8.4", initialSyncSource: "pve1" }).reports.map((r) => [r.code, r.params.field])).toEqual([
      ["DRBD84_OPTION_UNSUPPORTED", "options.quorum"],
    ]);
  });

  it("masks quoted and bare shared secrets", () => {
    expect(redactSecret('net {\n    shared-secret "a \\" b";\n    shared-secret plain;\n}')).toBe('net {\n    shared-secret "********";\n    shared-secret "********";\n}');
  });
});
