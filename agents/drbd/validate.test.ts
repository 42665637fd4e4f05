import { describe, expect, it } from "vitest";
import { ZDrbdResourceConfig, type TDrbdResourceConfig, type TDrbdResourceConfigInput } from "./res-model";
import { validateDrbdOptions, validateDrbdResource } from "./validate";

const base: TDrbdResourceConfigInput = {
  name: "r0",
  protocol: "C",
  net: { cramHmacAlg: "sha256", sharedSecret: "s" },
  volumes: [{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/dev/vg0/r0" }],
  hosts: [
    { name: "pve1", nodeId: 0, address: { host: "10.0.0.1", port: 7789 } },
    { name: "pve2", nodeId: 1, address: { host: "10.0.0.2", port: 7789 } },
  ],
};

function model(patch: Partial<TDrbdResourceConfigInput> = {}): TDrbdResourceConfig {
  return ZDrbdResourceConfig.parse({ ...base, ...patch });
}

const codes = (m: TDrbdResourceConfig, others: TDrbdResourceConfig[] = []) =>
  validateDrbdResource(m, others).map((r) => [r.code, r.params.field]);

describe("validateDrbdResource", () => {
  it("accepts a well-formed two-host resource", () => {
    expect(validateDrbdResource(model())).toEqual([]);
  });

  it.each(["r0 x", "r0;rm -rf", "-r0", "$(id)", "r0/..", ""])("refuses the resource name %j", (name) => {
    expect(codes({ ...model(), name })).toContainEqual(["DRBD_RESOURCE_NAME_INVALID", "name"]);
  });

  it.each(["vm-100-disk-1", "r0.data", "A_b-9"])("accepts the resource name %j", (name) => {
    expect(codes({ ...model(), name })).toEqual([]);
  });

  it("refuses backing disks outside /dev/, including per-host overrides and '..'", () => {
    const m = model({
      volumes: [{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/tmp/disk.img" }],
      hosts: [
        { name: "pve1", nodeId: 0, address: { host: "10.0.0.1", port: 7789 }, volumes: [{ volume: 0, disk: "/dev/../etc/passwd" }] },
        { name: "pve2", nodeId: 1, address: { host: "10.0.0.2", port: 7789 }, volumes: [{ volume: 0, disk: null }] },
      ],
    });
    expect(codes(m)).toEqual([
      ["DRBD_DISK_PATH_INVALID", "volumes.0.disk"],
      ["DRBD_DISK_PATH_INVALID", "hosts.0.volumes.0.disk"],
    ]);
  });

  it("refuses the same minor twice", () => {
    const m = model({
      volumes: [
        { volume: 0, device: "/dev/drbd5", minor: 5, disk: "/dev/a" },
        { volume: 1, device: "/dev/drbd5", minor: 5, disk: "/dev/b" },
      ],
    });
    expect(codes(m)).toEqual([["DRBD_MINOR_DUPLICATE", "volumes.1.minor"]]);
  });

  it("refuses the same address:port twice and a node-id clash (lab file 3-dup-nodeid-addr)", () => {
    const m = model({
      hosts: [
        { name: "lab1", nodeId: 0, address: { host: "10.99.0.11", port: 7791 } },
        { name: "lab2", nodeId: 0, address: { host: "10.99.0.11", port: 7791 } },
      ],
    });
    expect(codes(m)).toEqual([
      ["DRBD_NODE_ID_DUPLICATE", "hosts.1.nodeId"],
      ["DRBD_PORT_DUPLICATE", "hosts.1.address"],
    ]);
  });

  it("accepts the same port on different addresses", () => {
    expect(codes(model())).toEqual([]);
  });

  it("refuses a missing address and fewer than two hosts", () => {
    expect(codes(model({ hosts: [{ name: "pve1", nodeId: 0, address: null }] }))).toEqual([
      ["DRBD_TOO_FEW_HOSTS", "hosts"],
      ["DRBD_ADDRESS_MISSING", "hosts.0.address"],
    ]);
  });

  it("asks for node ids and a connection-mesh with three hosts", () => {
    const m = model({
      hosts: [
        { name: "a", address: { host: "10.0.0.1", port: 7789 } },
        { name: "b", address: { host: "10.0.0.2", port: 7789 } },
        { name: "c", address: { host: "10.0.0.3", port: 7789 } },
      ],
    });
    expect(codes(m)).toEqual([
      ["DRBD_NODE_ID_MISSING", "hosts.0.nodeId"],
      ["DRBD_NODE_ID_MISSING", "hosts.1.nodeId"],
      ["DRBD_NODE_ID_MISSING", "hosts.2.nodeId"],
      ["DRBD_CONNECTION_MESH_MISSING", "connectionMesh"],
    ]);
    expect(codes({ ...m, connectionMesh: ["a", "b", "x"], hosts: m.hosts.map((h, i) => ({ ...h, nodeId: i })) })).toEqual([
      ["DRBD_MESH_HOST_UNKNOWN", "connectionMesh.2"],
    ]);
  });

  it("refuses option names that would inject config text and warns on half-configured auth", () => {
    const m = model({ net: { cramHmacAlg: "sha1", extra: { "x; }": "1" } } });
    expect(validateDrbdResource(m).map((r) => [r.code, r.severity, r.params.field])).toEqual([
      ["DRBD_AUTH_INCOMPLETE", "warning", "net.sharedSecret"],
      ["DRBD_OPTION_NAME_INVALID", "error", "net.extra.x; }"],
    ]);
  });

  it("refuses minors and ports already used by another resource on the same host (lab file 7-dup-minor)", () => {
    const r3 = { ...model(), name: "r3" };
    const r2 = model({ volumes: [{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/dev/loop2" }] });
    expect(codes(r2, [r3])).toEqual([
      ["DRBD_MINOR_IN_USE", "volumes.0.minor"],
      ["DRBD_PORT_IN_USE", "hosts.0.address"],
      ["DRBD_MINOR_IN_USE", "volumes.0.minor"],
      ["DRBD_PORT_IN_USE", "hosts.1.address"],
    ]);
    expect(codes(r2, [r2])).toEqual([]);
  });
});

describe("validateDrbdOptions", () => {
  it("refuses c-min-rate above c-max-rate across units and notes that resync-rate is only a start value under the controller", () => {
    const m = model({ disk: { resyncRate: "100M", cMinRate: "300M", cMaxRate: "204800" } });
    expect(validateDrbdOptions(m, "9").map((r) => [r.severity, r.code, r.params.field])).toEqual([
      ["error", "DRBD_C_MIN_ABOVE_MAX", "disk.cMinRate"],
      ["warning", "DRBD_RESYNC_RATE_WITH_CONTROLLER", "disk.resyncRate"],
    ]);
    expect(validateDrbdOptions(model({ disk: { resyncRate: "100M", cPlanAhead: 0 } }), "9")).toEqual([]);
  });

  it("refuses a third host on DRBD 8.4 and warns about quorum off with three DRBD 9 hosts", () => {
    const three = model({
      hosts: [
        { name: "a", nodeId: 0, address: { host: "10.0.0.1", port: 7789 } },
        { name: "b", nodeId: 1, address: { host: "10.0.0.2", port: 7789 } },
        { name: "c", nodeId: 2, address: { host: "10.0.0.3", port: 7789 } },
      ],
    });
    expect(validateDrbdOptions(three, "8.4").map((r) => r.code)).toEqual(["DRBD84_TWO_HOSTS_ONLY"]);
    expect(validateDrbdOptions(three, "9").map((r) => r.code)).toEqual(["DRBD_QUORUM_OFF"]);
  });
});
