import { beforeEach, describe, expect, it } from "vitest";
import { parseLinstorVersion } from "@/agents/host/parse-tool-versions";
import { parseLinstorNodesJson } from "@/agents/linstor/parse-nodes";
import { parseLinstorResourcesJson } from "@/agents/linstor/parse-resources";
import { parseLinstorResourcesTable } from "@/agents/linstor/parse-resources-table";
import { parseLinstorStoragePoolsJson } from "@/agents/linstor/parse-storage-pools";
import { SimExit } from "../core/main";
import { capture, tempCluster } from "../zfs/test-hosts";
import { linstorMain, SIM_LINSTOR_CLIENT_VERSION } from "./cli";

const T0 = 1_750_000_000_000;

function run(args: string[], now = T0) {
  const io = capture();
  const code = linstorMain(args, io, now);
  return { code, out: io.stdout() };
}

function threeNodes() {
  for (const [n, ip] of [["pve1", "10.0.0.1"], ["pve2", "10.0.0.2"], ["pve3", "10.0.0.3"]] as const) {
    expect(run(["node", "create", n, ip, "--node-type", "Combined"]).code).toBe(0);
    expect(run(["storage-pool", "create", "lvmthin", n, "drbdpool", "pve/drbdpool"]).code).toBe(0);
  }
}

