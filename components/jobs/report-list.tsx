import type { TReport } from "@/lib/reports/report";
import { cn } from "@/lib/utils/cn";

const TONE = { error: "border-red-300 bg-red-50 text-red-900", warning: "border-amber-300 bg-amber-50 text-amber-900", info: "border-sky-200 bg-sky-50 text-sky-900" };

export function ReportList({ reports }: { reports: readonly TReport[] }) {
  if (reports.length === 0) return null;
  return (
    <ul className="space-y-2">
      {reports.map((r, i) => (
        <li key={`${r.code}-${i}`} className={cn("rounded-md border px-3 py-2 text-sm", TONE[r.severity])}>
          <span className="mr-2 font-mono text-xs uppercase">{r.severity}</span>
          {r.message}
          <span className="ml-2 font-mono text-xs opacity-70">{r.code}</span>
        </li>
      ))}
    </ul>
  );
}
