import os from "node:os";
import { SimExit, type TSimIO } from "../core/main";
import { sleepSync } from "../core/state";
import { flag, num, paramError, parseArgs, str, unknownCommand, type TCmdSpec } from "./args";
import { generateAuthKey, nodeIp, onlineNodes, quorumOf, realCorosync, renderPveCorosyncConf, run, syncLocalCorosync } from "./corosync";
import { ctime, hex8, padL } from "./format";
import { editSim, listGuests, localNode, readSim, writeText, type TPveSim } from "./state";

const CONF = "/etc/pve/corosync.conf";
const NO_CONF = `Error: Corosync config '${CONF}' does not exist - is this node part of a cluster?`;

const link = { link0: "string", link1: "string", nodeid: "integer", votes: "integer" } as const;
const SPECS = {
  create: { synopsis: "pvecm create <clustername> [OPTIONS]", positional: ["clustername"], options: link },
  add: {
    synopsis: "pvecm add <hostname> [OPTIONS]",
    positional: ["hostname"],
    options: { ...link, fingerprint: "string", use_ssh: "boolean", force: "boolean" },
  },
  status: { synopsis: "pvecm status", positional: [], options: {} },
  nodes: { synopsis: "pvecm nodes", positional: [], options: {} },
  expected: { synopsis: "pvecm expected <expected>", positional: ["expected"], options: {} },
  updatecerts: {
    synopsis: "pvecm updatecerts  [OPTIONS]",
    positional: [],
    options: { force: "boolean", silent: "boolean", "unmerge-known-hosts": "boolean" },
  },
  delnode: { synopsis: "pvecm delnode <node>", positional: ["node"], options: {} },
  qdeviceSetup: {
    synopsis: "pvecm qdevice setup <address> [OPTIONS]",
    positional: ["address"],
    options: { force: "boolean", network: "string" },
  },
  qdeviceRemove: { synopsis: "pvecm qdevice remove", positional: [], options: {} },
} satisfies Record<string, TCmdSpec>;

// `--link0 10.0.0.1` or the property string `address=10.0.0.1,priority=10`.
function linkAddr(raw: string | null): string | null {
  if (raw === null) return null;
  const m = /(?:^|,)address=([^,]+)/.exec(raw);
  return m ? (m[1] as string) : (raw.split(",")[0] ?? null);
}

function localIp(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return "127.0.0.1";
}

function inCluster(s: TPveSim, node: string): boolean {
  return s.cluster !== null && s.nodes.some((n) => n.name === node);
}

function requireConf(s: TPveSim): void {
  if (!inCluster(s, localNode())) throw new SimExit(255, NO_CONF);
}

function writeConf(s: TPveSim): void {
  writeText("corosync.conf", renderPveCorosyncConf(s));
}

function clusterInfo(s: TPveSim): string {
  const c = s.cluster;
  if (!c) return "";
  const row = (label: string, value: string | number) => `${`${label}:`.padEnd(17)} ${value}\n`;
  return `Cluster information\n-------------------\n${row("Name", c.name)}${row("Config Version", c.configVersion)}${row("Transport", "knet")}${row("Secure auth", "on")}\n`;
}

