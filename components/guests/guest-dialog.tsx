"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

// An inline dialog under the table: the preflight and the one button that starts the job.
export function GuestDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <section role="dialog" aria-label={title} className="mt-4 space-y-4 rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      {children}
    </section>
  );
}
