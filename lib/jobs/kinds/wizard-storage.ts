import { randomBytes } from "node:crypto";
import { ParseError } from "@/agents/common/parse-error";
import { probeCephHost, type TCephHostObserved } from "@/agents/ceph/probe";
import { parseDrbdRes } from "@/agents/drbd/parse-res";
import { diskPathsFor } from "@/agents/drbd/plan";
import { probeDrbdResource, type TDrbdObserved } from "@/agents/drbd/probe";
import { probeLinstorCluster, probeLinstorHost, type TLinstorHostObserved } from "@/agents/linstor/probe";
import { previewPacemakerPlan } from "@/agents/pacemaker/preview";
import { probePacemaker } from "@/agents/pacemaker/probe";
import { probePveStorage, probeZfs } from "@/agents/proxmox/storage/probe";
import type { TZfsObserved } from "@/agents/proxmox/storage/zfs";
import { buildPlan } from "@/lib/plan/build";
import type { TPlan } from "@/lib/plan/plan";
import { shScript } from "@/lib/ssh/argv";
import { isCibStep } from "@/lib/wizard/storage-pacemaker";
import { LINSTOR_THINPOOL, LINSTOR_VG, planWizardStorage, stage3Nodes, ZStage3Input, type TStage3Input, type TStage3Observed } from "@/lib/wizard/storage-plan";
import type { Runner } from "@/lib/ssh/runner";
import { defineJobKind } from "../kind";

// Stage 3 of the setup wizard: the storage chosen on step 5 (DRBD, LINSTOR, ZFS or Ceph),
// probed and planned by the storage agents against the cluster stages 1 and 2 built. It wipes
// the chosen disks, so an admin types the cluster's name to confirm.

export const WIZARD_STORAGE_KIND = "wizard.storage";

async function perNode<T>(nodes: readonly string[], runnerFor: (h: string) => Promise<Runner>, probe: (r: Runner, node: string) => Promise<T>): Promise<Record<string, T>> {
  return Object.fromEntries(await Promise.all(nodes.map(async (n) => [n, await probe(await runnerFor(n), n)] as const)));
}

// The resource's shared secret as the hosts have it, so a re-run writes the same file; a new
// one when no host has the resource yet.
function drbdSecret(name: string, observed: Readonly<Record<string, TDrbdObserved>>): string {
  for (const o of Object.values(observed)) {
    if (o.resText === null) continue;
    try {
      const secret = parseDrbdRes(o.resText).resources.find((r) => r.name === name)?.net.sharedSecret;
      if (secret) return secret;
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
    }
  }
  return randomBytes(24).toString("base64url");
}

async function probeStage3(input: TStage3Input, runnerFor: (h: string) => Promise<Runner>): Promise<{ observed: TStage3Observed; secret?: string }> {
  const nodes = stage3Nodes(input);
  const first = nodes[0] ?? "";
  switch (input.kind) {
    case "drbd": {
      const m = input.resource;
      const vg = input.handoff.kind === "lvm" ? input.handoff.vg : undefined;
      const drbd = await perNode(nodes, runnerFor, (r, n) =>
        probeDrbdResource(r, { name: m.name, minors: m.volumes.map((v) => v.minor), diskPaths: diskPathsFor(m, n), ...(vg ? { vg } : {}) }),
      );
      const storage = input.storage ? await probePveStorage(await runnerFor(first)) : undefined;
      const pacemaker = input.pacemaker ? await probePacemaker(await runnerFor(input.pacemaker.via)) : undefined;
      return { observed: { drbd, ...(storage ? { storage } : {}), ...(pacemaker ? { pacemaker } : {}) }, secret: drbdSecret(m.name, drbd) };
    }
    case "linstor": {
      const zfs: Record<string, TZfsObserved> = input.poolType === "zfsthin" ? await perNode(nodes, runnerFor, (r) => probeZfs(r)) : {};
      const lvmThin = await perNode(nodes, runnerFor, async (r) => (await r.run(shScript('lvs -- "$1/$2" >/dev/null 2>&1', [LINSTOR_VG, LINSTOR_THINPOOL]), { okCodes: "any" })).code === 0);
      const linstorHosts: Record<string, TLinstorHostObserved> = await perNode(nodes, runnerFor, (r) => probeLinstorHost(r));
      const linstorCluster = await probeLinstorCluster(await runnerFor(first));
      return { observed: { zfs, lvmThin, linstorHosts, linstorCluster } };
    }
    case "zfs": {
      const zfs = await perNode(nodes, runnerFor, (r) => probeZfs(r));
      return { observed: { zfs, storage: await probePveStorage(await runnerFor(first)) } };
    }
    case "ceph": {
      const ceph: Record<string, TCephHostObserved> = await perNode(nodes, runnerFor, (r) => probeCephHost(r));
      return { observed: { ceph } };
    }
  }
}

export const wizardStorageJob = defineJobKind({
  kind: WIZARD_STORAGE_KIND,
  title: "Setup wizard: storage (DRBD, LINSTOR, ZFS or Ceph)",
  requiresConfirmation: true,
  destructive: true,
  role: "admin",
  inputSchema: ZStage3Input,
  plan: async ({ input, runnerFor, log }) => {
    log(`Probing the storage of ${stage3Nodes(input).join(", ")} (read-only).`);
    const { observed, secret } = await probeStage3(input, runnerFor);
    const plan = planWizardStorage(input, observed, secret ? { drbdSecret: secret } : {});
    if (input.kind !== "drbd" || !input.pacemaker || !plan.steps.some(isCibStep)) return plan;
    log("Building the CIB change on a work copy for crm_verify and crm_simulate (the live CIB is not touched).");
    return withCibPreview(plan, await runnerFor(input.pacemaker.via));
  },
});

// The Pacemaker agent's preview of the CIB part alone (it reads the work directory and host
// from that part's first step); its dry runs and findings join the whole plan.
async function withCibPreview(plan: TPlan, runner: Runner): Promise<TPlan> {
  const previewed = await previewPacemakerPlan(buildPlan({ title: plan.title, steps: plan.steps.filter(isCibStep) }), runner);
  return buildPlan({ ...plan, dryRuns: [...plan.dryRuns, ...previewed.dryRuns], reports: [...plan.reports, ...previewed.reports] });
}
