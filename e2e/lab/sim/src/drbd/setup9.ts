import { SimExit, type TSimIO } from "../core/main";
import { hostName } from "../core/state";
import { isEstablished, peerHost } from "./engine";
import { currentViews, kernelOp, persistMeta, probePeers } from "./kernel";
import type { TNode, TResourceFile } from "./model";
import {
  addMinor,
  attach,
  connect,
  detach,
  failure,
  minorNotAllocated,
  newNode,
  newPeer,
  parseOptions,
  peerByNodeId,
  primary,
  secondary,
  unknownResource,
} from "./ops";
import { renderEvents2, renderStatusJson, renderStatusText } from "./render-status";
import { renderGetGi, renderShow, renderShowGi } from "./render-kernel";
import { listResourceNames, readResource } from "./store";

// drbdsetup of DRBD 9 against the simulated kernel. Commands are those drbdadm 9.22 issues
// (see `drbdadm -d up r0`) plus the read-only ones the panel runs.

const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN);

function resourceOfMinor(minor: number): string | null {
  const me = hostName();
  return listResourceNames().find((n) => readResource(n)?.nodes[me]?.volumes.some((v) => v.minor === minor)) ?? null;
}

function mine(file: TResourceFile, objname: string): TNode {
  const node = file.nodes[hostName()];
  if (!node) throw unknownResource(objname);
  return node;
}

export async function drbdsetup9(args: string[], io: TSimIO): Promise<number> {
  const [cmd, ...rest] = args;
  const { positional, options } = parseOptions(rest);
  const objname = positional[0] ?? "";
  const me = hostName();

  switch (cmd) {
    case "status": {
      const views = await currentViews(objname || "all");
      if (objname && objname !== "all" && views.length === 0) throw new SimExit(10, `${objname}: No such resource`);
      if (options.json) io.out(renderStatusJson(views));
      else io.out(renderStatusText(views, { verbose: "verbose" in options, statistics: "statistics" in options }));
      return 0;
    }
    case "events2": {
      const views = await currentViews(objname || "all");
      if (!("now" in options)) throw new SimExit(20, "drbdsetup events2: the simulator only supports --now");
      io.out(renderEvents2(views, { statistics: "statistics" in options }));
      return 0;
    }
    case "role":
    case "show":
    case "cstate":
    case "show-gi":
    case "get-gi":
      return readOnly(cmd, positional, objname, io);
    case "dstate": {
      const minor = num(objname);
      const res = resourceOfMinor(minor);
      if (res === null) throw new SimExit(10, `${objname}: No such device`);
      const [view] = await currentViews(res);
      const v = view?.volumes.find((x) => x.minor === minor);
      if (!view || !v) throw new SimExit(10, `${objname}: No such device`);
      const peers = view.connections.map((c) => `/${c.peerDevices.find((p) => p.vnr === v.vnr)?.peerDisk ?? "DUnknown"}`);
      io.out(`${v.disk}${peers.join("")}\n`);
      return 0;
    }
  }

  // Minor-addressed commands find their resource first.
  const minorCmd = ["attach", "detach", "new-current-uuid", "invalidate", "outdate", "disk-options", "resize", "del-minor"].includes(cmd ?? "");
  const resName = minorCmd ? resourceOfMinor(num(objname)) : objname;
  if (cmd === "down" && objname === "all") {
    for (const n of listResourceNames()) if (readResource(n)?.nodes[me]) await drbdsetup9(["down", n], io);
    return 0;
  }
  if (resName === null) throw minorNotAllocated(objname);
  if (!resName) throw new SimExit(20, `USAGE: drbdsetup ${cmd ?? ""} {resource} ...`);
  const reach = await probePeers([resName]);

  return kernelOp(resName, reach, (file) => {
    switch (cmd) {
      case "new-resource": {
        if (!file.nodes[me]) file.nodes[me] = newNode("9", num(positional[1]), options);
        return 0;
      }
      case "new-minor":
        addMinor(objname, mine(file, objname), num(positional[1]), num(positional[2]), "diskless" in options);
        return 0;
      case "new-peer": {
        const node = mine(file, objname);
        const id = num(positional[1]);
        if (!peerByNodeId(node, id)) {
          const { _name, ...net } = options;
          node.peers.push(newPeer(id, _name ?? null, net));
        }
        return 0;
      }
      case "new-path": {
        const peer = peerByNodeId(mine(file, objname), num(positional[1]));
        if (!peer) throw failure(objname, 161, "Invalid peer node id");
        const [local, remote] = [positional[2] ?? "", positional[3] ?? ""];
        if (!peer.paths.some((p) => p.local === local && p.remote === remote)) peer.paths.push({ local, remote });
        return 0;
      }
      case "peer-device-options": {
        const peer = peerByNodeId(mine(file, objname), num(positional[1]));
        if (!peer) throw failure(objname, 161, "Invalid peer node id");
        const { "set-defaults": _d, ...opts } = options;
        peer.peerDeviceOptions[String(num(positional[2]))] = opts;
        return 0;
      }
      case "net-options": {
        const peer = peerByNodeId(mine(file, objname), num(positional[1]));
        if (!peer) throw failure(objname, 161, "Invalid peer node id");
        const { "set-defaults": _d, ...opts } = options;
        peer.net = { ...peer.net, ...opts };
        return 0;
      }
      case "resource-options": {
        const node = mine(file, objname);
        const { "set-defaults": _d, ...opts } = options;
        node.options = { ...node.options, ...opts };
        return 0;
      }
      case "attach": {
        const v = mine(file, objname).volumes.find((x) => x.minor === num(objname));
        if (!v) throw minorNotAllocated(objname);
        attach(objname, v, positional[1] ?? "");
        return 0;
      }
      case "detach": {
        const node = mine(file, objname);
        const v = node.volumes.find((x) => x.minor === num(objname));
        if (!v) throw minorNotAllocated(objname);
        persistMeta(node);
        detach(v);
        return 0;
      }
      case "connect": {
        const node = mine(file, objname);
        const peer = peerByNodeId(node, num(positional[1]));
        if (!peer) throw failure(objname, 161, "Invalid peer node id");
        connect(objname, node, peer, "discard-my-data" in options);
        return 0;
      }
      case "disconnect": {
        const peer = peerByNodeId(mine(file, objname), num(positional[1]));
        if (!peer) throw failure(objname, 161, "Invalid peer node id");
        peer.wantConnect = false;
        return 0;
      }
      case "del-peer": {
        const node = mine(file, objname);
        node.peers = node.peers.filter((p) => p.nodeId !== num(positional[1]));
        return 0;
      }
      case "primary":
        primary(objname, file, mine(file, objname), "force" in options || "overwrite-data-of-peer" in options);
        return 0;
      case "secondary":
        secondary(mine(file, objname));
        return 0;
      case "down": {
        const node = file.nodes[me];
        if (node) {
          persistMeta(node);
          delete file.nodes[me];
        }
        return 0;
      }
      case "del-resource":
        delete file.nodes[me];
        return 0;
      case "del-minor": {
        const node = mine(file, objname);
        node.volumes = node.volumes.filter((v) => v.minor !== num(objname));
        return 0;
      }
      case "outdate": {
        const v = mine(file, objname).volumes.find((x) => x.minor === num(objname));
        if (v && v.disk === "UpToDate") v.disk = "Outdated";
        return 0;
      }
      case "invalidate": {
        const v = mine(file, objname).volumes.find((x) => x.minor === num(objname));
        if (v && v.disk !== "Diskless") v.disk = "Inconsistent";
        return 0;
      }
      case "new-current-uuid":
      case "disk-options":
      case "resize":
      case "wait-connect-resource":
      case "wait-sync-resource":
      case "wait-connect-volume":
      case "wait-sync-volume":
      case "wait-connect-connection":
      case "wait-sync-connection":
        mine(file, objname);
        return 0;
      default:
        throw new SimExit(20, `${cmd ?? ""}: unknown command`);
    }
  });
}

