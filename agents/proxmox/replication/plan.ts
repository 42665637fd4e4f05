import { z } from "zod";
import { buildPlan } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { PVE_FILES, sectionAbsentCheck, sectionHasCheck } from "../checks";
import { clusterNodes, nodeOnline, type TPveClusterView } from "../cluster-view";
import { localDisks } from "../guest-config";
import { validateInput, ZPveNodeName, ZSchedule, ZVmid } from "../ids";
import type { TReplicationJob } from "../model-config";
import { pveStep } from "../steps";

// Storage replication (pvesr) per guest: a job from the guest's node to a target node, with a
// schedule and a rate limit. Only ZFS volumes replicate; shared storage needs none. Pure.

export const ZPveReplicationJobDesired = z.object({
  guest: ZVmid,
  target: ZPveNodeName,
  schedule: ZSchedule.default("*/15"),
  // MB/s; null: no limit.
  rate: z.number().min(1).max(10_000).nullable().default(null),
  comment: z.string().regex(/^[^\n\r]{0,200}$/).nullable().default(null),
  // Recovery point objective the admin set; the status compares the lag against it.
  rpoMinutes: z.number().int().positive().nullable().default(null),
});
export type TPveReplicationJobDesired = z.infer<typeof ZPveReplicationJobDesired>;

export const ZPveReplicationDesired = z.object({
  jobs: z.array(ZPveReplicationJobDesired).default([]),
  // Jobs to delete, by guest and target.
  absent: z.array(z.object({ guest: ZVmid, target: ZPveNodeName })).default([]),
});
export type TPveReplicationDesiredInput = z.input<typeof ZPveReplicationDesired>;

const REPLICABLE = new Set(["zfspool"]);
const DEFAULT_SCHEDULE = "*/15";

function jobFor(jobs: readonly TReplicationJob[], guest: number, target: string): TReplicationJob | undefined {
  return jobs.find((j) => j.guest === guest && j.target === target);
}

function nextJobId(jobs: readonly TReplicationJob[], guest: number, taken: Set<string>): string {
  for (let n = 0; ; n++) {
    const id = `${guest}-${n}`;
    if (!jobs.some((j) => j.id === id) && !taken.has(id)) return id;
  }
}

export function precheckReplicationJob(d: TPveReplicationJobDesired, view: TPveClusterView): TReport[] {
  const guest = view.resources.guests.find((g) => g.vmid === d.guest);
  const params = { guest: d.guest, target: d.target };
  if (!guest) return [errorReport("PVE_REPL_NO_SUCH_GUEST", `There is no guest ${d.guest} in the cluster.`, { ...params, field: "guest" })];
  if (!clusterNodes(view).includes(d.target)) {
    return [errorReport("PVE_REPL_NO_SUCH_TARGET", `${d.target} is not a node of this cluster.`, { ...params, field: "target" })];
  }
  if (guest.node === d.target) {
    return [
      errorReport("PVE_REPL_TARGET_IS_SOURCE", `Guest ${d.guest} runs on ${d.target}; a replication job must copy it to another node.`, {
        ...params,
        field: "target",
        node: guest.node,
      }),
    ];
  }
  const out: TReport[] = [];
  if (nodeOnline(view, d.target) === false) {
    out.push(warningReport("PVE_REPL_TARGET_OFFLINE", `${d.target} is offline; the job is created but its runs fail until the node is back.`, params));
  }
  const config = view.guestConfigs[d.guest];
  if (!config) {
    out.push(warningReport("PVE_REPL_CONFIG_UNKNOWN", `The configuration of guest ${d.guest} was not read, so its disks were not checked.`, params));
    return out;
  }
  const unsupported = localDisks(config, view.storage).filter((disk) => {
    const s = view.storage.find((x) => x.id === disk.storage);
    return !s || !REPLICABLE.has(s.type);
  });
  if (unsupported.length > 0) {
    out.push(
      errorReport(
        "PVE_REPL_STORAGE_UNSUPPORTED",
        `Guest ${d.guest} has local disks that cannot be replicated (${unsupported.map((x) => x.volid).join(", ")}): pvesr replicates ZFS volumes only. Move them to a zfspool storage first.`,
        { ...params, volumes: unsupported.map((x) => x.volid) },
      ),
    );
  }
  return out;
}

