import { describe, expect, it } from "vitest";
import { emptyStatus } from "@/agents/pacemaker/model";
import { ZClusterHealth, type TClusterHealth } from "./model";
import { clusterTopology } from "./topology";

const host = (name: string, reachable = true) => ({ name, reachable, lastError: null, durationMs: 12, clockOffsetMs: null });
const peers = (all: string[], me: string, down: string[] = []) =>
  all.filter((n) => n !== me).map((n, i) => ({ nodeid: i + 1, name: n, connected: !down.includes(n) }));
const links = (me: string, all: string[], perLinkDown: string[][]) => ({
  host: me,
  nodeid: null,
  links: perLinkDown.map((down, id) => ({ id, address: null, status: "ok" as const, peers: peers(all, me, down) })),
});
const pcmkNode = (name: string, over: Partial<ReturnType<typeof emptyNode>> = {}) => ({ ...emptyNode(name), ...over });
function emptyNode(name: string) {
  return { name, online: true, standby: false, maintenance: false, unclean: false, remote: false, id: null, isDc: false, pending: false, host: null, resourcesRunning: null };
}
const resource = (id: string, nodes: string[], over: { failed?: boolean; role?: string } = {}) => ({
  ...{ id, agent: "ocf:heartbeat:Dummy", role: "Started", nodes, failed: false, managed: true, parent: null, parentKind: null, cloneId: null },
  ...{ targetRole: null, blocked: false, orphaned: false, maintenance: false, failureIgnored: false, pending: null },
  ...over,
});

function model(over: Partial<TClusterHealth>): TClusterHealth {
  const names = ["lab1", "lab2", "lab3"];
  return ZClusterHealth.parse({
    status: "ok",
    quorum: { quorate: true, votes: 3, expected: 3, needed: 2, members: names, qdevice: null, seenFrom: "lab1" },
    hosts: names.map((n) => host(n)),
    links: names.map((n) => links(n, names, [[]])),
    pacemaker: { ...emptyStatus(), seenFrom: "lab1", dc: "lab1", quorate: true, stonithEnabled: true, maintenanceMode: false, nodes: names.map((n) => pcmkNode(n)), resources: [], failures: [] },
    alerts: [],
    ...over,
  });
}

describe("cluster topology", () => {
  it("healthy three nodes: a triangle of green nodes and edges, resources under their node", () => {
    const t = clusterTopology(model({ pacemaker: { ...model({}).pacemaker!, resources: [resource("vip", ["lab2"]), resource("web", ["lab2"], { failed: true })] } }));
    expect(t.nodes.map((n) => [n.name, n.state])).toEqual([["lab1", "ok"], ["lab2", "ok"], ["lab3", "ok"]]);
    expect(t.edges.map((e) => [e.a, e.b, e.state])).toEqual([["lab1", "lab2", "ok"], ["lab1", "lab3", "ok"], ["lab2", "lab3", "ok"]]);
    expect(t.nodes[0]).toMatchObject({ x: 260, y: 35 });
    expect(t.nodes[1]!.resources).toEqual([{ id: "vip", state: "ok" }, { id: "web", state: "down" }]);
    expect(t.witness).toBeNull();
    // Below the lowest node: its circle and two resource names (lab2 at y 178).
    expect(t.height).toBe(178 + 22 + 2 * 13 + 12);
  });

  it("a cut host: the node is down, its edges are down, the others' edge stays green", () => {
    const names = ["lab1", "lab2", "lab3"];
    const t = clusterTopology(
      model({
        hosts: [host("lab1"), host("lab2"), host("lab3", false)],
        quorum: { quorate: true, votes: 2, expected: 3, needed: 2, members: ["lab1", "lab2"], qdevice: null, seenFrom: "lab1" },
        links: [links("lab1", names, [["lab3"]]), links("lab2", names, [["lab3"]])],
      }),
    );
    expect(t.nodes.find((n) => n.name === "lab3")).toMatchObject({ state: "down", detail: "the panel cannot reach it" });
    expect(t.edges.map((e) => e.state)).toEqual(["ok", "down", "down"]);
  });

  it("one of two links down is degraded; no link data is unknown", () => {
    const names = ["lab1", "lab2"];
    const t = clusterTopology(
      model({
        hosts: names.map((n) => host(n)),
        quorum: { quorate: true, votes: 2, expected: 2, needed: 1, members: names, qdevice: null, seenFrom: "lab1" },
        links: [links("lab1", names, [[], ["lab2"]]), links("lab2", names, [[], ["lab1"]])],
        pacemaker: null,
      }),
    );
    expect(t.edges).toEqual([{ a: "lab1", b: "lab2", state: "degraded", detail: "2 of 4 link views down" }]);
    // Two nodes sit side by side.
    expect(t.nodes.map((n) => n.y)).toEqual([130, 130]);
    expect(clusterTopology(model({ links: [] })).edges.every((e) => e.state === "unknown")).toBe(true);
  });

  it("the QDevice witness: green when it casts its votes, red when it casts none", () => {
    const names = ["lab1", "lab2"];
    const base = { quorate: true, votes: 3, expected: 3, needed: 2, members: names, seenFrom: "lab1" };
    const voting = clusterTopology(model({ hosts: names.map((n) => host(n)), quorum: { ...base, qdevice: { name: "Qdevice", votes: 1, configuredVotes: 1, state: null } } }));
    expect(voting.witness).toMatchObject({ state: "ok", detail: "casts 1 of 1 vote(s)" });
    const lost = clusterTopology(model({ hosts: names.map((n) => host(n)), quorum: { ...base, votes: 2, qdevice: { name: "Qdevice", votes: 0, configuredVotes: 1, state: null } } }));
    expect(lost.witness?.state).toBe("down");
  });

  it("Pacemaker's view: an unclean node is down, a standby node degraded", () => {
    const t = clusterTopology(model({ pacemaker: { ...model({}).pacemaker!, nodes: [pcmkNode("lab1"), pcmkNode("lab2", { standby: true }), pcmkNode("lab3", { unclean: true, online: false })] } }));
    expect(t.nodes.map((n) => [n.name, n.state, n.detail])).toEqual([
      ["lab1", "ok", "reachable, quorum member"],
      ["lab2", "degraded", "standby"],
      ["lab3", "down", "unclean: waiting to be fenced"],
    ]);
  });
});
