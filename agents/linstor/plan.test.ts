import { describe, expect, it } from "vitest";
import { emptyStorageEntry } from "../proxmox/storage-cfg";
import { ZLinstorDesired, type TLinstorDesiredInput } from "./desired";
import type { TLinstorNode, TLinstorStoragePool } from "./model";
import { HA_MOUNT_CONTENT, HA_REACTOR_TOML, HA_SATELLITE_DROPIN_CONTENT } from "./ha-controller";
import { changedDrbdOptions, planLinstorCluster, renderClientConf } from "./plan";
import type { TLinstorClusterObserved, TLinstorHostObserved } from "./probe";
import { parseLinstorDesired, validateLinstorDesired } from "./validate";

const NODES = ["pve1", "pve2", "pve3"];
const addr = (i: number) => `10.1.0.1${i + 1}`;
const data = (i: number) => `10.2.0.1${i + 1}`;

const input = (over: Partial<TLinstorDesiredInput> = {}): TLinstorDesiredInput => ({
  nodes: NODES.map((name, i) => ({ name, address: addr(i), dataAddress: data(i) })),
  controller: { host: "pve1" },
  storagePools: [{ name: "drbdpool", driver: "lvmthin", backing: "pve/drbdpool" }],
  drbdOptions: { afterSb0pri: "discard-zero-changes", afterSb1pri: "discard-secondary", afterSb2pri: "disconnect", maxBuffers: 36864 },
  resourceGroups: [{ name: "pve_rg", placeCount: 3, storagePool: "drbdpool" }],
  resources: [{ name: "vm-100-disk-1", resourceGroup: "pve_rg", sizeMib: 4096 }],
  storage: { id: "drbdpool", resourceGroup: "pve_rg" },
  ...over,
});
const desired = (over: Partial<TLinstorDesiredInput> = {}) => ZLinstorDesired.parse(input(over));

const host = (i: number, over: Partial<TLinstorHostObserved> = {}): TLinstorHostObserved => ({
  satelliteActive: false,
  satelliteEnabled: false,
  controllerActive: false,
  packages: ["linstor-satellite", "linstor-client", "linstor-controller"],
  addresses: ["127.0.0.1", addr(i), data(i)],
  clientConf: null,
  reactorActive: false,
  dbMoved: false,
  satelliteDropIn: null,
  mountUnit: null,
  reactorConf: null,
  ...over,
});
const hosts = (over: Partial<TLinstorHostObserved> = {}) => Object.fromEntries(NODES.map((n, i) => [n, host(i, over)]));
const empty: TLinstorClusterObserved = {
  nodes: null,
  nodeProps: null,
  storagePools: null,
  resources: null,
  definitions: null,
  groups: null,
  controllerProps: null,
  storages: [],
  errors: [],
};
const node = (name: string, i: number): TLinstorNode => ({
  name,
  type: "SATELLITE",
  connectionStatus: "ONLINE",
  online: true,
  flags: [],
  netInterfaces: [
    { name: "default", address: addr(i), port: 3366, encryption: "PLAIN", active: true },
    { name: "data", address: data(i), port: null, encryption: null, active: false },
  ],
});
const pool = (n: string, over: Partial<TLinstorStoragePool> = {}): TLinstorStoragePool => ({
  pool: "drbdpool",
  node: n,
  providerKind: "LVM_THIN",
  backingPool: "pve/drbdpool",
  freeCapacityKib: 100,
  totalCapacityKib: 100,
  supportsSnapshots: true,
  sharedSpace: null,
  errors: [],
  ...over,
});
const built: TLinstorClusterObserved = {
  nodes: NODES.map(node),
  nodeProps: Object.fromEntries(NODES.map((n) => [n, { PrefNic: "data" }])),
  storagePools: NODES.map((n) => pool(n)),
  resources: [],
  definitions: [{ name: "vm-100-disk-1", resourceGroup: "pve_rg", props: {} }],
  groups: [{ name: "pve_rg", placeCount: 3, storagePools: ["drbdpool"], props: {} }],
  controllerProps: { "DrbdOptions/Net/after-sb-0pri": "discard-zero-changes", "DrbdOptions/Net/after-sb-1pri": "discard-secondary", "DrbdOptions/Net/after-sb-2pri": "disconnect", "DrbdOptions/Net/max-buffers": "36864" },
  storages: [{ ...emptyStorageEntry("drbd", "drbdpool"), resourcegroup: "pve_rg", controller: "10.1.0.11", content: ["images", "rootdir"] }],
  errors: [],
};
const codes = (r: { severity: string; code: string; params: Record<string, unknown> }[]) => r.map((x) => [x.severity, x.code, x.params.field]);