// corosync-quorumtool -s layout (-H: hex ids, -i: addresses as names), from the model.
export function quorumReport(s: TPveSim, opts: { hex: boolean; ips: boolean }): string {
  const me = localNode();
  const online = onlineNodes(s);
  const q = quorumOf(s, online);
  const self = s.nodes.find((n) => n.name === me);
  const id = (n: number) => (opts.hex ? hex8(n) : padL(n, 10));
  const qd = s.cluster?.qdevice ?? null;
  const ring = `${(q.members[0]?.nodeid ?? self?.nodeid ?? 1).toString(16)}.${(s.cluster?.ringSeq ?? 1).toString(16)}`;
  const flags = [q.quorate ? "Quorate" : "", qd ? "Qdevice" : ""]
    .filter((f) => f !== "")
    .map((f) => `${f} `)
    .join("");
  let out = "Quorum information\n------------------\n";
  out += `Date:             ${ctime(Date.now())}\nQuorum provider:  corosync_votequorum\n`;
  out += `Nodes:            ${q.members.length}\nNode ID:          ${opts.hex ? hex8(self?.nodeid ?? 0) : String(self?.nodeid ?? 0)}\n`;
  out += `Ring ID:          ${ring}\nQuorate:          ${q.quorate ? "Yes" : "No"}\n\n`;
  out += "Votequorum information\n----------------------\n";
  out += `Expected votes:   ${q.expected}\nHighest expected: ${q.expected}\nTotal votes:      ${q.total}\n`;
  out += `Quorum:           ${String(q.quorum).padEnd(3)}${q.quorate ? "" : " Activity blocked"}\nFlags:            ${flags}\n\n`;
  out += "Membership information\n----------------------\n";
  out += `${padL("Nodeid", 10)} ${padL("Votes", 10)} ${qd ? `${padL("Qdevice", 10)} ` : ""}Name\n`;
  for (const n of q.members) {
    const name = opts.ips ? (nodeIp(s, n.name) ?? n.name) : n.name;
    const qflags = qd ? `${padL(q.quorate ? "A,V,NMW" : "A,NV,NMW", 10)} ` : "";
    out += `${id(n.nodeid)} ${padL(n.votes, 10)} ${qflags}${name}${n.name === me ? " (local)" : ""}\n`;
  }
  if (qd) out += `${id(0)} ${padL(q.members.length > 0 ? qd.votes : 0, 10)} ${padL("", 10)} Qdevice\n`;
  return out;
}

function membershipList(s: TPveSim): string {
  const me = localNode();
  const q = quorumOf(s, onlineNodes(s));
  let out = "\nMembership information\n----------------------\n";
  out += `${padL("Nodeid", 10)} ${padL("Votes", 10)} Name\n`;
  for (const n of q.members) out += `${padL(n.nodeid, 10)} ${padL(n.votes, 10)} ${n.name}${n.name === me ? " (local)" : ""}\n`;
  return out;
}

// Real corosync answers only when the daemon runs here; otherwise the model speaks.
function realQuorumtool(args: string[]): { code: number; out: string; err: string } | null {
  if (!realCorosync()) return null;
  const r = run("corosync-quorumtool", args);
  return /Quorum information|Membership information/.test(r.out) ? r : null;
}

export function pvecm(args: string[], io: TSimIO): number {
  const [sub, ...rest] = args;
  syncLocalCorosync(false);
  switch (sub) {
    case "create":
      return create(rest, io);
    case "add":
      return add(rest, io);
    case "status": {
      parseArgs(SPECS.status, rest);
      const s = readSim();
      requireConf(s);
      io.out(clusterInfo(s));
      const real = realQuorumtool(["-siH"]);
      if (real) {
        io.out(real.out);
        io.err(real.err);
        return real.code;
      }
      io.out(quorumReport(s, { hex: true, ips: true }));
      return 0;
    }
    case "nodes": {
      parseArgs(SPECS.nodes, rest);
      const s = readSim();
      requireConf(s);
      const real = realQuorumtool(["-l"]);
      if (real) {
        io.out(real.out);
        return real.code;
      }
      io.out(membershipList(s));
      return 0;
    }
    case "expected": {
      const p = parseArgs(SPECS.expected, rest);
      const n = p.pos.expected ?? "";
      if (!/^\d+$/.test(n) || Number(n) < 1) throw paramError(SPECS.expected, { expected: `type check ('integer') failed - got '${n}'` });
      editSim((s) => {
        requireConf(s);
        if (s.cluster) s.cluster.expectedOverride = Number(n);
      });
      if (realCorosync()) {
        const r = run("corosync-quorumtool", ["-e", n]);
        io.out(r.out);
        io.err(r.err);
        return r.code;
      }
      return 0;
    }
    case "updatecerts":
      parseArgs(SPECS.updatecerts, rest);
      io.out("(re)generate node files\nmerge authorized SSH keys\n");
      return 0;
    case "delnode":
      return delnode(rest, io);
    case "qdevice": {
      const [verb, ...more] = rest;
      if (verb === "setup") return qdeviceSetup(more, io);
      if (verb === "remove") return qdeviceRemove(more, io);
      throw unknownCommand("pvecm qdevice", verb);
    }
    default:
      throw unknownCommand("pvecm", sub);
  }
}

