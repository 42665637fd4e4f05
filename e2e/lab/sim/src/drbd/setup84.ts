import { SimExit, type TSimIO } from "../core/main";
import { hostName } from "../core/state";
import { isEstablished, peerHost } from "./engine";
import { kernelOp, persistMeta, probePeers } from "./kernel";
import type { TNode, TResourceFile, TVolume } from "./model";
import { addMinor, attach, connect, detach, minorNotAllocated, newNode, newPeer, parseOptions, primary, secondary } from "./ops";
import { renderGetGi, renderShowGi } from "./render-kernel";
import { listResourceNames, readResource } from "./store";

// drbdsetup-84 (what drbdadm-84 runs for an 8.4 kernel) against the simulated kernel. 8.4
// addresses devices by minor and connections by address pair; a resource has one peer.

const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN);

function findBy(pred: (node: TNode) => boolean): string | null {
  const me = hostName();
  return listResourceNames().find((n) => {
    const node = readResource(n)?.nodes[me];
    return node !== undefined && pred(node);
  }) ?? null;
}

const byMinor = (minor: number) => findBy((n) => n.volumes.some((v) => v.minor === minor));
const byAddress = (local: string, remote: string) => findBy((n) => n.peers.some((p) => p.paths.some((x) => x.local === local && x.remote === remote)));

function volumeOf(file: TResourceFile, minor: number, objname: string): { node: TNode; v: TVolume } {
  const node = file.nodes[hostName()];
  const v = node?.volumes.find((x) => x.minor === minor);
  if (!node || !v) throw minorNotAllocated(objname);
  return { node, v };
}

export async function drbdsetup84(args: string[], io: TSimIO): Promise<number> {
  const [cmd, ...rest] = args;
  const { positional, options } = parseOptions(rest);
  const objname = positional[0] ?? "";
  const me = hostName();

  let resName: string | null;
  if (cmd === "new-resource" || cmd === "new-minor" || cmd === "connect" || cmd === "down") resName = objname;
  else if (cmd === "disconnect") resName = byAddress(positional[0] ?? "", positional[1] ?? "");
  else if (cmd === "show" || cmd === "events") return 0;
  else resName = byMinor(num(objname));
  if (resName === null || resName === "") {
    if (cmd === "down") return 0;
    throw minorNotAllocated(objname);
  }
  const reach = await probePeers([resName]);

  const out = kernelOp(resName, reach, (file): string => {
    switch (cmd) {
      case "new-resource":
        file.nodes[me] ??= newNode("8.4", null, options);
        return "";
      case "new-minor": {
        const node = file.nodes[me];
        if (!node) throw minorNotAllocated(objname);
        // drbdadm-84 adjust re-issues what the simulator's `show` cannot describe: same minor is fine.
        if (!node.volumes.some((v) => v.minor === num(positional[1]) && v.vnr === num(positional[2])))
          addMinor(objname, node, num(positional[1]), num(positional[2]), false);
        return "";
      }
      case "attach": {
        const { v } = volumeOf(file, num(objname), objname);
        if (v.backingDev !== positional[1]) attach(objname, v, positional[1] ?? "");
        return "";
      }
      case "detach": {
        const { node, v } = volumeOf(file, num(objname), objname);
        persistMeta(node);
        detach(v);
        return "";
      }
      case "connect": {
        const node = file.nodes[me];
        if (!node) throw minorNotAllocated(objname);
        const [local, remote] = [positional[1] ?? "", positional[2] ?? ""];
        const { "discard-my-data": discard, ...net } = options;
        let peer = node.peers.find((p) => p.paths.some((x) => x.remote === remote));
        if (!peer) {
          peer = newPeer(null, null, net);
          peer.paths.push({ local, remote });
          node.peers.push(peer);
        }
        connect(objname, node, peer, discard !== undefined);
        return "";
      }
      case "disconnect": {
        const node = file.nodes[me];
        const peer = node?.peers.find((p) => p.paths.some((x) => x.remote === positional[1]));
        if (peer) peer.wantConnect = false;
        return "";
      }
      case "primary":
        primary(objname, file, volumeOf(file, num(objname), objname).node, "force" in options || "overwrite-data-of-peer" in options);
        return "";
      case "secondary":
        secondary(volumeOf(file, num(objname), objname).node);
        return "";
      case "down": {
        const node = file.nodes[me];
        if (node) {
          persistMeta(node);
          delete file.nodes[me];
        }
        return "";
      }
      case "role": {
        const { node } = volumeOf(file, num(objname), objname);
        const peer = node.peers[0];
        const h = peer ? peerHost(file, node, peer) : null;
        const peerRole = h && isEstablished(file, me, h) ? (file.nodes[h]?.role ?? "Unknown") : "Unknown";
        return `${node.role}/${peerRole}\n`;
      }
      case "cstate": {
        const { node } = volumeOf(file, num(objname), objname);
        const peer = node.peers[0];
        const h = peer ? peerHost(file, node, peer) : null;
        if (!peer || !peer.wantConnect) return "StandAlone\n";
        const lk = h ? file.links[[me, h].sort().join("|")] : undefined;
        const sync = lk?.syncs[0];
        if (!lk?.established) return "WFConnection\n";
        return `${sync ? (sync.source === me ? "SyncSource" : "SyncTarget") : "Connected"}\n`;
      }
      case "dstate": {
        const { node, v } = volumeOf(file, num(objname), objname);
        const peer = node.peers[0];
        const h = peer ? peerHost(file, node, peer) : null;
        const pd = h && isEstablished(file, me, h) ? (file.nodes[h]?.volumes.find((x) => x.vnr === v.vnr)?.disk ?? "DUnknown") : "DUnknown";
        return `${v.disk}/${pd}\n`;
      }
      case "get-gi":
      case "show-gi": {
        const { node, v } = volumeOf(file, num(objname), objname);
        if (v.disk === "Diskless") throw new SimExit(10, `${objname}: Failure: (138) Device does not have a disk-config`);
        const peer = node.peers[0];
        const h = peer ? peerHost(file, node, peer) : null;
        const input = { gi: v.gi, peerHost: h, disk: v.disk, primary: node.role === "Primary", connected: h !== null && isEstablished(file, me, h), v9: false };
        return cmd === "get-gi" ? renderGetGi(input) : renderShowGi(input);
      }
      case "outdate":
      case "invalidate":
      case "new-current-uuid":
      case "resize":
      case "disk-options":
      case "net-options":
      case "resource-options":
      case "wait-connect":
      case "wait-sync":
        return "";
      default:
        throw new SimExit(20, `${cmd ?? ""}: unknown command`);
    }
  });
  io.out(out);
  return 0;
}
