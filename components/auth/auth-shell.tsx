import type { ReactNode } from "react";
import { Server } from "lucide-react";

export function AuthShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-slate-800">
          <Server aria-hidden className="h-6 w-6" />
          <span className="text-lg font-semibold">Cluster panel</span>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-base font-semibold">{title}</h1>
          {children}
        </div>
      </div>
    </main>
  );
}
