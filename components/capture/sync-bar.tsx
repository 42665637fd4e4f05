// A resync's progress as admins know it from /proc/drbd, readable without colour.
export function SyncBar({ percent }: { percent: number }) {
  const p = Math.max(0, Math.min(100, percent));
  return (
    <div className="flex items-center gap-2" role="progressbar" aria-valuenow={p} aria-valuemin={0} aria-valuemax={100} aria-label="sync progress">
      <div className="h-2 w-28 overflow-hidden rounded bg-slate-200">
        <div className="h-full bg-sky-600" style={{ width: `${p}%` }} />
      </div>
      <span className="tabular-nums text-xs">{p.toFixed(1)}%</span>
    </div>
  );
}
