"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { TTimelineEntry } from "@/lib/health/timeline";

async function fetchTimeline(clusterId: string): Promise<TTimelineEntry[]> {
  const res = await fetch(`/api/clusters/${clusterId}/health/timeline`, { cache: "no-store" });
  if (!res.ok) throw new Error(`loading events failed (${res.status})`);
  return ((await res.json()) as { entries: TTimelineEntry[] }).entries;
}

const KIND: Record<TTimelineEntry["kind"], string> = { quorum: "quorum", "alert-raised": "alert", "alert-cleared": "cleared", job: "job" };

// Quorum events, alerts raised and cleared, jobs finished: newest first.
export function EventTimeline({ clusterId }: { clusterId: string }) {
  const q = useQuery({ queryKey: ["cluster-health-timeline", clusterId], queryFn: () => fetchTimeline(clusterId), refetchInterval: 15_000 });
  if (q.error) return <p className="text-sm text-red-700">{q.error.message}</p>;
  if (!q.data) return <p className="text-sm text-slate-600">Loading…</p>;
  if (q.data.length === 0) return <p className="text-sm text-slate-600">Nothing has happened yet: no quorum change, alert or finished job is stored.</p>;
  return (
    <ol aria-label="Event timeline" className="divide-y divide-slate-100 text-sm">
      {q.data.map((e, i) => (
        <li key={`${e.at}-${i}`} className="flex flex-wrap items-baseline gap-2 py-1">
          <time dateTime={e.at} suppressHydrationWarning className="w-40 shrink-0 text-xs text-slate-500">
            {new Date(e.at).toLocaleString()}
          </time>
          <Badge tone={e.tone}>{KIND[e.kind]}</Badge>
          {e.href ? (
            <Link href={e.href} className="text-sky-800 hover:underline">
              {e.text}
            </Link>
          ) : (
            <span>{e.text}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
