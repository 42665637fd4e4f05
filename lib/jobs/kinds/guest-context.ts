import { probeGuestContext } from "@/agents/proxmox/actions/guest-context";
import { buildGuestContext } from "@/lib/guests/build-context";
import type { TGuestContext } from "@/lib/guests/context";
import { errorReport, ReportError } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import type { TJobHost } from "../kind";

// The guest job kinds plan against what one member answers now (the page's preflight may be
// minutes old). /etc/pve is the same on every member, so the first that answers will do.
export async function probeClusterGuests(hosts: readonly TJobHost[], runnerFor: (host: string) => Promise<Runner>, log: (line: string) => void): Promise<TGuestContext> {
  const failures: string[] = [];
  for (const h of hosts) {
    try {
      log(`Reading guests, storage, replication, HA and votes through ${h.name} (read-only).`);
      return buildGuestContext(await probeGuestContext(await runnerFor(h.name)), Date.now() / 1000);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      failures.push(`${h.name}: ${why}`);
      log(`${h.name} did not answer: ${why}`);
    }
  }
  throw new ReportError(
    errorReport("GUESTS_NO_MEMBER_ANSWERS", hosts.length === 0 ? "This cluster has no hosts in the inventory." : `No member of the cluster answered: ${failures.join("; ")}`, { hosts: hosts.map((h) => h.name) }),
  );
}

export function hostOfNode(hosts: readonly TJobHost[], node: string): string {
  if (hosts.some((h) => h.name === node)) return node;
  throw new ReportError(errorReport("GUESTS_NODE_NOT_IN_INVENTORY", `The Proxmox node ${node} has no host of that name in this cluster's inventory; add it on the Hosts page.`, { node }));
}
