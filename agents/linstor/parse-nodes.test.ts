import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseLinstorNodesJson } from "./parse-nodes";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseLinstorNodesJson", () => {
  it("reads `linstor -m node list`: type, connection status, flags, interfaces", () => {
    const { nodes } = parseLinstorNodesJson(fixture("nodes-m-list.json"));
    expect(nodes.map((n) => [n.name, n.type, n.connectionStatus, n.online, n.flags])).toEqual([
      ["pve1", "COMBINED", "ONLINE", true, []],
      ["pve2", "SATELLITE", "OFFLINE", false, []],
      ["pve3", "SATELLITE", "VERSION_MISMATCH", false, ["EVACUATE"]],
    ]);
    expect(nodes[0]?.netInterfaces).toEqual([
      { name: "default", address: "10.1.0.11", port: 3366, encryption: "PLAIN", active: true },
      { name: "data", address: "10.2.0.11", port: null, encryption: null, active: false },
    ]);
    expect(nodes[1]?.netInterfaces[0]).toMatchObject({ port: 3367, encryption: "SSL" });
  });

  it("reads the REST array and a node without connection_status", () => {
    const { nodes } = parseLinstorNodesJson('[{"name": "ctrl", "type": "CONTROLLER"}]');
    expect(nodes).toEqual([{ name: "ctrl", type: "CONTROLLER", connectionStatus: null, online: false, flags: [], netInterfaces: [] }]);
  });

  it.each([
    ["empty input", ""],
    ["garbage", "Node NodeType Addresses State"],
    ["truncated JSON", '[\n  [\n    {\n      "name": "pve1",\n'],
    ["entries without names", '[[{"type": "SATELLITE"}]]'],
    ["drbdsetup status --json (named objects that are not nodes)", '[{"name": "r0", "node-id": 0, "role": "Primary"}]'],
  ])("throws ParseError on %s", (_label, input) => {
    expect(() => parseLinstorNodesJson(input)).toThrow(ParseError);
  });
});
