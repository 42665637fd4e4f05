import { errorReport, ReportError } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import { parsePveReplicationStatusJson, type TPveReplicationState } from "../parse-pve-replication-status";

export const replicationStatusArgv = (node: string) => ["pvesh", "get", `/nodes/${node}/replication`, "--output-format", "json"];

// The run state of every job: each node reports the jobs of the guests it holds.
export async function probeReplicationStates(runner: Runner, nodes: readonly string[]): Promise<TPveReplicationState[]> {
  const out: TPveReplicationState[] = [];
  for (const node of nodes) {
    const r = await runner.run(replicationStatusArgv(node), { okCodes: "any", timeoutMs: 30_000 });
    if (r.code === 0) out.push(...parsePveReplicationStatusJson(r.stdout));
  }
  return out;
}

// Runs a job now instead of waiting for its schedule (pvesr run on the guest's node).
export function runReplicationNowArgv(jobId: string): string[] {
  if (!/^\d+-\d+$/.test(jobId)) throw new ReportError(errorReport("PVE_REPL_INVALID", `"${jobId.slice(0, 40)}" is not a replication job id (GUEST-JOBNUM).`, { field: "id" }));
  return ["pvesr", "run", "--id", jobId, "--verbose"];
}
