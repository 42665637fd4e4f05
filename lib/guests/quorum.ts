import { z } from "zod";
import type { TCorosyncQuorum } from "@/agents/corosync/model";
import type { TPveClusterView } from "@/agents/proxmox/cluster-view";
import { clusterNodes, nodeOnline } from "@/agents/proxmox/cluster-view";

// Votes of the cluster as the preflights reason about them: who votes, how many, and how many
// are needed. From `pvecm status` (votequorum's own numbers) when it could be read, else one
// vote per node as PVE configures it. Pure.

export const ZQuorumFacts = z.object({
  nodes: z.array(z.object({ name: z.string(), votes: z.number().int().nonnegative(), online: z.boolean() })),
  // Votes a QDevice adds (0: none configured).
  qdeviceVotes: z.number().int().nonnegative(),
  expectedVotes: z.number().int().nonnegative(),
  // Votes needed for quorum.
  needed: z.number().int().nonnegative(),
  twoNode: z.boolean(),
  quorate: z.boolean().nullable(),
});
export type TQuorumFacts = z.infer<typeof ZQuorumFacts>;

export function quorumFacts(view: Pick<TPveClusterView, "resources" | "status">, tool: TCorosyncQuorum | null): TQuorumFacts {
  const names = clusterNodes(view);
  const nodes = names.map((name) => {
    const row = tool?.nodes.find((n) => n.name === name);
    return { name, votes: row?.votes ?? 1, online: nodeOnline(view, name) === true };
  });
  const qdeviceVotes = tool?.qdevice ? tool.qdevice.configuredVotes : 0;
  const expectedVotes = tool?.expectedVotes ?? nodes.reduce((s, n) => s + n.votes, 0) + qdeviceVotes;
  const needed = tool?.quorum ?? Math.floor(expectedVotes / 2) + 1;
  return {
    nodes,
    qdeviceVotes,
    expectedVotes,
    needed,
    twoNode: tool?.twoNode === true,
    quorate: tool?.quorate ?? view.status.cluster?.quorate ?? null,
  };
}

export type TQuorumAfter = { remaining: number; expected: number; needed: number; quorate: boolean };

// The votes left when these nodes are down too (on top of the ones already offline). A QDevice
// is counted as voting for the side that stays up, which is what its ffsplit algorithm does
// for the partition with the most nodes.
export function quorumWithout(facts: TQuorumFacts, down: readonly string[]): TQuorumAfter {
  const up = facts.nodes.filter((n) => n.online && !down.includes(n.name));
  const remaining = up.reduce((s, n) => s + n.votes, 0) + (up.length > 0 ? facts.qdeviceVotes : 0);
  // two_node: 1 keeps the survivor quorate (it needs wait_for_all at start-up instead).
  const quorate = facts.twoNode ? up.length >= 1 : remaining >= facts.needed;
  return { remaining, expected: facts.expectedVotes, needed: facts.twoNode ? 1 : facts.needed, quorate };
}

// A real quorum for HA: a lone survivor must be able to tell "the other node died" from "I am
// cut off". Two nodes can only do that with a third vote (QDevice).
export function hasRealQuorumForHa(facts: TQuorumFacts): boolean {
  const voters = facts.nodes.length + (facts.qdeviceVotes > 0 ? 1 : 0);
  return voters >= 3;
}