export function planPveReplication(input: TPveReplicationDesiredInput, view: TPveClusterView, host: string): TPlan {
  const { value: d, reports } = validateInput(ZPveReplicationDesired, input, "PVE_REPL_INVALID", "Replication");
  const title = "Storage replication";
  if (!d) return buildPlan({ title, steps: [], reports });
  const steps: TPlanStep[] = [];
  const taken = new Set<string>();
  for (const job of d.jobs) {
    const checks = precheckReplicationJob(job, view);
    reports.push(...checks);
    if (checks.some((r) => r.severity === "error")) continue;
    const lines = [`target ${job.target}`, `schedule ${job.schedule}`, ...(job.rate !== null ? [`rate ${job.rate}`] : []), ...(job.comment ? [`comment ${job.comment}`] : [])];
    const options = ["--schedule", job.schedule, ...(job.rate !== null ? ["--rate", String(job.rate)] : []), ...(job.comment ? ["--comment", job.comment] : [])];
    const have = jobFor(view.replication, job.guest, job.target);
    if (!have) {
      const id = nextJobId(view.replication, job.guest, taken);
      taken.add(id);
      steps.push(
        pveStep({
          id: `pvesr-create-${id}`,
          title: `Replicate guest ${job.guest} to ${job.target} (${job.schedule}${job.rate !== null ? `, ${job.rate} MB/s` : ""})`,
          host,
          argv: ["pvesr", "create-local-job", id, job.target, ...options],
          check: sectionHasCheck(PVE_FILES.replication, `local: ${id}`, lines),
          undo: { kind: "command", argv: ["pvesr", "delete", id, "--force"] },
        }),
      );
      continue;
    }
    const sameSchedule = (have.schedule ?? DEFAULT_SCHEDULE) === job.schedule;
    const sameRate = have.rate === job.rate;
    const sameComment = (have.comment ?? null) === job.comment;
    const enabled = have.disable !== true;
    if (sameSchedule && sameRate && sameComment && enabled) continue;
    const restore = [
      ...(sameSchedule ? [] : ["--schedule", have.schedule ?? DEFAULT_SCHEDULE]),
      ...(sameRate || have.rate === null ? [] : ["--rate", String(have.rate)]),
      ...(sameComment || !have.comment ? [] : ["--comment", have.comment]),
      ...(enabled ? [] : ["--disable", "1"]),
    ];
    const removed = !sameRate && job.rate === null ? ["rate"] : [];
    steps.push(
      pveStep({
        id: `pvesr-update-${have.id}`,
        title: `Change replication job ${have.id} (guest ${job.guest} → ${job.target})`,
        host,
        argv: ["pvesr", "update", have.id, ...options, ...(enabled ? [] : ["--disable", "0"]), ...(removed.length > 0 ? ["--delete", removed.join(",")] : [])],
        check: sectionHasCheck(PVE_FILES.replication, `local: ${have.id}`, lines),
        undo: { kind: "command", argv: ["pvesr", "update", have.id, ...restore] },
      }),
    );
  }
  for (const gone of d.absent) {
    const have = jobFor(view.replication, gone.guest, gone.target);
    if (!have) continue;
    steps.push(
      pveStep({
        id: `pvesr-delete-${have.id}`,
        title: `Delete replication job ${have.id} (guest ${gone.guest} → ${gone.target}) and its replicated volumes on ${gone.target}`,
        host,
        argv: ["pvesr", "delete", have.id],
        check: sectionAbsentCheck(PVE_FILES.replication, `local: ${have.id}`),
        destructive: true,
      }),
    );
  }
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });
  return buildPlan({ title, steps, reports });
}