function create(rest: string[], io: TSimIO): number {
  const p = parseArgs(SPECS.create, rest);
  const name = p.pos.clustername ?? "";
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw paramError(SPECS.create, { clustername: `value does not match the regex pattern` });
  }
  if (name.length > 15) throw paramError(SPECS.create, { clustername: "value may only be 15 characters long" });
  const me = localNode();
  const addrs = [linkAddr(str(p, "link0")) ?? localIp(), linkAddr(str(p, "link1"))].filter((a): a is string => a !== null);
  editSim((s) => {
    if (s.cluster) throw new SimExit(255, `cluster config '${CONF}' already exists`);
    s.cluster = { name, configVersion: 1, qdevice: null, expectedOverride: null, ringSeq: 1 };
    s.nodes = [{ name: me, nodeid: num(p, "nodeid") ?? 1, addrs, votes: num(p, "votes") ?? 1 }];
    s.down = [];
    writeConf(s);
  });
  generateAuthKey();
  io.out(
    "Corosync Cluster Engine Authentication key generator.\nGathering 2048 bits for key from /dev/urandom.\n" +
      "Writing corosync key to /etc/corosync/authkey.\n" +
      `Writing corosync config to ${CONF}\nRestart corosync and cluster filesystem\n`,
  );
  syncLocalCorosync(true);
  return 0;
}

const PMXCFS_SETTLE_MS = 2_000;

function add(rest: string[], io: TSimIO): number {
  const p = parseArgs(SPECS.add, rest);
  const host = p.pos.hostname ?? "";
  const fp = str(p, "fingerprint");
  if (fp !== null && !/^([A-Fa-f0-9]{2}:){31}[A-Fa-f0-9]{2}$/.test(fp)) {
    throw paramError(SPECS.add, { fingerprint: "value does not match the regex pattern" });
  }
  const me = localNode();
  const useSsh = flag(p, "use_ssh");
  const s0 = readSim();
  const online = onlineNodes(s0);
  const peer = s0.nodes.find((n) => (n.name === host || n.addrs.some((a) => linkAddr(a) === host)) && online.has(n.name));
  if (!s0.cluster || !peer) {
    if (useSsh) throw new SimExit(255, "unable to copy ssh ID: exit code 1");
    throw new SimExit(255, `500 Can't connect to ${host}:8006 (No route to host)`);
  }
  const errors: string[] = [];
  if (inCluster(s0, me)) errors.push(`cluster config '${CONF}' already exists`);
  if (listGuests().some((g) => g.node === me)) errors.push("this host already contains virtual guests");
  if (realCorosync() && run("corosync-quorumtool", ["-l"]).code === 0) {
    errors.push("corosync is already running, is this node already in a cluster?!");
  }
  if (errors.length > 0) {
    io.out(`detected the following error(s):\n${errors.map((e) => `* ${e}\n`).join("")}`);
    if (!flag(p, "force")) throw new SimExit(255, "Check if node may join a cluster failed!");
  }
  const given = linkAddr(str(p, "link0"));
  if (given === null) io.out(`No cluster network links passed explicitly, fallback to local node IP '${localIp()}'\n`);
  const addrs = [given ?? localIp(), linkAddr(str(p, "link1"))].filter((a): a is string => a !== null);
  editSim((s) => {
    if (!s.cluster) throw new SimExit(255, NO_CONF);
    const wanted = num(p, "nodeid");
    if (wanted !== null && s.nodes.some((n) => n.nodeid === wanted)) throw new SimExit(255, `Nodeid ${wanted} already used in cluster config!`);
    let nodeid = wanted ?? 1;
    while (s.nodes.some((n) => n.nodeid === nodeid)) nodeid++;
    s.nodes = s.nodes.filter((n) => n.name !== me);
    s.nodes.push({ name: me, nodeid, addrs, votes: num(p, "votes") ?? 1 });
    s.cluster.configVersion++;
    s.cluster.ringSeq++;
    writeConf(s);
  });
  if (!useSsh) {
    io.out(`Establishing API connection with host '${host}'\nLogin succeeded.\ncheck cluster join API version\n`);
    io.out("Request addition of this node\nJoin request OK, finishing setup locally\n");
  } else io.out("copy corosync auth key\n");
  io.out(
    "stopping pve-cluster service\n" +
      `backup old database to '/var/lib/pve-cluster/backup/config-${Math.floor(Date.now() / 1000)}.sql.gz'\n` +
      "waiting for quorum...OK\n(re)generate node files\ngenerate new node certificate\nmerge authorized SSH keys\n" +
      "generated new node certificate, restart pveproxy and pvedaemon services\n" +
      `successfully added node '${me}' to cluster.\n`,
  );
  // The members' pmxcfs must reload the config that names this node before its corosync
  // starts, or they exit on its newer config_version. The lab's pmxcfs watchers look every
  // 0.5 s (node-init.sh); the real join takes seconds too.
  if (realCorosync()) sleepSync(PMXCFS_SETTLE_MS);
  syncLocalCorosync(true);
  return 0;
}

