import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";
import { formatAgeMs } from "./age";

// A dashboard tile that always says how old its data is, and greys out when it is stale. With
// `href` its title leads to the layer's detail page.
export function Widget({ title, ageMs, stale, children, className, href }: { title: string; ageMs: number; stale: boolean; children: ReactNode; className?: string; href?: string }) {
  return (
    <section
      aria-label={title}
      data-stale={stale ? "true" : "false"}
      className={cn("rounded-lg border border-slate-200 bg-white p-3", stale && "border-slate-300 bg-slate-100 text-slate-500 grayscale", className)}
    >
      <header className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
          {href ? (
            <Link href={href} className="hover:text-sky-800 hover:underline">
              {title} <span aria-hidden="true">›</span>
            </Link>
          ) : (
            title
          )}
        </h3>
        <span suppressHydrationWarning className={cn("text-xs", stale ? "font-semibold text-slate-600" : "text-slate-400")}>
          {stale ? "stale · " : ""}
          {formatAgeMs(ageMs)}
        </span>
      </header>
      {children}
    </section>
  );
}
