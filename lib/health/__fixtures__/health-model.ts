import { emptyStatus } from "@/agents/pacemaker/model";
import { ZClusterHealth, type TClusterHealth } from "../model";

// A healthy 3-node model (lab1..lab3, one corosync link, Pacemaker DC lab1), for tests to change.
const NAMES = ["lab1", "lab2", "lab3"];
export const host = (name: string, reachable = true) => ({ name, reachable, lastError: null, durationMs: 12, clockOffsetMs: reachable ? 3 : null });
export const linksOf = (me: string, perLinkDown: string[][]) => ({
  host: me,
  nodeid: NAMES.indexOf(me) + 1,
  links: perLinkDown.map((down, id) => ({
    id,
    address: `10.${id}.0.${NAMES.indexOf(me) + 11}`,
    status: "ok" as const,
    peers: NAMES.map((n, i) => ({ nodeid: i + 1, name: n, connected: n === me || !down.includes(n) })),
  })),
});
export const pcmkNode = (name: string) => ({ name, online: true, standby: false, maintenance: false, unclean: false, remote: false, id: null, isDc: name === "lab1", pending: false, host: null, resourcesRunning: null });
export const resource = (id: string, nodes: string[], over: Record<string, unknown> = {}) => ({
  ...{ id, agent: "ocf:heartbeat:Dummy", role: "Started", nodes, failed: false, managed: true, parent: null, parentKind: null, cloneId: null },
  ...{ targetRole: null, blocked: false, orphaned: false, maintenance: false, failureIgnored: false, pending: null },
  ...over,
});

export function healthModel(over: Record<string, unknown> = {}): TClusterHealth {
  return ZClusterHealth.parse({
    status: "ok",
    quorum: { quorate: true, votes: 3, expected: 3, needed: 2, members: NAMES, qdevice: null, seenFrom: "lab1" },
    hosts: NAMES.map((n) => host(n)),
    links: NAMES.map((n) => linksOf(n, [[]])),
    pacemaker: { ...emptyStatus(), seenFrom: "lab1", dc: "lab1", quorate: true, stonithEnabled: true, maintenanceMode: false, nodes: NAMES.map(pcmkNode), resources: [], failures: [] },
    alerts: [],
    ...over,
  });
}
