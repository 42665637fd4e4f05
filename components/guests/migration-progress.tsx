"use client";
import { useQuery } from "@tanstack/react-query";
import { migrationProgress, type TMigrationProgressView } from "@/lib/actions/guests";

// From "confirmed" on: the action answers "not started" from the database until the start step
// has run, and the page is not re-rendered when the worker picks the job up.
const POLLING = ["confirmed", "running", "succeeded", "failed", "interrupted"];
const ENDED = ["succeeded", "failed", "interrupted", "cancelled"];

// The progress bar of a migration job, from the task log on the source node, then its result:
// duration and downtime, or the log lines that explain a failure.
export function MigrationProgress({ jobId, jobState }: { jobId: string; jobState: string }) {
  const { data, error } = useQuery({
    queryKey: ["migration-progress", jobId],
    queryFn: async (): Promise<TMigrationProgressView | null> => {
      const r = await migrationProgress({ jobId });
      if (r?.serverError) throw new Error(r.serverError);
      return r?.data ?? null;
    },
    enabled: POLLING.includes(jobState),
    refetchInterval: (q) => (q.state.data?.finished || (ENDED.includes(jobState) && q.state.data?.started === false) ? false : 1_000),
  });
  if (!POLLING.includes(jobState)) return <p className="text-sm text-slate-600">The progress shows here once the migration starts.</p>;
  if (error) return <p role="alert" className="text-sm text-red-700">{error.message}</p>;
  const percent = data?.percent ?? 0;
  return (
    <section aria-label="Migration progress" className="space-y-2">
      <div role="progressbar" aria-label="Migration" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-3 w-full overflow-hidden rounded bg-slate-200">
        <div className={data?.ok === false ? "h-3 bg-red-600" : "h-3 bg-sky-600"} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-700" aria-label="Migration status">
        {!data?.started ? "Starting…" : !data.finished ? `${data.percent ?? 0}% transferred` : data.ok ? (data.haRequested ? "Handed to the HA manager, which moves the guest." : `Migrated in ${data.durationSeconds ?? "?"} s, downtime ${data.downtimeMs ?? "?"} ms.`) : "Migration failed."}
      </p>
      {data?.explaining.length ? (
        <pre aria-label="Why it failed" className="overflow-auto rounded bg-red-50 p-2 font-mono text-xs text-red-900">
          {data.explaining.join("\n")}
        </pre>
      ) : data?.tail.length && !data.finished ? (
        <pre className="overflow-auto rounded bg-slate-50 p-2 font-mono text-xs text-slate-700">{data.tail.join("\n")}</pre>
      ) : null}
    </section>
  );
}
