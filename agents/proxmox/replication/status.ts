import { z } from "zod";
import { errorReport, warningReport, ZReport, type TReport } from "@/lib/reports/report";
import type { TReplicationJob } from "../model-config";
import type { TPveReplicationState } from "../parse-pve-replication-status";

// Each replication job's health: last sync, how long it took, failures, and the lag (time
// since the last good sync) against the RPO the admin set. Pure; `nowSeconds` is epoch time.

export const ZReplicationHealth = z.object({
  id: z.string(),
  guest: z.number().int().nullable(),
  source: z.string().nullable(),
  target: z.string().nullable(),
  schedule: z.string(),
  enabled: z.boolean(),
  lastSync: z.number().nullable(),
  nextSync: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  failCount: z.number().int(),
  error: z.string().nullable(),
  lagSeconds: z.number().nullable(),
  rpoSeconds: z.number().nullable(),
  state: z.enum(["ok", "pending", "failing", "lagging", "disabled", "unknown"]),
  reports: z.array(ZReport),
});
export type TReplicationHealth = z.infer<typeof ZReplicationHealth>;

export function replicationHealth(
  jobs: readonly TReplicationJob[],
  states: readonly TPveReplicationState[],
  opts: { nowSeconds: number; rpoMinutesByJob?: Readonly<Record<string, number>> },
): TReplicationHealth[] {
  return jobs.map((job) => {
    const st = states.find((s) => s.id === job.id) ?? null;
    const rpoMinutes = opts.rpoMinutesByJob?.[job.id];
    const rpoSeconds = rpoMinutes === undefined ? null : rpoMinutes * 60;
    const lastSync = st?.lastSync ?? null;
    const lagSeconds = lastSync === null ? null : Math.max(0, Math.round(opts.nowSeconds - lastSync));
    const enabled = job.disable !== true;
    const params = { job: job.id, guest: job.guest, target: job.target };
    const reports: TReport[] = [];
    let state: TReplicationHealth["state"];
    if (!enabled) state = "disabled";
    else if (st === null) state = "unknown";
    else if (st.failCount > 0 || st.error !== null) {
      state = "failing";
      reports.push(
        errorReport("PVE_REPL_FAILING", `Replication ${job.id} of guest ${job.guest} to ${job.target} failed ${st.failCount} time(s): ${st.error ?? "no error text"}`, {
          ...params,
          failCount: st.failCount,
          error: st.error,
        }),
      );
    } else if (lastSync === null) state = "pending";
    else state = "ok";
    if (enabled && rpoSeconds !== null && st !== null) {
      const createdLongAgo = lastSync === null && st.lastTry !== null && opts.nowSeconds - st.lastTry > rpoSeconds;
      if ((lagSeconds !== null && lagSeconds > rpoSeconds) || createdLongAgo) {
        if (state === "ok") state = "lagging";
        reports.push(
          warningReport(
            "PVE_REPL_RPO_EXCEEDED",
            lagSeconds === null
              ? `Replication ${job.id} of guest ${job.guest} has never synced, and its RPO is ${rpoMinutes} min.`
              : `The last good sync of ${job.id} (guest ${job.guest} → ${job.target}) is ${Math.round(lagSeconds / 60)} min old, over the RPO of ${rpoMinutes} min.`,
            { ...params, lagSeconds, rpoSeconds },
          ),
        );
      }
    }
    return {
      id: job.id,
      guest: job.guest,
      source: st?.source ?? job.source,
      target: job.target,
      schedule: job.schedule ?? "*/15",
      enabled,
      lastSync,
      nextSync: st?.nextSync ?? null,
      durationSeconds: st?.duration ?? null,
      failCount: st?.failCount ?? 0,
      error: st?.error ?? null,
      lagSeconds,
      rpoSeconds,
      state,
      reports,
    };
  });
}
