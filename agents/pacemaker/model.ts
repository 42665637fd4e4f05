import { z } from "zod";

// The contract shape for `crm-mon-xml` and `crm-mon-text` (shared/contracts/parse-cli.md,
// "Pacemaker"); both parsers return this same model. Fields after the contract ones are
// extras the dashboard uses; every extra is nullable because one of the two formats (or an
// old Pacemaker) does not show it.

export const ZPacemakerNode = z.object({
  name: z.string().min(1),
  online: z.boolean(),
  standby: z.boolean(),
  maintenance: z.boolean(),
  unclean: z.boolean(),
  // Pacemaker Remote and guest/bundle nodes.
  remote: z.boolean(),
  id: z.string().nullable(),
  isDc: z.boolean(),
  pending: z.boolean(),
  // Guest nodes print as `name@host` in text output.
  host: z.string().nullable(),
  resourcesRunning: z.number().int().nullable(),
});
export type TPacemakerNode = z.infer<typeof ZPacemakerNode>;

export const ZPacemakerParentKind = z.enum(["group", "clone", "bundle"]);
export type TPacemakerParentKind = z.infer<typeof ZPacemakerParentKind>;

export const ZPacemakerResource = z.object({
  id: z.string().min(1),
  // null when text output collapses clone instances into `Started: [ a b ]` lines, which
  // name the cloned resource but not its agent.
  agent: z.string().nullable(),
  // Started, Stopped, Promoted, Unpromoted, or a pending state (Starting, Stopping,
  // Migrating, Promoting, Demoting) as Pacemaker prints it.
  role: z.string().min(1),
  nodes: z.array(z.string()),
  failed: z.boolean(),
  managed: z.boolean(),
  parent: z.string().nullable(),
  parentKind: ZPacemakerParentKind.nullable(),
  // The enclosing clone, also for members of a cloned group (whose parent is the group).
  cloneId: z.string().nullable(),
  targetRole: z.string().nullable(),
  blocked: z.boolean(),
  orphaned: z.boolean(),
  maintenance: z.boolean(),
  failureIgnored: z.boolean(),
  // Pending operation (e.g. "Monitoring", "Starting") when crm_mon shows it.
  pending: z.string().nullable(),
});
export type TPacemakerResource = z.infer<typeof ZPacemakerResource>;

export const ZPacemakerFailure = z.object({
  resource: z.string().min(1),
  node: z.string().nullable(),
  operation: z.string().min(1),
  exitReason: z.string().nullable(),
  opKey: z.string().nullable(),
  intervalMs: z.number().int().nullable(),
  exitStatus: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  status: z.string().nullable(),
  call: z.number().int().nullable(),
  lastRcChange: z.string().nullable(),
});
export type TPacemakerFailure = z.infer<typeof ZPacemakerFailure>;

export const ZPacemakerStatus = z.object({
  quorate: z.boolean().nullable(),
  dc: z.string().nullable(),
  nodes: z.array(ZPacemakerNode),
  resources: z.array(ZPacemakerResource),
  failures: z.array(ZPacemakerFailure),
  clusterName: z.string().nullable(),
  stack: z.string().nullable(),
  dcVersion: z.string().nullable(),
  lastUpdated: z.string().nullable(),
  lastChange: z.string().nullable(),
  nodesConfigured: z.number().int().nullable(),
  resourcesConfigured: z.number().int().nullable(),
  resourcesDisabled: z.number().int().nullable(),
  resourcesBlocked: z.number().int().nullable(),
  stonithEnabled: z.boolean().nullable(),
  maintenanceMode: z.boolean().nullable(),
  stopAllResources: z.boolean().nullable(),
  // A non-zero crm_mon status that still came with cluster state (see parse-crm-mon-xml.ts).
  error: z.string().nullable(),
});
export type TPacemakerStatus = z.infer<typeof ZPacemakerStatus>;

export function emptyStatus(): TPacemakerStatus {
  return {
    quorate: null,
    dc: null,
    nodes: [],
    resources: [],
    failures: [],
    clusterName: null,
    stack: null,
    dcVersion: null,
    lastUpdated: null,
    lastChange: null,
    nodesConfigured: null,
    resourcesConfigured: null,
    resourcesDisabled: null,
    resourcesBlocked: null,
    stonithEnabled: null,
    maintenanceMode: null,
    stopAllResources: null,
    error: null,
  };
}
