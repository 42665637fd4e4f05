import { SimExit } from "../core/main";
import { hostName } from "../core/state";
import { isEstablished, peerHost, newUuid } from "./engine";
import { JUST_CREATED, NO_UUID, type TNode, type TPeer, type TResourceFile, type TVolume } from "./model";
import { deviceSizeKiB, readMeta } from "./store";

// Kernel operations shared by drbdsetup (9) and drbdsetup-84, failing with the kernel's return
// codes worded and numbered as drbdsetup's print_config_error() prints them.

export function failure(objname: string, code: number, text: string): SimExit {
  return new SimExit(10, `${objname}: Failure: (${code}) ${text}`);
}

export function stateChangeFailed(objname: string, code: number, text: string): SimExit {
  // SS_NO_UP_TO_DATE_DISK exits 17, every other refused state change 11.
  return new SimExit(code === -2 ? 17 : 11, `${objname}: State change failed: (${code}) ${text}`);
}

export const unknownResource = (objname: string) => failure(objname, 158, "Unknown resource");
export const minorNotAllocated = (objname: string) => failure(objname, 127, "Device minor not allocated");

export function newNode(version: "9" | "8.4", nodeId: number | null, options: Record<string, string>): TNode {
  return { host: hostName(), nodeId, version, options, role: "Secondary", volumes: [], peers: [], pendingLog: [] };
}

export function newVolume(vnr: number, minor: number, client: boolean): TVolume {
  return {
    vnr,
    minor,
    backingDev: null,
    disk: "Diskless",
    client,
    sizeKiB: 0,
    gi: { current: NO_UUID, bitmap: {}, history: [] },
    oos: {},
    readKiB: 0,
    writtenKiB: 0,
    sentKiB: {},
    receivedKiB: {},
    alWrites: 0,
  };
}

export function newPeer(nodeId: number | null, name: string | null, net: Record<string, string>): TPeer {
  return { nodeId, name, paths: [], net, peerDeviceOptions: {}, wantConnect: false, discardMyData: false };
}

export function addMinor(objname: string, node: TNode, minor: number, vnr: number, client: boolean): void {
  if (node.volumes.some((v) => v.minor === minor || v.vnr === vnr)) throw failure(objname, 151, "Minor or volume exists already (delete it first)");
  node.volumes.push(newVolume(vnr, minor, client));
  node.volumes.sort((a, b) => a.vnr - b.vnr);
}

export function attach(objname: string, v: TVolume, dev: string): void {
  if (v.disk !== "Diskless") throw failure(objname, 124, "Device is attached to a disk (use detach first)");
  const meta = readMeta(dev);
  if (!meta) {
    throw failure(objname, 119, "No valid meta-data signature found.\n\n\t==> Use 'drbdadm create-md res' to initialize meta-data area. <==");
  }
  v.backingDev = dev;
  v.client = false;
  v.disk = meta.disk;
  v.gi = meta.gi;
  v.oos = meta.oos;
  v.sizeKiB = meta.sizeKiB || deviceSizeKiB(dev);
}

function reachableUpToDate(file: TResourceFile, node: TNode, v: TVolume): boolean {
  if (v.disk === "UpToDate") return true;
  return node.peers.some((p) => {
    const h = peerHost(file, node, p);
    if (!h || !isEstablished(file, node.host, h)) return false;
    return file.nodes[h]?.volumes.find((x) => x.vnr === v.vnr)?.disk === "UpToDate";
  });
}

export function primary(objname: string, file: TResourceFile, node: TNode, force: boolean): void {
  for (const p of node.peers) {
    const h = peerHost(file, node, p);
    if (!h || !isEstablished(file, node.host, h)) continue;
    if (file.nodes[h]?.role === "Primary" && p.net["allow-two-primaries"] !== "yes") {
      throw stateChangeFailed(objname, -1, "Multiple primaries not allowed by config");
    }
  }
  for (const v of node.volumes) {
    if (reachableUpToDate(file, node, v)) continue;
    const canForce = force && v.backingDev !== null && (v.disk === "Inconsistent" || v.disk === "Outdated" || v.disk === "Consistent");
    if (!canForce) throw stateChangeFailed(objname, -2, "Need access to UpToDate data");
  }
  for (const v of node.volumes) {
    if (reachableUpToDate(file, node, v) || !force) continue;
    // Forcing makes this copy the good one: a new data generation begins.
    if (v.gi.current !== JUST_CREATED && v.gi.current !== NO_UUID) v.gi.history = [v.gi.current, ...v.gi.history].slice(0, 2);
    v.gi.current = newUuid();
    v.disk = "UpToDate";
  }
  node.role = "Primary";
}

export function secondary(node: TNode): void {
  node.role = "Secondary";
}

export function connect(objname: string, node: TNode, peer: TPeer, discard: boolean): void {
  if (discard && node.role === "Primary") throw failure(objname, 123, "--discard-my-data not allowed when primary.");
  peer.wantConnect = true;
  peer.discardMyData = discard;
}

export function detach(v: TVolume): void {
  v.disk = "Diskless";
  v.backingDev = null;
}

export function peerByNodeId(node: TNode, id: number): TPeer | null {
  return node.peers.find((p) => p.nodeId === id) ?? null;
}

// drbdsetup's option syntax: --key=value or --flag (boolean yes).
export function parseOptions(args: readonly string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (const a of args) {
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    if (eq < 0) options[a.slice(2)] = "yes";
    else options[a.slice(2, eq)] = a.slice(eq + 1);
  }
  return { positional, options };
}
