"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ZHealthSnapshotView, type THealthSnapshotView } from "@/lib/health/model";
import { dataAge } from "./age";

async function fetchHealth(clusterId: string): Promise<THealthSnapshotView | null> {
  const res = await fetch(`/api/clusters/${clusterId}/health`, { cache: "no-store" });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`loading health failed (${res.status})`);
  return ZHealthSnapshotView.parse(await res.json());
}

// The newest snapshot, polled every 2 s, plus a clock that ticks every second so ages move
// on screen even when nothing new arrives.
export function useClusterHealth(clusterId: string, initial: THealthSnapshotView | null) {
  const query = useQuery({
    queryKey: ["cluster-health", clusterId],
    queryFn: () => fetchHealth(clusterId),
    initialData: initial,
    refetchInterval: 2_000,
    refetchIntervalInBackground: false,
  });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);
  const snapshot = query.data ?? null;
  const age = snapshot ? dataAge(snapshot, now) : null;
  return { snapshot, ageMs: age?.ageMs ?? null, stale: age?.stale ?? false, fetchError: query.error ? query.error.message : null };
}
