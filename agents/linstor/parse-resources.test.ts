import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseLinstorResourcesJson } from "./parse-resources";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseLinstorResourcesJson: `linstor -m resource list` ([[...]])", () => {
  const { resources } = parseLinstorResourcesJson(fixture("resources-m-list.json"));

  it("gives one entry per resource and node with the contract fields", () => {
    expect(resources.map((r) => [r.name, r.node, r.state, r.diskless])).toEqual([
      ["vm-100-disk-1", "pve1", "UpToDate", false],
      ["vm-100-disk-1", "pve2", "SyncTarget", false],
      ["vm-100-disk-1", "pve3", "Diskless", true],
      ["vm-101-disk-0", "pve2", "Outdated", false],
      ["raw-scratch", "pve1", "Created", false],
    ]);
  });

  it("reads the volume from layer data, ignoring the STORAGE layer's \"[]\" disk state", () => {
    expect(resources[0]?.volumes).toEqual([
      {
        volume: 0,
        storagePool: "drbdpool",
        providerKind: "LVM_THIN",
        devicePath: "/dev/drbd1000",
        minor: 1000,
        diskState: "UpToDate",
        syncPercent: null,
        allocatedKib: 1234567,
        usableKib: 4194304,
      },
    ]);
    expect(resources[0]).toMatchObject({ inUse: true, port: 7000, connectionsOk: true, createdAt: "2024-06-01T12:00:00.000Z" });
    expect(resources[4]?.volumes[0]?.diskState).toBeNull();
  });

  it("splits SyncTarget(45.52%) into state and syncPercent", () => {
    expect(resources[1]).toMatchObject({ state: "SyncTarget", syncPercent: 45.52, inUse: false });
  });

  it("marks a tie-breaker as diskless from its flags", () => {
    expect(resources[2]).toMatchObject({ diskless: true, tieBreaker: true, flags: ["DRBD_DISKLESS", "DISKLESS", "TIE_BREAKER"] });
  });

  it("takes the worst volume's state and lists failed connections", () => {
    expect(resources[3]?.volumes.map((v) => v.diskState)).toEqual(["UpToDate", "Outdated"]);
    expect(resources[3]).toMatchObject({ connectionsOk: false, connections: [{ peer: "pve1", connected: false, message: "StandAlone" }] });
  });
});

describe("parseLinstorResourcesJson: REST /v1/view/resources", () => {
  const { resources } = parseLinstorResourcesJson(fixture("view-resources-rest.json"));

  it("reads DELETE flags, missing states, replication progress and unintended Diskless", () => {
    expect(resources.map((r) => [r.node, r.state, r.diskless, r.syncPercent])).toEqual([
      ["pve1", "DELETING", false, null],
      ["pve3", "Unknown", false, null],
      ["pve2", "Inconsistent", false, 12.5],
      ["pve1", "Diskless", true, null],
    ]);
    expect(resources[1]).toMatchObject({ inUse: null, connections: null, connectionsOk: null });
  });
});

describe("parseLinstorResourcesJson: pre-1.0 client [{resources, resource_states}]", () => {
  it("joins resources with their states", () => {
    const { resources } = parseLinstorResourcesJson(fixture("resources-legacy-0.x.json"));
    expect(resources.map((r) => [r.name, r.node, r.state, r.inUse, r.volumes[0]?.minor])).toEqual([
      ["OpenNebula-Image-0", "srv450", "UpToDate", true, 1000],
      ["OpenNebula-Image-0", "srv449", "Inconsistent", false, 1000],
    ]);
  });
});

describe("parseLinstorResourcesJson quirks and errors", () => {
  it("reads an empty list and an empty list of lists", () => {
    expect(parseLinstorResourcesJson("[]")).toEqual({ resources: [] });
    expect(parseLinstorResourcesJson("[[]]")).toEqual({ resources: [] });
  });

  it("ranks an unintended Diskless volume worse than Outdated and keeps an intended one diskless", () => {
    const vol = (volume_number: number, disk_state: string) => ({ volume_number, state: { disk_state } });
    const [detached, client] = parseLinstorResourcesJson(
      JSON.stringify([
        { name: "r", node_name: "a", volumes: [vol(0, "Outdated"), vol(1, "Diskless")] },
        { name: "r", node_name: "b", flags: ["DISKLESS"], volumes: [vol(0, "Diskless")] },
      ]),
    ).resources;
    expect(detached?.state).toBe("Diskless");
    expect(detached?.diskless).toBe(false);
    expect(client?.state).toBe("Diskless");
    expect(client?.diskless).toBe(true);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "ResourceName Node"],
    ["truncated JSON", '[[{"name": "vm-100-disk-1", "node_name": "pve1",'],
    ["an object", '{"name": "x"}'],
    ["a node list", '[[{"name": "pve1", "type": "SATELLITE"}]]'],
    ["a negative volume number", '[{"name": "r", "node_name": "n", "volumes": [{"volume_number": -1}]}]'],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseLinstorResourcesJson(input)).toThrow(ParseError);
  });

  it("reports LINSTOR's own error answer as a ParseError with its message", () => {
    expect(() => parseLinstorResourcesJson('[{"ret_code": -4611686018427387904, "message": "Controller not reachable"}]')).toThrow(
      /Controller not reachable/,
    );
  });

  it("parses 1000 resources with 3 replicas each", () => {
    const list = Array.from({ length: 3000 }, (_, i) => ({
      name: `vm-${Math.floor(i / 3)}-disk-0`,
      node_name: `pve${(i % 3) + 1}`,
      state: { in_use: i % 3 === 0 },
      volumes: [{ volume_number: 0, state: { disk_state: i === 2999 ? "Inconsistent" : "UpToDate" } }],
    }));
    const { resources } = parseLinstorResourcesJson(JSON.stringify([list]));
    expect(resources).toHaveLength(3000);
    expect(resources[2999]).toMatchObject({ name: "vm-999-disk-0", node: "pve3", state: "Inconsistent" });
    expect(resources.filter((r) => r.inUse)).toHaveLength(1000);
  });
});
