import { parseCephStatusJson } from "@/agents/ceph/parse-status-json";
import { ParseError } from "@/agents/common/parse-error";
import { parseLinstorNodesJson } from "@/agents/linstor/parse-nodes";
import { parseLinstorResourcesJson } from "@/agents/linstor/parse-resources";
import { parseLinstorStoragePoolsJson } from "@/agents/linstor/parse-storage-pools";
import { parseHaManagerStatus } from "@/agents/proxmox/parse-ha-manager-status";
import { parsePveReplicationStatusJson } from "@/agents/proxmox/parse-pve-replication-status";
import { replicationStatusArgv } from "@/agents/proxmox/replication/probe";
import { parsePveReplicationCfg } from "@/agents/proxmox/replication-cfg";
import { errorReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import type { TClusterWideProbe } from "./model-pve";

// The layers every member of a Proxmox VE cluster answers alike (HA manager, replication,
// Ceph), read from one host per round. Each command's exit code is data: a tool that is not
// set up gives that layer nothing, not an error.

const LINSTOR_GATED = '[ -e /etc/linstor/linstor-client.conf ] || exit 3\nexec linstor -m "$1" list';

export const CLUSTER_WIDE_COMMANDS = {
  ha: ["ha-manager", "status"],
  replicationCfg: ["cat", "/etc/pve/replication.cfg"],
  // Only where pveceph initialised Ceph; a Ceph without monitors would make `ceph` wait.
  ceph: shScript('[ -e /etc/pve/ceph.conf ] || exit 3\nexec ceph status --format json --connect-timeout "$1"', ["3"]),
  // Only where a LINSTOR client is configured; without a controller `linstor` would wait.
  linstorNodes: shScript(LINSTOR_GATED, ["node"]),
  linstorPools: shScript(LINSTOR_GATED, ["storage-pool"]),
  linstorResources: shScript(LINSTOR_GATED, ["resource"]),
} as const;

function parsed<T>(tool: string, r: TRunResult, parse: (s: string) => T, reports: TReport[]): T | null {
  if (r.code !== 0 || r.stdout.trim() === "") return null;
  try {
    return parse(r.stdout);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    reports.push(errorReport("PROBE_OUTPUT_UNREADABLE", `the output of ${tool} could not be read (${err.message})`, { tool }));
    return null;
  }
}

export async function probeClusterWide(runner: Runner, nodes: readonly string[], timeoutMs: number): Promise<{ probe: TClusterWideProbe; reports: TReport[] }> {
  const run = (argv: readonly string[]) => runner.run([...argv], { okCodes: "any", timeoutMs });
  const [ha, cfg, ceph, lNodes, lPools, lResources, ...states] = await Promise.all([
    run(CLUSTER_WIDE_COMMANDS.ha),
    run(CLUSTER_WIDE_COMMANDS.replicationCfg),
    run(CLUSTER_WIDE_COMMANDS.ceph),
    run(CLUSTER_WIDE_COMMANDS.linstorNodes),
    run(CLUSTER_WIDE_COMMANDS.linstorPools),
    run(CLUSTER_WIDE_COMMANDS.linstorResources),
    ...nodes.map((n) => run(replicationStatusArgv(n))),
  ]);
  const reports: TReport[] = [];
  const jobs = parsed("replication.cfg", cfg, parsePveReplicationCfg, reports)?.jobs ?? [];
  const linstorNodes = parsed("linstor node list", lNodes, parseLinstorNodesJson, reports)?.nodes ?? null;
  return {
    probe: {
      ha: parsed("ha-manager", ha, parseHaManagerStatus, reports),
      replicationJobs: jobs,
      replicationStates: jobs.length ? states.flatMap((s) => parsed("pvesh replication", s, parsePveReplicationStatusJson, reports) ?? []) : [],
      ceph: parsed("ceph status", ceph, parseCephStatusJson, reports),
      linstor: linstorNodes
        ? {
            nodes: linstorNodes,
            storagePools: parsed("linstor storage-pool list", lPools, parseLinstorStoragePoolsJson, reports)?.storagePools ?? [],
            resources: parsed("linstor resource list", lResources, parseLinstorResourcesJson, reports)?.resources ?? [],
          }
        : null,
      nowSeconds: Date.now() / 1000,
    },
    reports,
  };
}
