import { ParseError } from "../common/parse-error";
import { parseIpAddrJson } from "../host/parse-ip-addr";
import type { TStorageEntry } from "../proxmox/model-config";
import { probePveStorageOrNote } from "../proxmox/storage/probe";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import { readFileIfExists } from "@/lib/ssh/write-file";
import type { TLinstorNode, TLinstorResource, TLinstorStoragePool } from "./model";
import { HA_MOUNT_UNIT, HA_REACTOR_CONF, HA_SATELLITE_DROPIN } from "./ha-controller";
import { parseLinstorNodesJson } from "./parse-nodes";
import {
  parseLinstorDefinitionsJson,
  parseLinstorGroupsJson,
  parseLinstorNodePropsJson,
  parseLinstorPropsJson,
  type TLinstorDefinition,
  type TLinstorGroup,
} from "./parse-objects";
import { parseLinstorResourcesJson } from "./parse-resources";
import { parseLinstorStoragePoolsJson } from "./parse-storage-pools";

// Two read-only probes: each node's own facts (services, addresses, the client's controller
// list), and the cluster as the controller sees it through `linstor -m` (run on any node whose
// client reaches the controller). Facts that cannot be read are null with the reason in
// `errors`, so the planner can tell "none" from "unknown".

export const CLIENT_DIR = "/etc/linstor";
export const CLIENT_CONF = `${CLIENT_DIR}/linstor-client.conf`;
const TIMEOUT_MS = 30_000;

export const LINSTOR_HOST_COMMANDS = {
  satelliteActive: ["systemctl", "is-active", "linstor-satellite"],
  satelliteEnabled: ["systemctl", "is-enabled", "linstor-satellite"],
  controllerActive: ["systemctl", "is-active", "linstor-controller"],
  reactorActive: ["systemctl", "is-active", "drbd-reactor"],
  // The highly available controller's database was moved off this host's disk.
  dbMoved: ["test", "-d", "/var/lib/linstor.orig"],
  packages: ["dpkg-query", "-W", "-f", "${Package} ${Status}\\n", "linstor-satellite", "linstor-controller", "linstor-client", "drbd-reactor"],
  addresses: ["ip", "-j", "addr", "show"],
} as const;

export const LINSTOR_CLUSTER_COMMANDS = {
  nodes: ["linstor", "-m", "node", "list"],
  storagePools: ["linstor", "-m", "storage-pool", "list"],
  resources: ["linstor", "-m", "resource", "list"],
  definitions: ["linstor", "-m", "resource-definition", "list"],
  groups: ["linstor", "-m", "resource-group", "list"],
  controllerProps: ["linstor", "-m", "controller", "list-properties"],
} as const;

export type TLinstorHostObserved = {
  satelliteActive: boolean;
  satelliteEnabled: boolean;
  controllerActive: boolean;
  // Installed packages among the probed ones; null when dpkg-query is missing.
  packages: string[] | null;
  addresses: string[] | null;
  clientConf: string | null;
  // The drbd-reactor HA controller's pieces on this host (ha-controller.ts).
  reactorActive: boolean;
  dbMoved: boolean;
  satelliteDropIn: string | null;
  mountUnit: string | null;
  reactorConf: string | null;
};

export type TLinstorClusterObserved = {
  // null: the controller did not answer (not running yet, or no client config).
  nodes: TLinstorNode[] | null;
  nodeProps: Record<string, Record<string, string>> | null;
  storagePools: TLinstorStoragePool[] | null;
  resources: TLinstorResource[] | null;
  definitions: TLinstorDefinition[] | null;
  groups: TLinstorGroup[] | null;
  controllerProps: Record<string, string> | null;
  storages: TStorageEntry[] | null;
  errors: string[];
};

function readWith<T>(errors: string[], what: string, r: TRunResult, parse: (text: string) => T): T | null {
  if (r.code !== 0) {
    errors.push(`${what}: exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim().split("\n").at(-1) ?? ""}` : ""}`);
    return null;
  }
  try {
    return parse(r.stdout);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    errors.push(err.oneLine());
    return null;
  }
}

const run = (runner: Runner, argv: readonly string[]) => runner.run([...argv], { okCodes: "any", timeoutMs: TIMEOUT_MS });

export async function probeLinstorHost(runner: Runner): Promise<TLinstorHostObserved> {
  const C = LINSTOR_HOST_COMMANDS;
  const isActive = async (argv: readonly string[]) => {
    const r = await run(runner, argv);
    return r.code === 0 && ["active", "enabled"].includes(r.stdout.trim());
  };
  const satelliteActive = await isActive(C.satelliteActive);
  const satelliteEnabled = await isActive(C.satelliteEnabled);
  const controllerActive = await isActive(C.controllerActive);
  const reactorActive = await isActive(C.reactorActive);
  const dbMoved = (await run(runner, C.dbMoved)).code === 0;
  // dpkg-query exits 1 when some package is unknown but still prints the others.
  const pkgs = await run(runner, C.packages);
  const packages =
    pkgs.code === 0 || pkgs.code === 1
      ? pkgs.stdout
          .split("\n")
          .filter((l) => / install ok installed$/.test(l))
          .map((l) => l.split(" ")[0] ?? "")
      : null;
  const addr = await run(runner, C.addresses);
  const errors: string[] = [];
  const ifaces = readWith(errors, "ip addr", addr, parseIpAddrJson);
  return {
    satelliteActive,
    satelliteEnabled,
    controllerActive,
    packages,
    addresses: ifaces ? ifaces.flatMap((i) => i.addresses.map((a) => a.address)) : null,
    clientConf: await readFileIfExists(runner, CLIENT_CONF),
    reactorActive,
    dbMoved,
    satelliteDropIn: await readFileIfExists(runner, HA_SATELLITE_DROPIN),
    mountUnit: await readFileIfExists(runner, HA_MOUNT_UNIT),
    reactorConf: await readFileIfExists(runner, HA_REACTOR_CONF),
  };
}

export async function probeLinstorCluster(runner: Runner): Promise<TLinstorClusterObserved> {
  const C = LINSTOR_CLUSTER_COMMANDS;
  const errors: string[] = [];
  const nodesRun = await run(runner, C.nodes);
  const nodes = readWith(errors, "linstor node list", nodesRun, parseLinstorNodesJson);
  const answered = nodes !== null;
  const storagePools = answered ? readWith(errors, "linstor storage-pool list", await run(runner, C.storagePools), parseLinstorStoragePoolsJson) : null;
  const resources = answered ? readWith(errors, "linstor resource list", await run(runner, C.resources), parseLinstorResourcesJson) : null;
  const definitions = answered ? readWith(errors, "linstor resource-definition list", await run(runner, C.definitions), parseLinstorDefinitionsJson) : null;
  const groups = answered ? readWith(errors, "linstor resource-group list", await run(runner, C.groups), parseLinstorGroupsJson) : null;
  const controllerProps = answered ? readWith(errors, "linstor controller list-properties", await run(runner, C.controllerProps), parseLinstorPropsJson) : null;
  const storages = await probePveStorageOrNote(runner, errors);
  return {
    nodes: nodes?.nodes ?? null,
    nodeProps: answered ? parseLinstorNodePropsJson(nodesRun.stdout) : null,
    storagePools: storagePools?.storagePools ?? null,
    resources: resources?.resources ?? null,
    definitions,
    groups,
    controllerProps,
    storages,
    errors,
  };
}
