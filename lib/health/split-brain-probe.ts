import { probeDrbdResource, type TDrbdObserved } from "@/agents/drbd/probe";
import { detectDrbdSplitBrain, type TSplitBrainDetection } from "@/agents/drbd/split-brain";
import type { Runner } from "@/lib/ssh/runner";
import { holdersOf } from "./split-brain";

export type TSplitBrainProbe = {
  detection: TSplitBrainDetection;
  // Hosts that could not be asked: their side of the split is unknown.
  unreachable: { host: string; error: string }[];
};

// A live, read-only look at one resource on every host (in parallel), then the agent's
// detection over the hosts that hold it. Used by the assistant page and by the recovery job's plan.
export async function probeSplitBrain(hosts: readonly string[], runnerFor: (host: string) => Promise<Runner>, resource: string, minors: readonly number[]): Promise<TSplitBrainProbe> {
  const results = await Promise.all(
    hosts.map(async (host) => {
      try {
        return { host, ok: true as const, observed: await probeDrbdResource(await runnerFor(host), { name: resource, minors }) };
      } catch (err) {
        return { host, ok: false as const, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  const observed: Record<string, TDrbdObserved> = {};
  const unreachable: TSplitBrainProbe["unreachable"] = [];
  for (const r of results) {
    if (r.ok) observed[r.host] = r.observed;
    else unreachable.push({ host: r.host, error: r.error });
  }
  return { detection: detectDrbdSplitBrain(resource, holdersOf(observed)), unreachable };
}