function delnode(rest: string[], io: TSimIO): number {
  const p = parseArgs(SPECS.delnode, rest);
  const node = p.pos.node ?? "";
  const me = localNode();
  if (node === me) throw new SimExit(255, "Cannot delete myself from cluster!");
  const removed = editSim((s) => {
    requireConf(s);
    const n = s.nodes.find((x) => x.name === node);
    if (!n || !s.cluster) throw new SimExit(255, `Node/IP: ${node} is not a known host of the cluster.`);
    s.nodes = s.nodes.filter((x) => x !== n);
    s.cluster.configVersion++;
    writeConf(s);
    return { nodeid: n.nodeid, online: onlineNodes(s).has(node) || !s.down.includes(node) };
  });
  io.out(removed.online ? `Killing node ${removed.nodeid}\n` : `Could not kill node (error = CS_ERR_NOT_EXIST)\n`);
  return 0;
}

function qdeviceSetup(rest: string[], io: TSimIO): number {
  const p = parseArgs(SPECS.qdeviceSetup, rest);
  const addr = p.pos.address ?? "";
  if (!/^[\d.]+$|:/.test(addr)) throw paramError(SPECS.qdeviceSetup, { address: `invalid format - value does not look like a valid IP address` });
  editSim((s) => {
    requireConf(s);
    const online = onlineNodes(s);
    for (const n of [...s.nodes].sort((a, b) => a.name.localeCompare(b.name))) {
      if (!online.has(n.name)) throw new SimExit(255, `All nodes must be online! Node ${n.name} is offline, aborting.`);
    }
    if (!s.cluster) return;
    if (s.cluster.qdevice && !flag(p, "force")) throw new SimExit(255, "QDevice already configured!");
    let algorithm = "ffsplit";
    if (s.nodes.length % 2 === 1) {
      if (!flag(p, "force")) throw new SimExit(255, "Clusters with an odd node count are not officially supported!");
      algorithm = "lms";
    }
    s.cluster.qdevice = { host: addr, algorithm, votes: 1 };
    s.cluster.configVersion++;
    writeConf(s);
  });
  const nodes = readSim().nodes.map((n) => n.name).sort();
  let out = "\nINFO: initializing qnetd server\n\nINFO: copying CA cert and initializing on all nodes\n";
  out += "\nINFO: generating cert request\n\nINFO: copying exported cert request to qnetd server\n";
  out += "\nINFO: sign and export cluster cert\n\nINFO: copy exported CRT\n\nINFO: import certificate\n";
  out += "\nINFO: copy and import pk12 cert to all nodes\n\nINFO: add QDevice to cluster configuration\n";
  for (const n of nodes) out += `\nINFO: start and enable corosync qdevice daemon on node '${n}'...\n`;
  io.out(out);
  return 0;
}

function qdeviceRemove(rest: string[], io: TSimIO): number {
  parseArgs(SPECS.qdeviceRemove, rest);
  editSim((s) => {
    requireConf(s);
    const online = onlineNodes(s);
    for (const n of [...s.nodes].sort((a, b) => a.name.localeCompare(b.name))) {
      if (!online.has(n.name)) throw new SimExit(255, `All nodes must be online! Node ${n.name} is offline, aborting.`);
    }
    if (!s.cluster?.qdevice) throw new SimExit(255, "No QDevice configured!");
    s.cluster.qdevice = null;
    s.cluster.configVersion++;
    writeConf(s);
  });
  io.out("\nRemoved Qdevice.\n");
  return 0;
}
