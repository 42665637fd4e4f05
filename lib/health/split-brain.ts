import { z } from "zod";
import type { TDrbdObserved } from "@/agents/drbd/probe";
import { planDrbdSplitBrainRecovery, type TSplitBrainDetection } from "@/agents/drbd/split-brain";
import { RESOURCE_NAME } from "@/agents/drbd/validate";
import type { TClusterHealth } from "./model";

// The split-brain assistant's pure parts: what the recovery job takes, which hosts hold the
// resource, and its minors as the dashboard last saw them (DRBD 8.x names minors, not resources).

export const ZDrbdResourceName = z.string().min(1).max(63).regex(RESOURCE_NAME, "is not a DRBD resource name");
const ZHostName = z.string().min(1).max(253).regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "is not a host name");

export const ZDrbdSplitBrainInput = z.object({
  resource: ZDrbdResourceName,
  // The node whose changes since the split are discarded.
  victim: ZHostName,
  // The resource name typed by the admin; the agent's plan refuses anything else.
  confirmation: z.string().max(100),
  minors: z.array(z.number().int().nonnegative().max(1048575)).max(64).default([]),
});
export type TDrbdSplitBrainInput = z.infer<typeof ZDrbdSplitBrainInput>;

// A host holds the resource when the kernel runs it, its meta-data answers or its config exists;
// the others (the third node of a 2-node resource) are no side of the split.
export function holdersOf(observed: Readonly<Record<string, TDrbdObserved>>): Record<string, TDrbdObserved> {
  return Object.fromEntries(Object.entries(observed).filter(([, o]) => o.resource !== null || o.localDisk !== null || o.resText !== null));
}

export function minorsOf(model: TClusterHealth | null, resource: string): number[] {
  const r = model?.drbd.find((x) => x.resource === resource);
  const minors = (r?.hosts ?? []).flatMap((h) => h.disks.map((d) => d.minor)).filter((m): m is number => m !== null);
  return [...new Set(minors)].sort((a, b) => a - b);
}

export type TVictimPreview = { host: string; steps: { host: string; title: string; command: string; destructive: boolean }[] };

// What the recovery would run for each possible victim, so the page shows the steps before the
// admin picks one (the job plans again against the hosts as they are then).
export function victimPreviews(d: TSplitBrainDetection): TVictimPreview[] {
  if (!d.splitBrain) return [];
  return d.nodes.map((n) => ({
    host: n.host,
    steps: planDrbdSplitBrainRecovery(d, { victim: n.host, confirmation: d.resource }).steps.map((s) => ({
      host: s.host,
      title: s.title,
      command: s.action.kind === "command" ? s.action.argv.join(" ") : `write ${s.action.path}`,
      destructive: s.destructive,
    })),
  }));
}
