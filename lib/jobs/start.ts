import "server-only";
import { db } from "@/lib/db";
import { closeAuditedPool, runnerForHost } from "./runner-for-host";
import { JobWorker } from "./worker";

// The panel's own worker, started once per server process from instrumentation.ts. Several
// panel instances may each run one: the database leases keep them from stepping on each other.
const globalForWorker = globalThis as unknown as { panelJobWorker?: JobWorker };

export function startPanelWorker(): JobWorker {
  if (globalForWorker.panelJobWorker) return globalForWorker.panelJobWorker;
  const worker = new JobWorker({ db, runnerFactory: (host, ctx) => runnerForHost(db, host, ctx) });
  globalForWorker.panelJobWorker = worker;
  worker.start();
  const shutdown = () => {
    void stopPanelWorker();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return worker;
}

export async function stopPanelWorker(): Promise<void> {
  const worker = globalForWorker.panelJobWorker;
  if (!worker) return;
  delete globalForWorker.panelJobWorker;
  await worker.stop();
  closeAuditedPool(db);
}
