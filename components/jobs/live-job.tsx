"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { TJobView } from "@/lib/jobs/job-view";
import { cn } from "@/lib/utils/cn";
import { JobStateBadge } from "./job-state-badge";

const ACTIVE = ["queued", "planning", "confirmed", "running", "undo-requested", "undoing"];
const STREAM: Record<string, string> = { stderr: "text-amber-300", error: "text-red-300", step: "font-semibold text-sky-300", info: "text-slate-300", stdout: "text-slate-100" };

// Steps and log, polled once a second while the job is active. Log rows arrive by seq, so a
// reload starts from the rows the server rendered and keeps appending.
export function LiveJob({ jobId, initial }: { jobId: string; initial: TJobView }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [logs, setLogs] = useState(initial.logs);
  const lastSeq = useRef(initial.logs.at(-1)?.seq ?? 0);
  const { data } = useQuery({
    queryKey: ["job", jobId],
    queryFn: async (): Promise<TJobView> => {
      const res = await fetch(`/api/jobs/${jobId}/logs?after=${lastSeq.current}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`loading the job failed (${res.status})`);
      return (await res.json()) as TJobView;
    },
    initialData: initial,
    refetchInterval: (q) => (ACTIVE.includes(q.state.data?.state ?? "") ? 1_000 : false),
  });
  const view = data ?? initial;

  // Polling stops at a state that waits for a person (awaiting confirmation). When the server
  // renders a newer state (the confirmation went through), follow the job again.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ["job", jobId] });
  }, [queryClient, jobId, initial.state]);

  useEffect(() => {
    const fresh = view.logs.filter((l) => l.seq > lastSeq.current);
    if (fresh.length === 0) return;
    lastSeq.current = fresh.at(-1)?.seq ?? lastSeq.current;
    setLogs((prev) => [...prev, ...fresh]);
  }, [view.logs]);

  // The plan, the confirmation form and the buttons are server-rendered: refresh them when the state moves.
  const shownState = useRef(initial.state);
  useEffect(() => {
    if (view.state === shownState.current) return;
    shownState.current = view.state;
    router.refresh();
  }, [view.state, router]);

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <section aria-label="Steps" className="space-y-2">
        <h2 className="flex items-center gap-2 text-sm font-semibold">
          Steps <JobStateBadge state={view.state} />
        </h2>
        {view.steps.length === 0 ? (
          <p className="text-sm text-slate-600">
            {["queued", "planning"].includes(view.state) ? "No plan yet." : "No steps: nothing to change on the hosts."}
          </p>
        ) : (
          <ol className="space-y-2 text-sm">
            {view.steps.map((s) => (
              <li key={s.index} className="flex items-start justify-between gap-2">
                <span>
                  {s.index + 1}. {s.title}
                  {s.note ? <span className="block text-xs text-slate-500">{s.note}</span> : null}
                  {s.report ? <span className="block text-xs text-red-700">{s.report.message}</span> : null}
                </span>
                <JobStateBadge state={s.state} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-label="Log">
        <h2 className="mb-2 text-sm font-semibold">Log</h2>
        <pre className="max-h-[60vh] overflow-auto rounded bg-slate-950 p-3 font-mono text-xs leading-5">
          {logs.length === 0 ? (
            <span className="text-slate-400">No output yet.</span>
          ) : (
            logs.map((l) => (
              <div key={l.seq} className={cn(STREAM[l.stream] ?? "text-slate-100")}>
                <span className="text-slate-500">{l.at.slice(11, 19)} </span>
                {l.line}
              </div>
            ))
          )}
        </pre>
      </section>
    </div>
  );
}
