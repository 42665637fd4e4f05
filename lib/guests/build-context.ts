import type { TGuestProbe } from "@/agents/proxmox/actions/guest-context";
import { replicationHealth } from "@/agents/proxmox/replication/status";
import type { TGuestContext } from "./context";
import { pacemakerGuestOwners } from "./pacemaker-owners";
import { quorumFacts } from "./quorum";

// The probe's raw answers, judged once: replication lag at `nowSeconds`, vote counts, and the
// guests Pacemaker claims. Pure.
export function buildGuestContext(probe: TGuestProbe, nowSeconds: number): TGuestContext {
  return {
    view: probe.view,
    replication: replicationHealth(probe.view.replication, probe.replicationStates, { nowSeconds }),
    ha: probe.ha,
    quorum: quorumFacts(probe.view, probe.quorum),
    pacemaker: probe.cibResources ? pacemakerGuestOwners(probe.cibResources) : {},
  };
}
