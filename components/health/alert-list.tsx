import Link from "next/link";
import { alertLink } from "@/lib/health/alert-links";
import type { TReport } from "@/lib/reports/report";
import { cn } from "@/lib/utils/cn";

const TONE = {
  error: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  info: "border-sky-200 bg-sky-50 text-sky-900",
};
const LABEL = { error: "critical", warning: "warning", info: "info" };

// Alerts arrive most severe first (see lib/health/derive.ts). An alert with somewhere to go
// (a split brain's assistant, a host's page) says so.
export function AlertList({ alerts, clusterId }: { alerts: readonly TReport[]; clusterId: string }) {
  if (alerts.length === 0) return <p className="text-sm text-green-800">No alerts.</p>;
  return (
    <ul className="space-y-1.5">
      {alerts.map((a, i) => {
        const link = alertLink(clusterId, a);
        return (
          <li key={`${a.code}-${i}`} className={cn("rounded-md border px-3 py-1.5 text-sm", TONE[a.severity])}>
            <span className="mr-2 font-mono text-xs font-semibold uppercase">{LABEL[a.severity]}</span>
            {a.message}
            {link ? (
              <Link href={link.href} className="ml-2 font-medium text-sky-800 underline">
                {link.label}
              </Link>
            ) : null}
            <span className="ml-2 font-mono text-xs opacity-60">{a.code}</span>
          </li>
        );
      })}
    </ul>
  );
}
