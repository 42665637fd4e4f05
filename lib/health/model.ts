import { z } from "zod";
import { ZCorosyncLinks, ZCorosyncQuorum, ZQdeviceState } from "@/agents/corosync/model";
import { ZPacemakerFailure, ZPacemakerNode, ZPacemakerResource, ZPacemakerStatus } from "@/agents/pacemaker/model";
import { ZReport } from "@/lib/reports/report";
import { ZHealthDrbdResource, ZHostDrbd } from "./model-drbd";
import { ZClusterWideProbe, ZHealthCeph, ZHealthLinstor, ZHealthPve } from "./model-pve";

// What one probe round learnt from one host: the parsed outputs of the read-only commands,
// null where a command gave nothing we could read (the reason is in `reports`).
export const ZHostProbe = z.object({
  host: z.string().min(1),
  reachable: z.boolean(),
  // Why the host could not be reached (SSH refused, timed out, host key changed…).
  error: ZReport.nullable(),
  durationMs: z.number().nonnegative(),
  quorum: ZCorosyncQuorum.nullable(),
  links: ZCorosyncLinks.nullable(),
  pacemaker: ZPacemakerStatus.nullable(),
  // null: no DRBD kernel module loaded on this host (or not probed).
  drbd: ZHostDrbd.nullable().default(null),
  // Only the one host that read the cluster-wide layers this round has them.
  cluster: ZClusterWideProbe.nullable().default(null),
  // The host's clock minus the panel's, in ms.
  clockOffsetMs: z.number().nullable().default(null),
  // A command that ran but whose output we could not use (corosync down, parse error).
  reports: z.array(ZReport).default([]),
});
export type THostProbe = z.infer<typeof ZHostProbe>;
export type THostProbeInput = z.input<typeof ZHostProbe>;

export const ZHealthStatus = z.enum(["ok", "warning", "critical", "unknown"]);
export type THealthStatus = z.infer<typeof ZHealthStatus>;

export const ZHealthQuorum = z.object({
  quorate: z.boolean().nullable(),
  votes: z.number().int().nullable(),
  expected: z.number().int().nullable(),
  // Votes needed for quorum.
  needed: z.number().int().nullable(),
  members: z.array(z.string()),
  qdevice: z
    .object({
      name: z.string(),
      votes: z.number().int(),
      configuredVotes: z.number().int(),
      state: ZQdeviceState.nullable(),
    })
    .nullable(),
  // The host whose view this is: the largest quorate partition the panel can see.
  seenFrom: z.string(),
});
export type THealthQuorum = z.infer<typeof ZHealthQuorum>;

export const ZHealthHost = z.object({
  name: z.string(),
  reachable: z.boolean(),
  lastError: ZReport.nullable(),
  durationMs: z.number().nonnegative(),
  clockOffsetMs: z.number().nullable().default(null),
});

export const ZHealthLink = z.object({
  id: z.number().int(),
  address: z.string().nullable(),
  status: z.enum(["ok", "degraded", "faulty", "unknown"]),
  peers: z.array(z.object({ nodeid: z.number().int(), name: z.string(), connected: z.boolean() })),
});
export type THealthLink = z.infer<typeof ZHealthLink>;

export const ZHealthHostLinks = z.object({ host: z.string(), nodeid: z.number().int().nullable(), links: z.array(ZHealthLink) });
export type THealthHostLinks = z.infer<typeof ZHealthHostLinks>;

export const ZHealthPacemaker = z.object({
  seenFrom: z.string(),
  dc: z.string().nullable(),
  quorate: z.boolean().nullable(),
  stonithEnabled: z.boolean().nullable(),
  maintenanceMode: z.boolean().nullable(),
  nodes: z.array(ZPacemakerNode),
  resources: z.array(ZPacemakerResource),
  failures: z.array(ZPacemakerFailure),
});
export type THealthPacemaker = z.infer<typeof ZHealthPacemaker>;

export const ZClusterHealth = z.object({
  status: ZHealthStatus,
  quorum: ZHealthQuorum.nullable(),
  hosts: z.array(ZHealthHost),
  links: z.array(ZHealthHostLinks),
  pacemaker: ZHealthPacemaker.nullable(),
  // Every DRBD resource any host reports, across its hosts. Older snapshots have none.
  drbd: z.array(ZHealthDrbdResource).default([]),
  // Proxmox VE clusters only.
  pve: ZHealthPve.nullable().default(null),
  ceph: ZHealthCeph.nullable().default(null),
  linstor: ZHealthLinstor.nullable().default(null),
  // Most severe first.
  alerts: z.array(ZReport),
});
export type TClusterHealth = z.infer<typeof ZClusterHealth>;

// What the route hands to the dashboard.
export const ZHealthSnapshotView = z.object({
  takenAt: z.string(),
  status: ZHealthStatus,
  // The collector's poll interval, so the page knows when data is stale.
  intervalMs: z.number().int().positive(),
  model: ZClusterHealth,
});
export type THealthSnapshotView = z.infer<typeof ZHealthSnapshotView>;
