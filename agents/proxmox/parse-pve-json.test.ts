import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parsePveClusterStatusJson } from "./parse-pve-cluster-status";
import { parsePveHaManagerStatusJson } from "./parse-pve-ha-manager-status-json";

describe("parsePveClusterStatusJson", () => {
  const bare = '[{"type":"cluster","id":"cluster","name":"lab","version":3,"quorate":0,"nodes":2},{"type":"node","id":"node/a","name":"a","nodeid":1,"online":1,"local":1,"ip":"10.0.0.1","level":""},{"type":"node","id":"node/b","name":"b","nodeid":2,"online":0,"local":0,"level":""}]';

  it("reads the bare pvesh array: cluster entry and nodes with 0/1 booleans", () => {
    expect(parsePveClusterStatusJson(bare)).toEqual({
      cluster: { name: "lab", version: 3, quorate: false, nodes: 2 },
      nodes: [
        { name: "a", nodeid: 1, online: true, local: true, ip: "10.0.0.1", level: null },
        { name: "b", nodeid: 2, online: false, local: false, ip: null, level: null },
      ],
    });
  });

  it("reads the REST wrapper the same and a standalone node without cluster entry", () => {
    expect(parsePveClusterStatusJson(`{"data":${bare}}`)).toEqual(parsePveClusterStatusJson(bare));
    expect(parsePveClusterStatusJson('[{"type":"node","name":"solo","online":1,"local":1,"nodeid":0}]').cluster).toBeNull();
  });

  it("throws ParseError on empty input, garbage, objects and empty arrays", () => {
    for (const bad of ["", "nope", '{"a":1}', "[]", "[1]", '[{"type":"cluster"'])
      expect(() => parsePveClusterStatusJson(bad)).toThrow(ParseError);
  });
});

describe("parsePveHaManagerStatusJson", () => {
  it("reads manager_status with migrate target, failed nodes and fenced node", () => {
    const status = parsePveHaManagerStatusJson(
      '{"master_node":"n1","timestamp":1700000000,"node_status":{"n1":"online","n2":"fence"},"service_status":{"vm:100":{"node":"n1","state":"migrate","target":"n3","uid":"u1","failed_nodes":["n2"]},"ct:200":{"node":"n2","state":"fence"}}}',
    );
    expect(status).toEqual({
      masterNode: "n1",
      timestamp: 1700000000,
      nodes: [
        { node: "n1", state: "online" },
        { node: "n2", state: "fence" },
      ],
      services: [
        { sid: "vm:100", node: "n1", state: "migrate", uid: "u1", running: null, target: "n3", failedNodes: ["n2"] },
        { sid: "ct:200", node: "n2", state: "fence", uid: null, running: null, target: null, failedNodes: null },
      ],
      lrms: [],
      quorate: null,
    });
  });

  it("reads the pvesh manager_status wrapper (REST data) with lrm_status and quorum", () => {
    const status = parsePveHaManagerStatusJson(
      '{"data":{"manager_status":{"master_node":"n1","node_status":{"n1":"online"},"service_status":{}},"lrm_status":{"n1":{"mode":"active","state":"wait_for_agent_lock","timestamp":5}},"quorum":{"node":"n1","quorate":"1"}}}',
    );
    expect(status.masterNode).toBe("n1");
    expect(status.lrms).toEqual([{ node: "n1", mode: "active", state: "wait_for_agent_lock", timestamp: 5 }]);
    expect(status.quorate).toBe(true);
  });

  it("throws ParseError for input that is not a manager status", () => {
    for (const bad of ["", "[]", '{"foo":1}', '{"master_node": "n1",'])
      expect(() => parsePveHaManagerStatusJson(bad)).toThrow(ParseError);
  });
});
