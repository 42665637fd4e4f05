import "server-only";
import { probeGuestContext } from "@/agents/proxmox/actions/guest-context";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runnerForHost } from "@/lib/jobs/runner-for-host";
import { errorReport, ReportError, type TReport } from "@/lib/reports/report";
import { buildGuestContext } from "./build-context";
import type { TGuestContext } from "./context";

// The guests page reads the cluster live through the first member that answers (read-only
// commands, audited under the viewer's name): the health collector's snapshot does not carry
// guest configs, and a preflight must see the cluster as it is now.
export async function loadGuestContext(db: PrismaClient, clusterId: string, userId: string): Promise<{ ctx: TGuestContext | null; problems: TReport[] }> {
  const hosts = await db.host.findMany({ where: { clusterId }, orderBy: { name: "asc" } });
  const problems: TReport[] = [];
  for (const host of hosts) {
    try {
      const probe = await probeGuestContext(await runnerForHost(db, host, { userId }));
      return { ctx: buildGuestContext(probe, Date.now() / 1000), problems };
    } catch (err) {
      problems.push(err instanceof ReportError ? err.report : errorReport("GUESTS_PROBE_FAILED", `${host.name}: ${err instanceof Error ? err.message : String(err)}`, { host: host.name }));
    }
  }
  if (hosts.length === 0) problems.push(errorReport("GUESTS_NO_HOSTS", "This cluster has no hosts in the inventory yet.", {}));
  return { ctx: null, problems };
}