async function readOnly(cmd: string, positional: string[], objname: string, io: TSimIO): Promise<number> {
  const me = hostName();
  const names = objname && objname !== "all" ? [objname] : listResourceNames();
  const reach = await probePeers(names);
  for (const name of names) {
    const file = readResource(name);
    if (!file?.nodes[me]) {
      if (cmd === "show" && (objname === "all" || !objname)) continue;
      throw cmd === "role" ? new SimExit(10, `${objname}: Unknown resource`) : new SimExit(10, `${objname}: No such resource`);
    }
    const out = kernelOp(name, reach, (f) => {
      const node = f.nodes[me] as TNode;
      if (cmd === "role") return `${node.role}\n`;
      if (cmd === "show") return renderShow(name, node);
      const peer = peerByNodeId(node, num(positional[1]));
      if (!peer) throw new SimExit(10, `${objname}: No such connection`);
      const h = peerHost(f, node, peer);
      const connected = h !== null && isEstablished(f, me, h);
      if (cmd === "cstate") return `${!peer.wantConnect ? "StandAlone" : connected ? "Connected" : "Connecting"}\n`;
      const v = node.volumes.find((x) => x.vnr === num(positional[2]));
      if (!v || v.disk === "Diskless") throw new SimExit(10, `${objname}: No such peer device`);
      const input = { gi: v.gi, peerHost: h, disk: v.disk, primary: node.role === "Primary", connected, v9: true };
      return cmd === "get-gi" ? renderGetGi(input) : renderShowGi(input);
    });
    io.out(out);
  }
  return 0;
}
