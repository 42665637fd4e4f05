import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

const TONES = {
  ok: "bg-green-50 text-green-800 ring-green-600/30",
  warn: "bg-amber-50 text-amber-800 ring-amber-600/30",
  crit: "bg-red-50 text-red-800 ring-red-600/30",
  info: "bg-sky-50 text-sky-800 ring-sky-600/30",
  neutral: "bg-slate-50 text-slate-700 ring-slate-500/30",
} as const;
export type TTone = keyof typeof TONES;

export function Badge({ tone = "neutral", children }: { tone?: TTone; children: ReactNode }) {
  return (
    <span className={cn("inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset", TONES[tone])}>
      {children}
    </span>
  );
}
