// A panel's job worker as its own process, for the "panel killed mid-job" fault: the test
// SIGKILLs it and starts another one on the same database. It runs the worker exactly as
// lib/jobs/start.ts does (runnerForHost over the audited SSH pool), only with a short lease
// so the restarted instance notices the dead one within seconds instead of 30 s.
// Run: node --conditions=react-server --import tsx tests/faults/worker-child.ts (DATABASE_URL, PANEL_SECRET_KEY set).
import { db } from "@/lib/db";
import { registerJobKind } from "@/lib/jobs/registry";
import { closeAuditedPool, runnerForHost } from "@/lib/jobs/runner-for-host";
import { JobWorker } from "@/lib/jobs/worker";
import { faultKind } from "./fault-kinds";

registerJobKind(faultKind);
const worker = new JobWorker({
  db,
  runnerFactory: (host, ctx) => runnerForHost(db, host, ctx),
  owner: process.env.FAULT_WORKER_OWNER ?? `fault-child:${process.pid}`,
  leaseMs: Number(process.env.FAULT_LEASE_MS ?? 3_000),
  pollMs: 100,
  flushMs: 50,
});
worker.start();
process.stdout.write("worker started\n");
process.once("SIGTERM", () => {
  void worker.stop().then(() => {
    closeAuditedPool(db);
    process.exit(0);
  });
});