describe("planLinstorCluster", () => {
  it("sets up three nodes from scratch in seed 004's order", () => {
    const plan = planLinstorCluster(desired(), hosts(), empty);
    expect(plan.reports).toEqual([]);
    expect(plan.steps.map((s) => [s.id, s.host])).toEqual([
      ...NODES.flatMap((n) => [[`linstor-client-dir-${n}`, n], [`linstor-client-conf-${n}`, n]]),
      ["linstor-controller-pve1", "pve1"],
      ["linstor-satellite-pve1", "pve1"],
      ["linstor-satellite-pve2", "pve2"],
      ["linstor-satellite-pve3", "pve3"],
      ...NODES.flatMap((n) => [[`linstor-node-${n}`, "pve1"], [`linstor-netif-${n}`, "pve1"], [`linstor-prefnic-${n}`, "pve1"]]),
      ...NODES.map((n) => [`linstor-pool-drbdpool-${n}`, "pve1"]),
      ["linstor-controller-drbd-options", "pve1"],
      ["linstor-rg-pve_rg", "pve1"],
      ["linstor-resource-vm-100-disk-1", "pve1"],
      ["linstor-storage-drbdpool", "pve1"],
    ]);
    const argv = Object.fromEntries(plan.steps.map((s) => [s.id, s.action.kind === "command" ? s.action.argv : s.action.path]));
    expect(argv["linstor-client-conf-pve2"]).toBe("/etc/linstor/linstor-client.conf");
    expect(argv["linstor-client-dir-pve2"]).toEqual(["mkdir", "-p", "/etc/linstor"]);
    expect(argv["linstor-node-pve2"]).toEqual(["linstor", "node", "create", "pve2", "10.1.0.12"]);
    expect(argv["linstor-netif-pve3"]).toEqual(["linstor", "node", "interface", "create", "pve3", "data", "10.2.0.13"]);
    expect(argv["linstor-prefnic-pve1"]).toEqual(["linstor", "node", "set-property", "pve1", "PrefNic", "data"]);
    expect(argv["linstor-pool-drbdpool-pve2"]).toEqual(["linstor", "storage-pool", "create", "lvmthin", "pve2", "drbdpool", "pve/drbdpool"]);
    expect(argv["linstor-controller-drbd-options"]).toEqual([
      "linstor", "controller", "drbd-options",
      "--after-sb-0pri", "discard-zero-changes", "--after-sb-1pri", "discard-secondary", "--after-sb-2pri", "disconnect", "--max-buffers", "36864",
    ]);
    expect(argv["linstor-rg-pve_rg"]).toEqual(["linstor", "resource-group", "create", "pve_rg", "--place-count", "3", "--storage-pool", "drbdpool"]);
    expect(argv["linstor-resource-vm-100-disk-1"]).toEqual(["linstor", "resource-group", "spawn-resources", "pve_rg", "vm-100-disk-1", "4096MiB"]);
    expect(argv["linstor-storage-drbdpool"]).toEqual(["pvesm", "add", "drbd", "drbdpool", "--resourcegroup", "pve_rg", "--controller", "10.1.0.11", "--content", "images,rootdir"]);
    expect(plan.steps.every((s) => s.check !== null)).toBe(true);
    expect(plan.diffs[0]?.after).toBe("[global]\ncontrollers=10.1.0.11\n");
  });

  it("plans nothing for a cluster that already matches", () => {
    const conf = renderClientConf(desired());
    const plan = planLinstorCluster(desired(), hosts({ satelliteActive: true, satelliteEnabled: true, controllerActive: true, clientConf: conf }), built);
    expect(plan.steps).toEqual([]);
    expect(plan.reports).toEqual([]);
  });

  it("without manageServices and without a readable controller property list, the options step stays in the plan", () => {
    const conf = renderClientConf(desired());
    const plan = planLinstorCluster(desired({ manageServices: false }), hosts({ clientConf: conf }), { ...built, controllerProps: null });
    expect(plan.steps.map((s) => s.id)).toEqual(["linstor-controller-drbd-options"]);
  });

  it("refuses a storage pool name that exists with another backing, before anything runs", () => {
    const plan = planLinstorCluster(desired(), hosts(), { ...built, storagePools: [pool("pve1"), pool("pve2", { providerKind: "ZFS_THIN", backingPool: "tank/drbd" }), pool("pve3")] });
    expect(plan.steps).toEqual([]);
    expect(codes(plan.reports)).toEqual([["error", "LINSTOR_STORAGE_POOL_EXISTS", "storagePools.0.name"]]);
    expect(plan.reports[0]?.params.host).toBe("pve2");
  });

  it("refuses addresses the hosts do not have, missing packages, and a storage id taken by another type", () => {
    const plan = planLinstorCluster(
      desired(),
      { ...hosts(), pve2: host(1, { addresses: ["10.1.0.12"], packages: ["linstor-client"] }) },
      { ...empty, storages: [{ ...emptyStorageEntry("dir", "drbdpool"), path: "/srv" }] },
    );
    expect(plan.steps).toEqual([]);
    expect(codes(plan.reports)).toEqual([
      ["error", "LINSTOR_PACKAGES_MISSING", "nodes.1.name"],
      ["error", "LINSTOR_ADDRESS_NOT_ON_HOST", "nodes.1.dataAddress"],
      ["error", "LINSTOR_STORAGE_ID_EXISTS", "storage.id"],
    ]);
  });

  it("a storage entry pointing at another controller is re-pointed, nothing else", () => {
    const conf = renderClientConf(desired());
    const storages = [{ ...emptyStorageEntry("drbd", "drbdpool"), resourcegroup: "pve_rg", controller: "10.1.0.123" }];
    const plan = planLinstorCluster(desired(), hosts({ satelliteActive: true, satelliteEnabled: true, controllerActive: true, clientConf: conf }), { ...built, storages });
    expect(plan.steps.map((s) => [s.id, s.action.kind === "command" ? s.action.argv : null, s.undo])).toEqual([
      ["linstor-storage-drbdpool-controller", ["pvesm", "set", "drbdpool", "--controller", "10.1.0.11"], { kind: "command", argv: ["pvesm", "set", "drbdpool", "--controller", "10.1.0.123"] }],
    ]);
  });

  describe("highly available controller with drbd-reactor", () => {
    const haDesired = () => desired({ controller: { host: "pve1", ha: "drbd-reactor" } });
    const withReactor = (over: Partial<TLinstorHostObserved> = {}) =>
      hosts({ satelliteActive: true, satelliteEnabled: true, controllerActive: true, packages: ["linstor-satellite", "linstor-client", "linstor-controller", "drbd-reactor"], ...over });

    it("puts the database on a 3-way resource promoted by drbd-reactor, after the cluster is built", () => {
      const plan = planLinstorCluster(haDesired(), withReactor({ clientConf: renderClientConf(haDesired()) }), built);
      expect(plan.reports).toEqual([]);
      expect(plan.steps.map((s) => [s.id, s.host])).toEqual([
        ["linstor-ha-db-group", "pve1"],
        ["linstor-ha-db-options", "pve1"],
        ["linstor-ha-db-resource", "pve1"],
        ...NODES.flatMap((n) => [[`linstor-ha-dropin-dir-${n}`, n], [`linstor-ha-keep-res-${n}`, n], [`linstor-ha-satellite-restart-${n}`, n]]),
        ["linstor-ha-move-db", "pve1"],
        ...NODES.flatMap((n) => [[`linstor-ha-mount-${n}`, n], [`linstor-ha-reactor-conf-${n}`, n], [`linstor-ha-reactor-${n}`, n]]),
        ["linstor-storage-drbdpool-controller", "pve1"],
      ]);
      const step = (id: string) => plan.steps.find((s) => s.id === id);
      const argv = (id: string) => {
        const a = step(id)?.action;
        return a?.kind === "command" ? a.argv : null;
      };
      expect(argv("linstor-ha-db-group")).toEqual(["linstor", "resource-group", "create", "linstor-db-grp", "--place-count", "3", "--storage-pool", "drbdpool"]);
      expect(argv("linstor-ha-db-options")).toEqual([
        "linstor", "resource-group", "drbd-options",
        "--auto-promote", "no", "--quorum", "majority", "--on-suspended-primary-outdated", "force-secondary", "--on-no-quorum", "io-error", "--on-no-data-accessible", "io-error",
        "linstor-db-grp",
      ]);
      expect(argv("linstor-ha-db-resource")).toEqual(["linstor", "resource-group", "spawn-resources", "linstor-db-grp", "linstor_db", "200M"]);
      expect(step("linstor-ha-move-db")).toMatchObject({ destructive: true, undo: { kind: "command" } });
      expect(argv("linstor-ha-move-db")?.at(-1)).toBe("/dev/drbd/by-res/linstor_db/0");
      const reactor = step("linstor-ha-reactor-conf-pve2")?.action;
      expect(reactor?.kind === "write-file" ? [reactor.path, reactor.content] : null).toEqual([
        "/etc/drbd-reactor.d/linstor_db.toml",
        '[[promoter]]\nid = "linstor_db"\n[promoter.resources.linstor_db]\nstart = ["var-lib-linstor.mount", "linstor-controller.service"]\n',
      ]);
      const keep = step("linstor-ha-keep-res-pve3")?.action;
      expect(keep?.kind === "write-file" ? keep.content : null).toBe("[Service]\nEnvironment=LS_KEEP_RES=linstor_db\n");
      // Proxmox and the clients try every node, since the controller may run on any.
      expect(argv("linstor-storage-drbdpool-controller")).toEqual(["pvesm", "set", "drbdpool", "--controller", "10.1.0.11,10.1.0.12,10.1.0.13"]);
      expect(plan.steps.every((s) => s.check !== null)).toBe(true);
    });

    it("plans nothing once every piece is in place", () => {
      const d = haDesired();
      const done = withReactor({
        clientConf: renderClientConf(d),
        reactorActive: true,
        dbMoved: true,
        satelliteDropIn: HA_SATELLITE_DROPIN_CONTENT,
        mountUnit: HA_MOUNT_CONTENT,
        reactorConf: HA_REACTOR_TOML,
      });
      const cluster: TLinstorClusterObserved = {
        ...built,
        definitions: [...(built.definitions ?? []), { name: "linstor_db", resourceGroup: "linstor-db-grp", props: {} }],
        storages: [{ ...emptyStorageEntry("drbd", "drbdpool"), resourcegroup: "pve_rg", controller: "10.1.0.11,10.1.0.12,10.1.0.13", content: ["images", "rootdir"] }],
      };
      const plan = planLinstorCluster(d, done, cluster);
      expect(plan.reports).toEqual([]);
      expect(plan.steps).toEqual([]);
    });

    it("refuses hosts without drbd-reactor, and a database pool not on every node", () => {
      const noReactor = planLinstorCluster(haDesired(), hosts(), built);
      expect(codes(noReactor.reports)).toEqual([["error", "LINSTOR_PACKAGES_MISSING", "controller.ha"]]);
      expect(noReactor.reports[0]?.params.hosts).toEqual(NODES);
      expect(noReactor.steps).toEqual([]);
      const partial = desired({
        controller: { host: "pve1", ha: "drbd-reactor" },
        storagePools: [{ name: "drbdpool", driver: "lvmthin", backing: "pve/drbdpool", nodes: ["pve1", "pve2"] }],
        resourceGroups: [{ name: "pve_rg", placeCount: 2, storagePool: "drbdpool" }],
      });
      expect(codes(validateLinstorDesired(partial))).toEqual([["error", "LINSTOR_HA_NO_POOL", "controller.dbStoragePool"]]);
      expect(codes(validateLinstorDesired(desired({ controller: { host: "pve1", ha: "drbd-reactor", dbStoragePool: "nosuch" } })))).toEqual([
        ["error", "LINSTOR_HA_NO_POOL", "controller.dbStoragePool"],
      ]);
    });
  });
});

