import { parseCorosyncQuorum } from "@/agents/corosync/parse-quorumtool";
import type { TCorosyncQuorum } from "@/agents/corosync/model";
import { ParseError } from "@/agents/common/parse-error";
import type { Runner } from "@/lib/ssh/runner";
import { clusterNodes, probeGuestInventory, probePveClusterView, type TPveClusterView } from "../cluster-view";
import type { THaManagerStatus } from "../model-status";
import { parseHaManagerStatus } from "../parse-ha-manager-status";
import type { TPveReplicationState } from "../parse-pve-replication-status";
import { probeReplicationStates } from "../replication/probe";

// What the guest actions (guests list, migration, HA enrollment, maintenance) read from one
// member: the cluster view with every guest's config, replication run states, the HA
// manager's view, the vote counts, and the CIB's resources when Pacemaker runs there too.
// Read-only. Parts a cluster may lack (HA, Pacemaker, a readable `pvecm status`) come back null.

export type TGuestProbe = {
  view: TPveClusterView;
  replicationStates: TPveReplicationState[];
  ha: THaManagerStatus | null;
  quorum: TCorosyncQuorum | null;
  cibResources: string | null;
};

export const GUEST_PROBE_COMMANDS = {
  haStatus: ["ha-manager", "status"],
  pvecmStatus: ["pvecm", "status"],
  cibResources: ["cibadmin", "--query", "--scope", "resources"],
} as const;

function orNull<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ParseError) return null;
    throw err;
  }
}

export async function probeGuestContext(runner: Runner): Promise<TGuestProbe> {
  const inventory = await probeGuestInventory(runner);
  const vmids = inventory.guests.filter((g) => !g.template && g.type !== "openvz").map((g) => g.vmid);
  const view = await probePveClusterView(runner, { guestConfigsFor: vmids });
  const replicationStates = view.replication.length > 0 ? await probeReplicationStates(runner, clusterNodes(view)) : [];
  const ha = await runner.run([...GUEST_PROBE_COMMANDS.haStatus], { okCodes: "any", timeoutMs: 20_000 });
  const pvecm = await runner.run([...GUEST_PROBE_COMMANDS.pvecmStatus], { okCodes: "any", timeoutMs: 20_000 });
  const cib = await runner.run([...GUEST_PROBE_COMMANDS.cibResources], { okCodes: "any", timeoutMs: 10_000 });
  return {
    view,
    replicationStates,
    ha: ha.code === 0 ? orNull(() => parseHaManagerStatus(ha.stdout)) : null,
    quorum: pvecm.code === 0 ? orNull(() => parseCorosyncQuorum(pvecm.stdout)) : null,
    cibResources: cib.code === 0 ? cib.stdout : null,
  };
}
