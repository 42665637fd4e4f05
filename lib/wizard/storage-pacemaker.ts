import { z } from "zod";
import { ZPacemakerDesired, type TPacemakerDesired, type TPcmkPrimitive } from "@/agents/pacemaker/desired";
import { planPacemakerConfig } from "@/agents/pacemaker/plan";
import type { TPacemakerObserved } from "@/agents/pacemaker/probe";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { ZWizardHostName } from "./model";

// Stage 3's CIB part for "DRBD, Pacemaker-managed": the DRBD resource as an ocf:linbit:drbd
// primitive in a promotable clone (one Primary, an instance per node), as LINBIT's guide and
// seed 002 configure it, and — when the draft has an HA group — the group kept on the Primary
// and started after the promotion. Planned by the Pacemaker agent against the live CIB. Pure.

export const ZStage3Cib = z.object({
  desired: ZPacemakerDesired,
  // The node whose CIB copy is edited and pushed (stage 2's node).
  via: ZWizardHostName,
});
export type TStage3Cib = z.infer<typeof ZStage3Cib>;

export const drbdPrimitiveId = (resource: string) => `drbd_${resource}`;
export const drbdCloneId = (resource: string) => `drbd_${resource}_clone`;

export function drbdCibDesired(opts: { resource: string; nodeCount: number; group: string | null }): TPacemakerDesired {
  const primitive: TPcmkPrimitive = {
    id: drbdPrimitiveId(opts.resource),
    agent: "ocf:linbit:drbd",
    params: { drbd_resource: opts.resource },
    meta: {},
    // Pacemaker tells monitors apart by interval: one per role (the RA's advised 20 s timeout).
    ops: [
      { name: "monitor", interval: "29s", timeout: "20s", role: "Promoted" },
      { name: "monitor", interval: "31s", timeout: "20s", role: "Unpromoted" },
    ],
  };
  const clone = drbdCloneId(opts.resource);
  const g = opts.group;
  return {
    // Only what this stage adds: stage 2's properties and defaults are left as they are.
    properties: {},
    rscDefaults: {},
    primitives: [primitive],
    groups: [],
    clones: [
      {
        id: clone,
        child: primitive.id,
        promotable: true,
        // The RA refuses clone-node-max/promoted-node-max other than 1; notify drives its
        // peer handling.
        meta: { "promoted-max": "1", "promoted-node-max": "1", "clone-max": String(opts.nodeCount), "clone-node-max": "1", notify: "true" },
      },
    ],
    colocations: g ? [{ id: `${g}_with_${clone}`, rsc: g, withRsc: clone, score: "INFINITY", rscRole: null, withRscRole: "Promoted" }] : [],
    orders: g ? [{ id: `${clone}_before_${g}`, first: clone, firstAction: "promote", then: g, thenAction: "start", kind: "Mandatory" }] : [],
    locations: [],
    stonith: [],
  };
}

const NOT_PROBED: TPacemakerObserved = {
  cib: null,
  cibError: "the CIB was not read",
  status: null,
  statusError: null,
  quorum: null,
  quorumError: null,
  links: null,
  linksError: null,
  agents: null,
};

// The Pacemaker agent's plan (work copy → crm_verify → patch) for the clone. It needs only the
// CIB, not the DRBD resource: the push comes after the DRBD steps in the same plan, so the
// first monitor finds the resource up.
export function planDrbdCib(cib: TStage3Cib, observed: TPacemakerObserved | undefined): TPlan {
  return planPacemakerConfig(cib.desired, observed ?? NOT_PROBED, cib.via);
}

// The steps of a stage 3 plan that belong to the CIB part (what the preview runs).
export const isCibStep = (step: TPlanStep) => step.id.startsWith("pcmk-");