describe("changedDrbdOptions", () => {
  it("matches options by name whatever section LINSTOR files them under", () => {
    const wanted = desired({ drbdOptions: { cMaxRate: 737280, cFillTarget: 10240, rcvbufSize: 2097152 } }).drbdOptions;
    expect(changedDrbdOptions(wanted, { "DrbdOptions/PeerDevice/c-max-rate": "737280", "DrbdOptions/Net/rcvbuf-size": "1" })).toEqual([
      ["rcvbuf-size", "2097152"],
      ["c-fill-target", "10240"],
    ]);
  });
});

describe("validateLinstorDesired", () => {
  const check = (over: Partial<TLinstorDesiredInput>) => {
    const { desired: d, reports } = parseLinstorDesired(input(over));
    return codes(d ? validateLinstorDesired(d) : reports);
  };
  it("the seed's cluster passes", () => expect(check({})).toEqual([]));
  it("refuses redundancy larger than the node count, or than the pool's nodes", () => {
    expect(check({ nodes: input().nodes.slice(0, 2), resourceGroups: [{ name: "pve_rg", placeCount: 3, storagePool: "drbdpool" }] })).toEqual([
      ["error", "LINSTOR_REDUNDANCY_EXCEEDS_NODES", "resourceGroups.0.placeCount"],
    ]);
    expect(check({ storagePools: [{ name: "drbdpool", driver: "zfsthin", backing: "tank/drbd", nodes: ["pve1", "pve2"] }] })).toEqual([
      ["error", "LINSTOR_REDUNDANCY_EXCEEDS_NODES", "resourceGroups.0.placeCount"],
    ]);
  });
  it("warns on one replica and on two replicas without a tie-breaker", () => {
    expect(check({ resourceGroups: [{ name: "pve_rg", placeCount: 1, storagePool: "drbdpool" }] })).toEqual([["warning", "LINSTOR_SINGLE_REPLICA", "resourceGroups.0.placeCount"]]);
    expect(check({ nodes: input().nodes.slice(0, 2), resourceGroups: [{ name: "pve_rg", placeCount: 2, storagePool: "drbdpool" }] })).toEqual([
      ["warning", "LINSTOR_TWO_REPLICAS_NO_TIEBREAKER", "resourceGroups.0.placeCount"],
    ]);
  });
  it("refuses hostile names and bad backings with the field", () => {
    expect(check({ storagePools: [{ name: "pool; reboot", driver: "lvmthin", backing: "novg" }] })).toEqual([
      ["error", "LINSTOR_DESIRED_INVALID", "storagePools.0.name"],
      ["error", "LINSTOR_DESIRED_INVALID", "storagePools.0.backing"],
    ]);
  });
  it("refuses unknown references and the controller outside the cluster", () => {
    expect(check({ controller: { host: "pve9" }, resources: [{ name: "r1", resourceGroup: "nope", sizeMib: 64 }], storage: { id: "st", resourceGroup: "nope" } })).toEqual([
      ["error", "LINSTOR_HOST_NOT_IN_CLUSTER", "controller.host"],
      ["error", "LINSTOR_UNKNOWN_RESOURCE_GROUP", "resources.0.resourceGroup"],
      ["error", "LINSTOR_UNKNOWN_RESOURCE_GROUP", "storage.resourceGroup"],
    ]);
  });
});
