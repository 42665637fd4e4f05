import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCorosyncLinks, parseCorosyncQuorum } from "@/agents/corosync/parse";
import { emptyStatus, type TPacemakerResource } from "@/agents/pacemaker/model";
import { parseCrmMonText, parseCrmMonXml } from "@/agents/pacemaker/parse";
import { errorReport } from "@/lib/reports/report";
import { deriveClusterHealth } from "./derive";
import type { THostProbeInput } from "./model";

const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");
if (!existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked in ${CORPUS}); the health model tests need its lab-captures`);
const capture = (file: string) => readFileSync(path.join(CORPUS, "lab-captures", file), "utf8");

// corosync-cfgtool -s as each lab host prints it (the capture is lab1's), with a state per peer.
function cfgtool(local: number, peers: Record<number, "connected" | "disconnected">, linkCount = 1, downLink: number | null = null): string {
  const out = [`Local node ID ${local}, transport knet`];
  for (let link = 0; link < linkCount; link++) {
    out.push(`LINK ID ${link} udp`, `\taddr\t= 10.99.${link}.1${local}`, "\tstatus:");
    for (const id of [1, 2, 3].filter((n) => n === local || n in peers)) {
      const state = id === local ? "localhost" : link === downLink ? "disconnected" : peers[id];
      out.push(`\t\tnodeid:          ${id}:\t${state}`);
    }
  }
  return out.join("\n") + "\n";
}

// corosync-quorumtool -s of a partition, in the shape of the lab capture.
function quorumtool(local: number, members: number[], quorate: boolean): string {
  const rows = members.map((id) => `         ${id}          1 lab${id}${id === local ? " (local)" : ""}`);
  return [
    "Quorum information",
    "------------------",
    "Quorum provider:  corosync_votequorum",
    `Nodes:            ${members.length}`,
    `Node ID:          ${local}`,
    "Ring ID:          1.9",
    `Quorate:          ${quorate ? "Yes" : "No"}`,
    "",
    "Votequorum information",
    "----------------------",
    "Expected votes:   3",
    "Highest expected: 3",
    `Total votes:      ${members.length}`,
    `Quorum:           2${quorate ? "" : " Activity blocked"}`,
    `Flags:            ${quorate ? "Quorate" : ""}`,
    "",
    "Membership information",
    "----------------------",
    "    Nodeid      Votes Name",
    ...rows,
  ].join("\n");
}

const healthy = (host: string, local: number): THostProbeInput => ({
  host,
  reachable: true,
  error: null,
  durationMs: 40,
  quorum: local === 1 ? parseCorosyncQuorum(capture("3node-corosync-quorumtool.txt")) : parseCorosyncQuorum(quorumtool(local, [1, 2, 3], true)),
  links: local === 1 ? parseCorosyncLinks(capture("3node-corosync-cfgtool.txt")) : parseCorosyncLinks(cfgtool(local, { 1: "connected", 2: "connected", 3: "connected" })),
  pacemaker: parseCrmMonXml(capture("3node-crm_mon.xml")),
});

const unreachable = (host: string): THostProbeInput => ({
  host,
  reachable: false,
  error: errorReport("SSH_CONNECT_TIMEOUT", "connecting timed out after 3000 ms"),
  durationMs: 3000,
  quorum: null,
  links: null,
  pacemaker: null,
});

const codes = (h: ReturnType<typeof deriveClusterHealth>) => h.alerts.map((a) => `${a.severity}:${a.code}`);

describe("deriveClusterHealth", () => {
  it("healthy 3-node lab: ok, quorate 3 of 3, three nodes online, no alert", () => {
    const h = deriveClusterHealth([healthy("lab1", 1), healthy("lab2", 2), healthy("lab3", 3)]);
    expect(h.status).toBe("ok");
    expect(h.alerts).toEqual([]);
    expect(h.quorum).toEqual({ quorate: true, votes: 3, expected: 3, needed: 2, members: ["lab1", "lab2", "lab3"], qdevice: null, seenFrom: "lab1" });
    expect(h.pacemaker?.nodes.map((n) => [n.name, n.online])).toEqual([["lab1", true], ["lab2", true], ["lab3", true]]);
    expect(h.links.map((l) => [l.host, l.links.map((x) => x.peers.map((p) => `${p.name}:${p.connected}`).join(" "))])).toEqual([
      ["lab1", ["lab2:true lab3:true"]],
      ["lab2", ["lab1:true lab3:true"]],
      ["lab3", ["lab1:true lab2:true"]],
    ]);
    expect(h.hosts).toEqual([
      { name: "lab1", reachable: true, lastError: null, durationMs: 40, clockOffsetMs: null },
      { name: "lab2", reachable: true, lastError: null, durationMs: 40, clockOffsetMs: null },
      { name: "lab3", reachable: true, lastError: null, durationMs: 40, clockOffsetMs: null },
    ]);
  });

  it("failover after lab1 crashed: degraded, not critical; the survivors' view is the cluster's", () => {
    const survivor = (host: string, local: number): THostProbeInput => ({
      host,
      reachable: true,
      error: null,
      durationMs: 35,
      quorum: local === 2 ? parseCorosyncQuorum(capture("failover-after-corosync-kill-quorumtool.txt")) : parseCorosyncQuorum(quorumtool(3, [2, 3], true)),
      links: parseCorosyncLinks(cfgtool(local, local === 2 ? { 1: "disconnected", 3: "connected" } : { 1: "disconnected", 2: "connected" })),
      pacemaker: parseCrmMonXml(capture("failover-crash-crm_mon.xml")),
    });
    const h = deriveClusterHealth([unreachable("lab1"), survivor("lab2", 2), survivor("lab3", 3)]);
    expect(h.status).toBe("warning");
    expect(codes(h)).toEqual([
      "warning:HOST_UNREACHABLE",
      "warning:COROSYNC_PEER_DISCONNECTED",
      "warning:PACEMAKER_NODE_OFFLINE",
      "warning:STONITH_DISABLED_WITH_RESOURCES",
    ]);
    expect(h.alerts[0]?.params).toEqual({ host: "lab1", cause: "SSH_CONNECT_TIMEOUT" });
    expect(h.alerts[1]?.params).toEqual({ node: "lab1", seenBy: ["lab2", "lab3"] });
    expect(h.quorum).toMatchObject({ quorate: true, votes: 2, expected: 3, members: ["lab2", "lab3"], seenFrom: "lab2" });
    // lab3 is the DC in the capture, so its view is the one shown.
    expect(h.pacemaker?.seenFrom).toBe("lab3");
    expect(h.pacemaker?.resources.map((r) => `${r.id}@${r.nodes.join()}`)).toEqual(["vip@lab2", "web@lab2"]);
    expect(h.hosts[0]).toEqual({ name: "lab1", reachable: false, lastError: errorReport("SSH_CONNECT_TIMEOUT", "connecting timed out after 3000 ms"), durationMs: 3000, clockOffsetMs: null });
  });

  it("lab2's corosync link down while the panel still reaches it: a split, critical", () => {
    const majority = (host: string, local: number): THostProbeInput => ({
      host,
      reachable: true,
      error: null,
      durationMs: 30,
      quorum: parseCorosyncQuorum(quorumtool(local, [1, 3], true)),
      links: parseCorosyncLinks(cfgtool(local, local === 1 ? { 2: "disconnected", 3: "connected" } : { 1: "connected", 2: "disconnected" })),
      pacemaker: parseCrmMonText(capture("failover-link-down-crm_mon-majority.txt")),
    });
    const isolated: THostProbeInput = {
      host: "lab2",
      reachable: true,
      error: null,
      durationMs: 30,
      quorum: parseCorosyncQuorum(quorumtool(2, [2], false)),
      links: parseCorosyncLinks(cfgtool(2, { 1: "disconnected", 3: "disconnected" })),
      pacemaker: parseCrmMonText(capture("failover-link-down-crm_mon-isolated-lab2.txt")),
    };
    const h = deriveClusterHealth([majority("lab1", 1), isolated, majority("lab3", 3)]);
    expect(h.status).toBe("critical");
    expect(codes(h)).toEqual([
      "error:CLUSTER_NOT_QUORATE",
      "error:COROSYNC_PEER_DISCONNECTED",
      "error:COROSYNC_PEER_DISCONNECTED",
      "error:COROSYNC_PEER_DISCONNECTED",
      "warning:PACEMAKER_NODE_OFFLINE",
    ]);
    expect(h.alerts[0]?.params).toEqual({ hosts: ["lab2"] });
    expect(h.alerts.filter((a) => a.code === "COROSYNC_PEER_DISCONNECTED").map((a) => a.params)).toEqual([
      { node: "lab2", seenBy: ["lab1", "lab3"] },
      { node: "lab1", seenBy: ["lab2"] },
      { node: "lab3", seenBy: ["lab2"] },
    ]);
    // The majority is the cluster; lab2's lonely view does not replace it.
    expect(h.quorum).toMatchObject({ quorate: true, members: ["lab1", "lab3"] });
    expect(h.pacemaker?.seenFrom).toBe("lab3");
    expect(h.pacemaker?.dc).toBe("lab3");
  });

  it("one of two links down: a warning that redundancy is lost, no peer alert", () => {
    const host = (name: string, local: number, down: number | null): THostProbeInput => ({
      ...healthy(name, local),
      links: parseCorosyncLinks(cfgtool(local, Object.fromEntries([1, 2, 3].filter((n) => n !== local).map((n) => [n, "connected" as const])), 2, down)),
    });
    const h = deriveClusterHealth([host("lab1", 1, 1), host("lab2", 2, null), host("lab3", 3, null)]);
    expect(h.status).toBe("warning");
    expect(codes(h)).toEqual(["warning:COROSYNC_LINK_DOWN"]);
    expect(h.alerts[0]?.params).toEqual({ host: "lab1", link: 1, peers: ["lab2", "lab3"] });
    expect(h.links[0]?.links.map((l) => l.status)).toEqual(["ok", "faulty"]);
  });

  it("2-node cluster with a voting QDevice is ok; a node the QDevice does not vote for is a warning", () => {
    const qd = (file: string): THostProbeInput => ({
      host: "lab1",
      reachable: true,
      error: null,
      durationMs: 20,
      quorum: parseCorosyncQuorum(capture(file)),
      links: parseCorosyncLinks(capture("2node-corosync-cfgtool.txt")),
      pacemaker: parseCrmMonXml(capture("2node-crm_mon.xml")),
    });
    const ok = deriveClusterHealth([qd("2node-qdevice-quorumtool.txt")]);
    expect(ok.quorum).toMatchObject({ quorate: true, votes: 3, expected: 3, needed: 2, members: ["lab1", "lab2"] });
    expect(ok.quorum?.qdevice).toEqual({ name: "Qdevice", votes: 1, configuredVotes: 1, state: "voting" });
    expect(codes(ok)).not.toContain("warning:QDEVICE_NOT_VOTING");

    const rejoin = deriveClusterHealth([qd("2node-qdevice-after-rejoin-quorumtool.txt")]);
    const alert = rejoin.alerts.find((a) => a.code === "QDEVICE_NOT_VOTING");
    expect(alert?.severity).toBe("warning");
    expect(alert?.params).toEqual({ nodes: [{ node: "lab2", flags: "A,NV,NMW" }] });
  });

  it("Pacemaker: unclean node, failed and stopped resources, standby and maintenance", () => {
    const res = (id: string, role: string, extra: Partial<TPacemakerResource> = {}): TPacemakerResource => ({
      id, agent: "ocf:heartbeat:Dummy", role, nodes: role === "Stopped" ? [] : ["lab1"], failed: false, managed: true, parent: null, parentKind: null,
      cloneId: null, targetRole: null, blocked: false, orphaned: false, maintenance: false, failureIgnored: false, pending: null, ...extra,
    });
    const node = (name: string, extra: object) => ({ name, online: true, standby: false, maintenance: false, unclean: false, remote: false, id: null, isDc: false, pending: false, host: null, resourcesRunning: null, ...extra });
    const pacemaker = {
      ...emptyStatus(),
      quorate: true,
      dc: "lab1",
      stonithEnabled: true,
      nodes: [node("lab1", {}), node("lab2", { online: false, unclean: true }), node("lab3", { standby: true, maintenance: true })],
      resources: [
        res("fence", "Started", { agent: "stonith:fence_dummy" }),
        res("db", "Stopped"),
        res("off", "Stopped", { targetRole: "Stopped" }),
        res("web", "Started", { failed: true }),
        res("ping", "Started", { cloneId: "ping-clone" }),
        res("ping", "Stopped", { cloneId: "ping-clone" }),
      ],
      failures: [{ resource: "web", node: "lab1", operation: "monitor", exitReason: "not running", opKey: null, intervalMs: 10000, exitStatus: "not running", exitCode: 7, status: "complete", call: 12, lastRcChange: null }],
    };
    const h = deriveClusterHealth([{ ...healthy("lab1", 1), pacemaker }]);
    expect(h.status).toBe("critical");
    expect(codes(h)).toEqual([
      "error:PACEMAKER_NODE_UNCLEAN",
      "error:PACEMAKER_RESOURCE_STOPPED",
      "error:PACEMAKER_RESOURCE_FAILED",
      "warning:PACEMAKER_RESOURCE_STOPPED",
      "warning:PACEMAKER_FAILED_ACTION",
      "info:NODE_IN_MAINTENANCE",
      "info:NODE_IN_STANDBY",
    ]);
    expect(h.alerts[1]?.params).toEqual({ resource: "db", clone: null });
    expect(h.alerts[3]?.params).toEqual({ resource: "ping", clone: "ping-clone" });
  });

  it("stonith disabled only matters with resources; no host reachable is critical; no host at all is unknown", () => {
    const noFence = { ...parseCrmMonXml(capture("3node-crm_mon.xml")), stonithEnabled: false };
    expect(deriveClusterHealth([{ ...healthy("lab1", 1), pacemaker: noFence }]).status).toBe("ok");
    const withRes = parseCrmMonXml(capture("3node-with-resources-crm_mon.xml"));
    expect(codes(deriveClusterHealth([{ ...healthy("lab1", 1), pacemaker: withRes }]))).toEqual(["warning:STONITH_DISABLED_WITH_RESOURCES"]);

    const dark = deriveClusterHealth([unreachable("lab1"), unreachable("lab2")]);
    expect(dark.status).toBe("critical");
    expect(codes(dark)).toEqual(["error:HOST_UNREACHABLE", "error:HOST_UNREACHABLE"]);
    expect(dark.quorum).toBeNull();
    expect(deriveClusterHealth([]).status).toBe("unknown");
  });

  it("a reachable host whose cluster stack does not answer is a warning naming why", () => {
    const down: THostProbeInput = {
      host: "lab2", reachable: true, error: null, durationMs: 25, quorum: null, links: null, pacemaker: null,
      reports: [errorReport("PROBE_COMMAND_FAILED", "corosync-quorumtool exited with code 1: Cannot initialize QUORUM service")],
    };
    const h = deriveClusterHealth([healthy("lab1", 1), down]);
    expect(codes(h)).toEqual(["warning:HOST_PROBE_FAILED"]);
    expect(h.alerts[0]?.message).toBe("lab2 answers, but corosync-quorumtool exited with code 1: Cannot initialize QUORUM service");
  });
});
