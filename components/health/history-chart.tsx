"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { THistoryEvent, THistoryPoint } from "@/lib/health/history";
import { HISTORY_RANGE_LABEL, rangeSource, ZHistoryRange, type THistoryRange } from "@/lib/health/long-history";

type THistory = { bucketMs: number; points: THistoryPoint[]; events: THistoryEvent[] };

const LONG = (r: THistoryRange) => rangeSource(r).resolutionMs !== null;

const STATUS_FILL: Record<THistoryPoint["status"], string> = { ok: "#22c55e", warning: "#f59e0b", critical: "#dc2626", unknown: "#cbd5e1" };
const W = 600;

const bucketWords = (ms: number) => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(ms % 3_600_000 ? 1 : 0)} h`);

async function fetchHistory(clusterId: string, range: THistoryRange): Promise<THistory> {
  const res = await fetch(`/api/clusters/${clusterId}/health/history?range=${range}`, { cache: "no-store" });
  if (!res.ok) throw new Error(`loading history failed (${res.status})`);
  return (await res.json()) as THistory;
}

// One series as a step line over the window; nothing when the series has no value at all.
function Series({ label, points, value, unit, start, span }: { label: string; points: THistoryPoint[]; value: (p: THistoryPoint) => number | null; unit: (v: number) => string; start: number; span: number }) {
  const values = points.map(value);
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  if (values.every((v) => v === null)) return null;
  const x = (p: THistoryPoint) => ((Date.parse(p.at) - start) / span) * W;
  const y = (v: number) => 44 - (max > 0 ? (v / max) * 40 : 0);
  const d = points
    .map((p, i) => (values[i] === null ? null : `${x(p).toFixed(1)},${y(values[i]!).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  return (
    <div>
      <p className="text-xs text-slate-600">
        {label} <span className="text-slate-400">(max {unit(max)})</span>
      </p>
      <svg viewBox={`0 0 ${W} 48`} className="h-12 w-full" role="img" aria-label={`${label} over time, at most ${unit(max)}`}>
        <polyline points={d} fill="none" stroke="#0369a1" strokeWidth={1.5} />
      </svg>
    </div>
  );
}

export function HealthHistory({ clusterId }: { clusterId: string }) {
  const [range, setRange] = useState<THistoryRange>("1h");
  // Buckets of a minute or more change slowly: the long ranges are asked for less often.
  const q = useQuery({ queryKey: ["cluster-health-history", clusterId, range], queryFn: () => fetchHistory(clusterId, range), refetchInterval: LONG(range) ? 120_000 : 30_000 });
  // The window ends when the data was fetched, so the picture does not drift between fetches.
  const end = q.dataUpdatedAt;
  const span = rangeSource(range).windowMs;
  const start = end - span;
  const h = q.data;
  const when = (iso: string) => (LONG(range) ? new Date(iso).toLocaleString() : new Date(iso).toLocaleTimeString());
  return (
    <div className="space-y-2 text-sm">
      <label className="flex items-center gap-2 text-xs text-slate-600">
        Range
        <select className="rounded border border-slate-300 px-1 py-0.5" value={range} onChange={(e) => setRange(ZHistoryRange.catch("1h").parse(e.target.value))}>
          {ZHistoryRange.options.map((r) => (
            <option key={r} value={r}>
              {HISTORY_RANGE_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      {q.error ? <p className="text-red-700">{q.error.message}</p> : null}
      {!h ? (
        <p className="text-slate-600">Loading…</p>
      ) : h.points.length === 0 ? (
        <p className="text-slate-600">{LONG(range) ? "No history stored for this range yet." : "No rounds stored in this window yet."}</p>
      ) : (
        <>
          <div>
            <p className="text-xs text-slate-600">Status (the worst of every {bucketWords(h.bucketMs)})</p>
            <svg viewBox={`0 0 ${W} 14`} className="h-4 w-full" role="img" aria-label="Cluster status over time">
              {h.points.map((p) => (
                <rect key={p.at} x={((Date.parse(p.at) - start) / span) * W} y={0} width={Math.max(1, (h.bucketMs / span) * W)} height={14} fill={STATUS_FILL[p.status]}>
                  <title>{`${when(p.at)}: ${p.status}, ${p.votes ?? "?"} of ${p.expected ?? "?"} votes, ${p.hostsDown} host(s) unreachable`}</title>
                </rect>
              ))}
            </svg>
          </div>
          <Series label="Quorum votes" points={h.points} value={(p) => p.votes} unit={(v) => `${v}`} start={start} span={span} />
          <Series label="DRBD resync speed" points={h.points} value={(p) => p.drbdSyncKiBps} unit={(v) => `${(v / 1024).toFixed(1)} MiB/s`} start={start} span={span} />
          <Series label="Replication lag" points={h.points} value={(p) => p.replicationLagSeconds} unit={(v) => `${Math.round(v / 60)} min`} start={start} span={span} />
          <div>
            <p className="text-xs text-slate-600">Quorum events</p>
            {h.events.length === 0 ? (
              <p className="text-xs text-slate-500">None in this window.</p>
            ) : (
              <ul aria-label="Quorum events" className="text-xs">
                {h.events
                  .slice(-10)
                  .reverse()
                  .map((e, i) => (
                    <li key={`${e.at}-${i}`}>
                      <time dateTime={e.at} suppressHydrationWarning>
                        {when(e.at)}
                      </time>{" "}
                      {e.text}
                    </li>
                  ))}
              </ul>
            )}
          </div>
        </>
      )}
    </div>
  );
}
