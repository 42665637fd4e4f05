import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import {
  parseHaManagerConfig,
  parseNodePriorities,
  parsePveHaGroupsCfg,
  parsePveHaResourcesCfg,
  parsePveHaRulesCfg,
  renderHaGroupsCfg,
  renderHaResourcesCfg,
  renderHaRulesCfg,
} from "./ha-cfg";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("HA resources", () => {
  it("reads resources.cfg with `vm: 501` headers and typed limits", () => {
    const { resources } = parsePveHaResourcesCfg(
      "vm: 501\n\tstate started\n\tmax_relocate 2\n\tgroup prefer_node1\n\nct: 102\n\tcomment dns\n\tfailback 0\n",
    );
    expect(resources).toEqual([
      { sid: "vm:501", type: "vm", id: "501", vmid: 501, state: "started", group: "prefer_node1", maxRestart: null, maxRelocate: 2, failback: null, comment: null, extra: {} },
      { sid: "ct:102", type: "ct", id: "102", vmid: 102, state: null, group: null, maxRestart: null, maxRelocate: null, failback: false, comment: "dns", extra: {} },
    ]);
    expect(parsePveHaResourcesCfg(renderHaResourcesCfg(resources)).resources).toEqual(resources);
  });

  it("reads `ha-manager config` output (sid as vm:100, sorted TAB properties, stderr lines)", () => {
    const { resources } = parseHaManagerConfig(
      "ct:101\n\tmax_relocate 1\n\tmax_restart 1\n\tstate started\n\nerror: property 'foo' - unknown\nvm:100\n\tgroup g1\n\tstate stopped\n\n",
    );
    expect(resources.map((r) => [r.sid, r.state, r.maxRestart, r.group])).toEqual([
      ["ct:101", "started", 1, null],
      ["vm:100", "stopped", null, "g1"],
    ]);
  });

  it("rejects a non-integer max_restart", () => {
    expect(() => parsePveHaResourcesCfg("vm: 1\n\tmax_restart 1.5\n")).toThrow(/not an integer/);
  });
});

describe("HA groups", () => {
  it("reads node:priority lists and flags", () => {
    const { groups } = parsePveHaGroupsCfg("group: g1\n\tnodes node2:1,node4,node1:2\n\trestricted 1\n\tnofailback 1\n");
    expect(groups[0]).toEqual({
      group: "g1",
      nodes: [
        { node: "node2", priority: 1 },
        { node: "node4", priority: null },
        { node: "node1", priority: 2 },
      ],
      restricted: true,
      nofailback: true,
      comment: null,
      extra: {},
    });
    expect(renderHaGroupsCfg(groups)).toBe("group: g1\n\tnodes node2:1,node4,node1:2\n\trestricted 1\n\tnofailback 1\n");
    expect(parsePveHaGroupsCfg(renderHaGroupsCfg(groups)).groups).toEqual(groups);
  });

  it("rejects other section types and unreadable node entries", () => {
    expect(() => parsePveHaGroupsCfg("vm: 100\n\tstate started\n")).toThrow(ParseError);
    expect(() => parseNodePriorities("node1:x", "f", "group g")).toThrow(/unreadable node entry "node1:x"/);
  });
});

describe("HA rules (PVE 9)", () => {
  const { rules } = parsePveHaRulesCfg(fixture("ha-rules.cfg-node-affinity-pve9.cfg"));

  it("reads node-affinity and resource-affinity rules", () => {
    expect(rules).toEqual([
      {
        type: "node-affinity",
        id: "ha-group-prefer_node1",
        resources: ["vm:100", "ct:101"],
        nodes: [
          { node: "node1", priority: 2 },
          { node: "node2", priority: 1 },
          { node: "node3", priority: null },
        ],
        strict: true,
        affinity: null,
        disable: null,
        comment: "migrated from HA group",
        extra: {},
      },
      {
        type: "resource-affinity",
        id: "keep-apart",
        resources: ["vm:100", "vm:200"],
        nodes: null,
        strict: null,
        affinity: "negative",
        disable: true,
        comment: null,
        extra: {},
      },
    ]);
  });

  it("round-trips through the renderer", () => {
    expect(parsePveHaRulesCfg(renderHaRulesCfg(rules)).rules).toEqual(rules);
  });
});
