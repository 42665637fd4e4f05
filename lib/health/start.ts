import "server-only";
import { db } from "@/lib/db";
import { HealthManager } from "./collector";
import { healthSettingsFromEnv } from "./settings";

// The panel's health collectors, started once per server process from instrumentation.ts.
// Every instance runs a manager; the cluster leases decide which one polls which cluster.
const globalForHealth = globalThis as unknown as { panelHealth?: HealthManager };

export function startPanelHealth(): HealthManager {
  if (globalForHealth.panelHealth) return globalForHealth.panelHealth;
  const manager = new HealthManager({ db, intervalMs: healthSettingsFromEnv(process.env).intervalMs });
  globalForHealth.panelHealth = manager;
  manager.start();
  const shutdown = () => {
    void stopPanelHealth();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return manager;
}

export async function stopPanelHealth(): Promise<void> {
  const manager = globalForHealth.panelHealth;
  if (!manager) return;
  delete globalForHealth.panelHealth;
  await manager.stop();
}