describe("linstor simulator", () => {
  beforeEach(() => {
    const c = tempCluster();
    c.on("pve1");
    process.env.SIM_LINSTOR_SYNC_SECONDS = "10";
  });

  it("registers nodes with the real SUCCESS report and lists them through the node parser", () => {
    const created = run(["node", "create", "pve1", "10.0.0.1", "--node-type", "Combined"]);
    expect(created.out).toMatch(/^SUCCESS:\nDescription:\n {4}New node 'pve1' registered\.\nDetails:\n {4}Node 'pve1' UUID is: [0-9a-f-]{36}\nSUCCESS:\n {4}Node 'pve1' authenticated\n$/);
    run(["n", "c", "pve2", "10.0.0.2"]);
    run(["node", "interface", "create", "pve1", "data", "10.1.0.1"]);
    expect(run(["node", "set-property", "pve1", "PrefNic", "data"]).out).toBe("SUCCESS:\n    Successfully set property key(s): PrefNic\n");
    const nodes = parseLinstorNodesJson(run(["-m", "node", "list"]).out).nodes;
    expect(nodes.map((n) => [n.name, n.type, n.online])).toEqual([
      ["pve1", "COMBINED", true],
      ["pve2", "SATELLITE", true],
    ]);
    expect(nodes[0]?.netInterfaces.map((i) => [i.name, i.address, i.port, i.active])).toEqual([
      ["default", "10.0.0.1", 3366, true],
      ["data", "10.1.0.1", null, false],
    ]);
  });

  it("refuses a node that exists and a pool on an unknown node, exit 10 (API_ERROR), -m exit 0", () => {
    run(["node", "create", "pve1", "10.0.0.1"]);
    const dup = run(["node", "create", "pve1", "10.0.0.1"]);
    expect(dup.code).toBe(10);
    expect(dup.out).toContain("ERROR:\nDescription:\n    Registration of node 'pve1' failed.\nCause:\n    A node with the name 'pve1' already exists.\n");
    const missing = run(["sp", "c", "lvmthin", "pve9", "drbdpool", "pve/drbdpool"]);
    expect(missing.out).toBe(
      "ERROR:\nDescription:\n    Node 'pve9' not found.\nCause:\n    The specified node 'pve9' could not be found in the database\nCorrection:\n    Create a node with the name 'pve9' first.\n",
    );
    const machine = run(["-m", "sp", "c", "lvmthin", "pve9", "drbdpool", "pve/drbdpool"]);
    expect(machine.code).toBe(0);
    const entries = JSON.parse(machine.out.replace(/"ret_code": (-?\d+)/, '"ret_code": "$1"')) as Array<{ ret_code: string; message: string }>;
    expect(entries[0]?.message).toBe("Node 'pve9' not found.");
    // Severity ERROR lives in the top two bits of the signed 64-bit code.
    expect(BigInt.asUintN(64, BigInt(entries[0]?.ret_code ?? "0")) >> 62n).toBe(3n);
    expect(() => parseLinstorResourcesJson(machine.out)).toThrow(/message instead of a list/);
    run(["sp", "c", "lvmthin", "pve1", "drbdpool", "pve/drbdpool"]);
    expect(run(["sp", "c", "lvmthin", "pve1", "drbdpool", "pve/drbdpool"]).code).toBe(10);
  });

  it("lists storage pools with capacities the pool parser reads", () => {
    threeNodes();
    const pools = parseLinstorStoragePoolsJson(run(["-m", "storage-pool", "list"]).out).storagePools;
    expect(pools).toHaveLength(6);
    const thin = pools.find((p) => p.pool === "drbdpool" && p.node === "pve2");
    expect(thin).toMatchObject({ providerKind: "LVM_THIN", backingPool: "pve/drbdpool", totalCapacityKib: 104857600, freeCapacityKib: 104857600 });
    // Long.MAX_VALUE of the diskless pool is no JS number: the parser reads null.
    expect(pools.find((p) => p.pool === "DfltDisklessStorPool")?.totalCapacityKib).toBeNull();
  });

  it("spawns with place-count 2 on three nodes: two diskful replicas syncing plus a tie-breaker", () => {
    threeNodes();
    run(["resource-group", "create", "rg1", "--place-count", "2", "--storage-pool", "drbdpool"]);
    const spawn = run(["rg", "spawn-resources", "rg1", "vm-100-disk-0", "10G"]);
    expect(spawn.code).toBe(0);
    expect(spawn.out).toContain("SUCCESS:\n    Tie breaker resource 'vm-100-disk-0' created on pve3\n");

    const at = (ms: number) => parseLinstorResourcesJson(run(["-m", "r", "l"], T0 + ms).out).resources;
    const early = at(500);
    expect(early.map((r) => [r.node, r.state, r.diskless, r.tieBreaker])).toEqual([
      ["pve1", "UpToDate", false, false],
      ["pve2", "Inconsistent", false, false],
      ["pve3", "Diskless", true, true],
    ]);
    expect(early[0]).toMatchObject({ port: 7000, connectionsOk: true, createdAt: new Date(T0).toISOString() });
    expect(early[0]?.volumes[0]).toMatchObject({ minor: 1000, storagePool: "drbdpool", providerKind: "LVM_THIN", usableKib: 10485760 });
    // 1 s of connecting, then 9 s of sync: at 5.5 s the target is half way.
    const mid = at(5500).find((r) => r.node === "pve2");
    expect([mid?.state, mid?.syncPercent]).toEqual(["SyncTarget", 50]);
    expect(at(10_000).map((r) => r.state)).toEqual(["UpToDate", "UpToDate", "Diskless"]);

    const table = run(["r", "l"], T0 + 5500).out;
    expect(table.split("\n")[0]).toMatch(/^╭─+╮$/);
    expect(table).toContain("┊ SyncTarget(50.00%) ┊");
    expect(parseLinstorResourcesTable(table).resources.map((r) => [r.node, r.state, r.syncPercent, r.tieBreaker])).toEqual([
      ["pve1", "UpToDate", null, false],
      ["pve2", "SyncTarget", 50, false],
      ["pve3", "Diskless", null, true],
    ]);
    const ascii = run(["--no-utf8", "r", "l"], T0 + 20_000).out;
    expect(ascii.split("\n")[0]).toMatch(/^\+-+\+$/);
    expect(parseLinstorResourcesTable(ascii).resources.map((r) => r.state)).toEqual(["UpToDate", "UpToDate", "Diskless"]);
  });

  it("fails auto-place beyond the node count with 'Not enough available nodes' and keeps no half-made resource", () => {
    threeNodes();
    run(["rg", "c", "rg4", "--place-count", "4", "--storage-pool", "drbdpool"]);
    const r = run(["rg", "spawn", "rg4", "vm-101-disk-0", "1G"]);
    expect(r.code).toBe(10);
    expect(r.out).toContain("ERROR:\nDescription:\n    Not enough available nodes\nDetails:\n    Not enough nodes fulfilling the following auto-place criteria:\n     * has a deployed storage pool named [drbdpool]\n");
    expect(run(["-m", "rd", "l"]).out).toBe("[\n  []\n]\n");
  });

  it("creates, and deletes resources and definitions with the real deletion reports", () => {
    threeNodes();
    run(["rd", "c", "res1"]);
    expect(run(["vd", "c", "res1", "1G"]).out).toBe("SUCCESS:\n    New volume definition with number '0' of resource definition 'res1' created.\n");
    expect(run(["r", "c", "pve1", "res1", "--storage-pool", "drbdpool"]).code).toBe(0);
    expect(run(["r", "c", "pve2", "res1", "--storage-pool", "nopool"]).out).toContain("The storage pool 'nopool' for resource 'res1' for volume number '0' is not deployed on node 'pve2'.");
    expect(run(["r", "c", "pve2", "res1", "-s", "drbdpool"]).code).toBe(0);
    const del = run(["resource", "delete", "pve2", "res1"]).out;
    expect(del).toContain("SUCCESS:\nDescription:\n    Node: pve2, Resource: res1 preparing for deletion.\n");
    expect(del).toContain("SUCCESS:\n    Cleaning up 'res1' on 'pve2'\n");
    expect(parseLinstorResourcesJson(run(["-m", "r", "l"]).out).resources.map((r) => r.node)).toEqual(["pve1"]);
    expect(run(["rd", "d", "res1"]).out).toContain("Resource definition 'res1' deleted.");
    expect(run(["-m", "r", "l"]).out).toBe("[\n  []\n]\n");
    expect(run(["rd", "d", "res1"]).code).toBe(10);
  });

  it("stores DRBD options on the controller and on definitions", () => {
    threeNodes();
    expect(run(["controller", "drbd-options", "--after-sb-0pri", "discard-zero-changes"]).out).toBe(
      "SUCCESS:\n    Successfully set property key(s): DrbdOptions/Net/after-sb-0pri\n",
    );
    run(["rd", "c", "res1"]);
    expect(run(["rd", "drbd-options", "res1", "--after-sb-1pri", "discard-secondary"]).out).toContain("Resource definition 'res1' modified.");
    expect(run(["-m", "rd", "l"]).out).toContain('"DrbdOptions/Net/after-sb-1pri": "discard-secondary"');
    expect(JSON.parse(run(["-m", "controller", "list-properties"]).out)).toEqual([{ "DrbdOptions/Net/after-sb-0pri": "discard-zero-changes" }]);
    expect(run(["--no-utf8", "c", "lp"]).out).toContain("| DrbdOptions/Net/after-sb-0pri | discard-zero-changes |");
  });

  it("rejects unknown commands like argparse (exit 2)", () => {
    expect(() => run(["frobnicate"])).toThrow(SimExit);
  });
});

describe("linstor --version", () => {
  it("answers in the client's shape, which the host facts read", () => {
    let out = "";
    expect(linstorMain(["--version"], { out: (t) => void (out += t), err: () => undefined })).toBe(0);
    expect(out).toBe(`${SIM_LINSTOR_CLIENT_VERSION}\n`);
    expect(parseLinstorVersion(out)).toBe("1.23.0");
  });
});
