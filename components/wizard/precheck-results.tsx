"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import type { TJobView } from "@/lib/jobs/job-view";
import type { TReport } from "@/lib/reports/report";
import { cn } from "@/lib/utils/cn";

const ACTIVE = ["queued", "planning", "confirmed", "running"];
const TONE: Record<TReport["severity"], string> = {
  error: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  info: "border-green-300 bg-green-50 text-green-900",
};
const MARK: Record<TReport["severity"], string> = { error: "✗ problem", warning: "! warning", info: "✓ ok" };

export type TPrecheckOutcome = { done: boolean; errors: number };

// The prechecks job's findings, red/amber/green, polled until the job ends. Its facts land on
// the hosts, so the page is refreshed once it is over (the network step reads them).
export function PrecheckResults({ jobId, onOutcome }: { jobId: string; onOutcome: (o: TPrecheckOutcome) => void }) {
  const router = useRouter();
  const { data, error } = useQuery({
    queryKey: ["wizard-precheck", jobId],
    queryFn: async (): Promise<TJobView> => {
      const res = await fetch(`/api/jobs/${jobId}/logs?after=0`, { cache: "no-store" });
      if (!res.ok) throw new Error(`loading the prechecks failed (${res.status})`);
      return (await res.json()) as TJobView;
    },
    refetchInterval: (q) => (ACTIVE.includes(q.state.data?.state ?? "queued") ? 1_000 : false),
  });
  const done = data !== undefined && !ACTIVE.includes(data.state);
  const errors = (data?.reports ?? []).filter((r) => r.severity === "error").length + (data?.state === "failed" && data.reports.length === 0 ? 1 : 0);
  const reported = useRef(false);
  useEffect(() => {
    onOutcome({ done, errors });
    if (done && !reported.current) {
      reported.current = true;
      router.refresh();
    }
  }, [done, errors, onOutcome, router]);
  if (error) return <p role="alert" className="text-sm text-red-700">{error.message}</p>;
  if (!data) return <p className="text-sm text-slate-600">Loading the prechecks…</p>;
  const sorted = [...data.reports].sort((a, b) => order(a) - order(b));
  return (
    <section aria-label="Precheck results" className="space-y-2">
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        Prechecks <JobStateBadge state={data.state} />
        {done ? <span className={cn("text-sm", errors ? "text-red-800" : "text-green-800")}>{errors ? `${errors} problem(s) to fix` : "no blocking problems"}</span> : null}
      </h3>
      {!done ? <p className="text-sm text-slate-600">Reading facts and pinging between the hosts…</p> : null}
      <ul className="space-y-1">
        {sorted.map((r, i) => (
          <li key={`${r.code}-${i}`} className={cn("rounded-md border px-3 py-1.5 text-sm", TONE[r.severity])}>
            <span className="mr-2 font-mono text-xs">{MARK[r.severity]}</span>
            {r.message}
            <span className="ml-2 font-mono text-xs opacity-70">{r.code}</span>
          </li>
        ))}
      </ul>
      <a href={`/jobs/${jobId}`} className="text-xs text-sky-700 hover:underline">
        Full log of the prechecks
      </a>
    </section>
  );
}

const order = (r: TReport) => (r.severity === "error" ? 0 : r.severity === "warning" ? 1 : 2);
