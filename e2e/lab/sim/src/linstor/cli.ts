import { randomUUID } from "node:crypto";
import type { TSimIO } from "../core/main";
import { SimExit } from "../core/main";
import { diskState, diskStateText, isDiskless } from "./disk-state";
import { pythonJson } from "./json-out";
import { API_ERROR_EXIT, RC, replyJson, replyText, type TReply } from "./replies";
import { restNode, restPool, restResource, usedKib } from "./rest";
import { readLinstorState, withLinstorState, type TLinstorState, type TPoolState, type TResourceState } from "./state";
import { renderTable, sizeText } from "./table";

// `linstor` as the 1.2x Python client: global options (-m, --no-utf8, --no-color) anywhere
// before the command, LONG and SHORT command names, replies printed as the client does.
const GROUPS: Record<string, string> = {
  n: "node", node: "node",
  sp: "storage-pool", "storage-pool": "storage-pool",
  rg: "resource-group", "resource-group": "resource-group",
  rd: "resource-definition", "resource-definition": "resource-definition",
  vd: "volume-definition", "volume-definition": "volume-definition",
  r: "resource", resource: "resource",
  c: "controller", controller: "controller",
};
const VERBS: Record<string, string> = {
  c: "create", create: "create", l: "list", list: "list", ls: "list", d: "delete", delete: "delete",
  i: "interface", interface: "interface", sp: "set-property", "set-property": "set-property", lp: "list-properties", "list-properties": "list-properties",
  spawn: "spawn-resources", "spawn-resources": "spawn-resources", opt: "drbd-options", "drbd-options": "drbd-options",
};

type TOpts = { machine: boolean; utf8: boolean };
type TArgs = { positional: string[]; options: Map<string, string> };

const DEFAULT_POOL_KIB = 100 * 1024 * 1024;
const FIRST_PORT = 7000;
const FIRST_MINOR = 1000;

// The client version the simulator answers as (the shape of `linstor --version`).
export const SIM_LINSTOR_CLIENT_VERSION = "linstor 1.23.0; GIT-hash: 0000000000000000000000000000000000000000";

export function linstorMain(argv: string[], io: TSimIO, now = Date.now()): number {
  if (argv[0] === "--version") {
    io.out(`${SIM_LINSTOR_CLIENT_VERSION}\n`);
    return 0;
  }
  const opts: TOpts = { machine: false, utf8: true };
  const rest: string[] = [];
  for (const a of argv) {
    if (a === "-m" || a === "--machine-readable") opts.machine = true;
    else if (a === "--no-utf8" || a === "-p" || a === "--pastable") opts.utf8 = false;
    else if (a === "--no-color") continue;
    else rest.push(a);
  }
  const group = GROUPS[rest[0] ?? ""];
  const verb = VERBS[rest[1] ?? ""] ?? rest[1] ?? "";
  if (!group) throw usage(`argument {${Object.values(GROUPS).filter((v, i, a) => a.indexOf(v) === i).join(", ")}}: invalid choice: '${rest[0] ?? ""}'`);
  const args = parseArgs(rest.slice(2));
  const key = `${group} ${verb}`;

  const lists: Record<string, (s: TLinstorState) => void> = {
    "node list": (s) => printNodes(s, opts, io),
    "storage-pool list": (s) => printPools(s, opts, io),
    "resource list": (s) => printResources(s, opts, io, now),
    "resource-definition list": (s) => printDefinitions(s, opts, io),
    "controller list-properties": (s) => printProps(s.controllerProps, opts, io),
  };
  const list = lists[key];
  if (list) {
    list(readLinstorState());
    return 0;
  }
  const change = CHANGES[key];
  if (!change) throw usage(`invalid choice: '${rest[1] ?? ""}'`);
  // A failed command changes nothing, as the controller rolls its transaction back.
  const replies = withLinstorState((s) => {
    const before = structuredClone(s);
    try {
      return change(s, args, now);
    } catch (e) {
      if (!(e instanceof ReplyError)) throw e;
      Object.assign(s, before);
      return [e.reply];
    }
  });
  return printReplies(replies, opts, io, now);
}

function usage(message: string): SimExit {
  return new SimExit(2, `usage: linstor [-h] [--version] [--no-color] [--no-utf8] [--machine-readable] ...\nlinstor: error: ${message}`);
}

function parseArgs(list: string[]): TArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < list.length; i += 1) {
    const a = list[i] ?? "";
    if (a.startsWith("--")) {
      const [k, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
      const next = list[i + 1];
      if (inline !== undefined) options.set(k, inline);
      else if (next !== undefined && !next.startsWith("--")) {
        options.set(k, next);
        i += 1;
      } else options.set(k, "");
    } else if (a === "-s") {
      options.set("storage-pool", list[i + 1] ?? "");
      i += 1;
    } else positional.push(a);
  }
  return { positional, options };
}

class ReplyError extends Error {
  constructor(readonly reply: TReply) {
    super(reply.message);
  }
}

const fail = (message: string, code: number, objRefs: Record<string, string>, more: Partial<TReply> = {}): ReplyError =>
  new ReplyError({ level: "ERROR", message, code, objRefs, ...more });
const ok = (message: string, code: number, objRefs: Record<string, string>, more: Partial<TReply> = {}): TReply => ({
  level: "SUCCESS",
  message,
  code,
  objRefs,
  ...more,
});

function need(args: TArgs, n: number, names: string): string[] {
  if (args.positional.length < n) throw usage(`the following arguments are required: ${names}`);
  return args.positional;
}

function findNode(s: TLinstorState, name: string) {
  const node = s.nodes.find((n) => n.name === name);
  if (!node) {
    throw fail(`Node '${name}' not found.`, RC.notFoundNode, { Node: name }, {
      cause: `The specified node '${name}' could not be found in the database`,
      correction: `Create a node with the name '${name}' first.`,
    });
  }
  return node;
}

function findDefinition(s: TLinstorState, name: string) {
  const def = s.definitions.find((d) => d.name === name);
  if (!def) {
    throw fail(`Resource definition '${name}' not found.`, RC.notFoundRd, { RscDfn: name }, {
      cause: `The specified resource definition '${name}' could not be found in the database`,
      correction: `Create a resource definition with the name '${name}' first.`,
    });
  }
  return def;
}

// Sizes as the client reads them: a number with an optional unit, GiB when none.
function sizeKib(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGTP]?)(i?B)?$/i.exec(text);
  if (!m) throw usage(`argument size: invalid size '${text}'`);
  const power = { K: 0, M: 1, G: 2, T: 3, P: 4, "": 2 }[(m[2] ?? "").toUpperCase()] ?? 2;
  return Math.ceil(Number(m[1]) * 1024 ** power);
}

type TChange = (s: TLinstorState, a: TArgs, now: number) => TReply[];

const CHANGES: Record<string, TChange> = {
  "node create": (s, a) => {
    const [name = "", ip = ""] = need(a, 2, "node_name, ip");
    if (s.nodes.some((n) => n.name === name)) {
      throw fail(`Registration of node '${name}' failed.`, RC.exists, { Node: name }, { cause: `A node with the name '${name}' already exists.` });
    }
    const type = (a.options.get("node-type") ?? "Satellite").toUpperCase();
    const uuid = randomUUID();
    s.nodes.push({ name, type, uuid, interfaces: [{ name: "default", address: ip, uuid: randomUUID() }], props: {}, online: true });
    s.pools.push({ name: "DfltDisklessStorPool", node: name, kind: "DISKLESS", backing: null, totalKib: 0, uuid: randomUUID() });
    return [
      ok(`New node '${name}' registered.`, RC.nodeCreated, { Node: name }, { details: `Node '${name}' UUID is: ${uuid}` }),
      ok(`Node '${name}' authenticated`, RC.nodeCreated, { Node: name }),
    ];
  },
  "node interface": (s, a) => {
    const [sub = "", nodeName = "", ifName = "", ip = ""] = need(a, 4, "node_name, interface_name, ip");
    if (sub !== "create" && sub !== "c") throw usage(`invalid choice: '${sub}'`);
    const node = findNode(s, nodeName);
    if (node.interfaces.some((i) => i.name === ifName)) {
      throw fail(`Creation of netInterface '${ifName}' on node '${nodeName}' failed.`, RC.exists, { Node: nodeName, NetIf: ifName }, {
        cause: `A netInterface with the name '${ifName}' already exists on node '${nodeName}'.`,
      });
    }
    const uuid = randomUUID();
    node.interfaces.push({ name: ifName, address: ip, uuid });
    return [
      ok(`New netInterface '${ifName}' on node '${nodeName}' created.`, RC.netIfCreated, { Node: nodeName, NetIf: ifName }, {
        details: `NetInterface '${ifName}' on node '${nodeName}' UUID is: ${uuid}`,
      }),
    ];
  },
  "node set-property": (s, a) => {
    const [nodeName = "", key = "", value] = need(a, 2, "node_name, key");
    const node = findNode(s, nodeName);
    if (key === "PrefNic" && value !== undefined && !node.interfaces.some((i) => i.name === value)) {
      throw fail(`The network interface '${value}' of node '${nodeName}' does not exist!`, RC.invalid, { Node: nodeName });
    }
    if (value === undefined) delete node.props[key];
    else node.props[key] = value;
    return [ok(`Successfully set property key(s): ${key}`, RC.nodeModified, { Node: nodeName })];
  },
  "storage-pool create": (s, a) => {
    const [driver = "", nodeName = "", pool = "", backing = ""] = need(a, 4, "node_name, name, driver_pool_name");
    const kind = ({ lvmthin: "LVM_THIN", zfsthin: "ZFS_THIN", filethin: "FILE_THIN" } as const)[driver];
    if (!kind) throw usage(`argument driver: invalid choice: '${driver}'`);
    findNode(s, nodeName);
    if (s.pools.some((p) => p.node === nodeName && p.name === pool)) {
      throw fail(`Registration of storage pool '${pool}' on node '${nodeName}' failed.`, RC.exists, { StorPoolDfn: pool, Node: nodeName }, {
        cause: `A storage pool with the name '${pool}' already exists on node '${nodeName}'.`,
      });
    }
    const uuid = randomUUID();
    const totalKib = Number(process.env.SIM_LINSTOR_POOL_KIB ?? DEFAULT_POOL_KIB);
    s.pools.push({ name: pool, node: nodeName, kind, backing, totalKib, uuid });
    return [
      ok(`New storage pool '${pool}' on node '${nodeName}' registered.`, RC.poolCreated, { StorPoolDfn: pool, Node: nodeName }, {
        details: `Storage pool '${pool}' on node '${nodeName}' UUID is: ${uuid}`,
      }),
      ok(`(${nodeName}) Changes applied to storage pool '${pool}'`, RC.poolCreated, { StorPoolDfn: pool, Node: nodeName }),
    ];
  },
  "resource-group create": (s, a) => {
    const [name = ""] = need(a, 1, "name");
    if (s.groups.some((g) => g.name === name)) {
      throw fail(`A resource group with the name '${name}' already exists.`, RC.exists, { RscGrp: name });
    }
    const uuid = randomUUID();
    const placeCount = Number(a.options.get("place-count") ?? 2);
    s.groups.push({ name, placeCount, storagePool: a.options.get("storage-pool") ?? null, uuid });
    return [
      ok(`New resource group '${name}' created.`, RC.groupCreated, { RscGrp: name }, { details: `Resource group '${name}' UUID is: ${uuid}` }),
    ];
  },
  "resource-group spawn-resources": (s, a, now) => {
    const [groupName = "", rscName = "", size = ""] = need(a, 3, "resource_group_name, resource_definition_name, volume_sizes");
    const group = s.groups.find((g) => g.name === groupName);
    if (!group) {
      throw fail(`Resource group '${groupName}' not found.`, RC.notFoundGroup, { RscGrp: groupName }, {
        cause: `The specified resource group '${groupName}' could not be found in the database`,
        correction: `Create a resource group with the name '${groupName}' first.`,
      });
    }
    const replies = [...createDefinition(s, rscName, groupName), ...createVolume(s, rscName, sizeKib(size))];
    return [...replies, ...autoPlace(s, rscName, group.placeCount, group.storagePool, now)];
  },
  "resource-definition create": (s, a) => {
    const [name = ""] = need(a, 1, "name");
    return createDefinition(s, name, a.options.get("resource-group") ?? "DfltRscGrp");
  },
  "resource-definition delete": (s, a) => {
    const [name = ""] = need(a, 1, "name");
    const def = findDefinition(s, name);
    const nodes = s.resources.filter((r) => r.name === name).map((r) => r.node);
    s.resources = s.resources.filter((r) => r.name !== name);
    s.definitions = s.definitions.filter((d) => d.name !== name);
    return [
      ok(`Resource definition '${name}' marked for deletion.`, RC.rdDeleted, { RscDfn: name }, { details: `Resource definition '${name}' UUID is: ${def.uuid}` }),
      ...nodes.map((n) => ok(`Resource '${name}' on '${n}' deleted`, RC.rscDeleted, { RscDfn: name, Node: n })),
      ok(`Resource definition '${name}' deleted.`, RC.rdDeleted, { RscDfn: name }, { details: `Resource definition '${name}' UUID was: ${def.uuid}` }),
    ];
  },
  "resource-definition drbd-options": (s, a) => {
    const [name = ""] = need(a, 1, "resource_definition_name");
    const def = findDefinition(s, name);
    const keys = setDrbdOptions(def.props, a.options);
    return [
      ok(`Resource definition '${name}' modified.`, RC.rdModified, { RscDfn: name }, { details: `Resource definition '${name}' UUID is: ${def.uuid}${keys}` }),
    ];
  },
  "controller drbd-options": (s, a) => {
    const keys = setDrbdOptions(s.controllerProps, a.options);
    return [ok(`Successfully set property key(s): ${keys.trim().split("\n").join(",")}`, RC.ctrlModified, {})];
  },
  "volume-definition create": (s, a) => {
    const [name = "", size = ""] = need(a, 2, "resource_definition_name, size");
    return createVolume(s, name, sizeKib(size));
  },
  "resource create": (s, a, now) => {
    const auto = a.options.get("auto-place");
    if (auto !== undefined) {
      const [name = ""] = need(a, 1, "resource_definition_name");
      findDefinition(s, name);
      return autoPlace(s, name, Number(auto || 2), a.options.get("storage-pool") ?? null, now);
    }
    const [nodeName = "", name = ""] = need(a, 2, "node_name, resource_definition_name");
    findNode(s, nodeName);
    findDefinition(s, name);
    const diskless = a.options.has("drbd-diskless") || a.options.has("diskless");
    const pool = diskless ? "DfltDisklessStorPool" : (a.options.get("storage-pool") ?? "");
    if (!diskless && !s.pools.some((p) => p.node === nodeName && p.name === pool)) {
      throw fail(`The storage pool '${pool || "null"}' for resource '${name}' for volume number '0' is not deployed on node '${nodeName}'.`, RC.notFoundPool, { RscDfn: name, Node: nodeName }, {
        cause: "Dependency not found",
        details: `The resource which should be deployed had at least one volume definition (volume number '0') which LINSTOR tried to automatically create. The storage pool name for this new volume was looked for, in order, in: the properties of the resource, volume definition, resource definition and node, and finally in a system wide default storage pool name defined by the LINSTOR Controller.\nNode: ${nodeName}, Resource: ${name}`,
      });
    }
    if (s.resources.some((r) => r.name === name && r.node === nodeName)) {
      throw fail(`A resource with the name '${name}' already exists on node '${nodeName}'.`, RC.exists, { RscDfn: name, Node: nodeName });
    }
    const r = addResource(s, name, nodeName, pool, diskless ? ["DRBD_DISKLESS"] : [], now);
    return placedReplies(name, [r]);
  },
  "resource delete": (s, a) => {
    const [nodeName = "", name = ""] = need(a, 2, "node_name, resource_definition_name");
    const r = s.resources.find((x) => x.name === name && x.node === nodeName);
    if (!r) {
      throw fail(`Node: ${nodeName}, Resource: ${name} not found.`, RC.notFoundRsc, { RscDfn: name, Node: nodeName }, {
        cause: `The specified resource '${name}' on node '${nodeName}' could not be found in the database`,
        correction: `Create a resource with the name '${name}' on node '${nodeName}' first.`,
      });
    }
    s.resources = s.resources.filter((x) => x !== r);
    const refs = { RscDfn: name, Node: nodeName };
    const id = `Node: ${nodeName}, Resource: ${name}`;
    return [
      ok(`${id} preparing for deletion.`, RC.rscDeleted, refs, { details: `${id} UUID is: ${r.uuid}` }),
      ok(`Preparing deletion of resource on '${nodeName}'`, RC.rscDeleted, refs),
      ok(`${id} marked for deletion.`, RC.rscDeleted, refs, { details: `${id} UUID is: ${r.uuid}` }),
      ok(`Cleaning up '${name}' on '${nodeName}'`, RC.rscDeleted, refs),
      ok(`${id} deletion complete.`, RC.rscDeleted, refs, { details: `${id} UUID was: ${r.uuid}` }),
    ];
  },
};

// `--after-sb-0pri discard-zero-changes` → DrbdOptions/Net/after-sb-0pri; returns the keys set.
const NET_OPTIONS = new Set(["after-sb-0pri", "after-sb-1pri", "after-sb-2pri", "protocol", "allow-two-primaries", "rr-conflict", "verify-alg", "max-buffers"]);
function setDrbdOptions(props: Record<string, string>, options: Map<string, string>): string {
  let keys = "";
  for (const [k, v] of options) {
    const section = NET_OPTIONS.has(k) ? "Net" : k.startsWith("quorum") || k === "on-no-quorum" ? "Resource" : "Disk";
    const key = `DrbdOptions/${section}/${k}`;
    props[key] = v;
    keys += `\n${key}`;
  }
  return keys;
}

function createDefinition(s: TLinstorState, name: string, group: string): TReply[] {
  if (s.definitions.some((d) => d.name === name)) {
    throw fail(`A resource definition with the name '${name}' already exists.`, RC.exists, { RscDfn: name });
  }
  const port = FIRST_PORT + firstFree(s.definitions.map((d) => d.port - FIRST_PORT));
  const uuid = randomUUID();
  s.definitions.push({ name, port, uuid, group, props: {}, volumes: [] });
  return [ok(`New resource definition '${name}' created.`, RC.rdCreated, { RscDfn: name }, { details: `Resource definition '${name}' UUID is: ${uuid}` })];
}

function createVolume(s: TLinstorState, name: string, kib: number): TReply[] {
  const def = findDefinition(s, name);
  const number = def.volumes.length;
  const minor = FIRST_MINOR + firstFree(s.definitions.flatMap((d) => d.volumes.map((v) => v.minor - FIRST_MINOR)));
  def.volumes.push({ number, sizeKib: kib, minor });
  return [ok(`New volume definition with number '${number}' of resource definition '${name}' created.`, RC.vdCreated, { RscDfn: name, VlmNr: String(number) })];
}

function firstFree(used: number[]): number {
  let n = 0;
  while (used.includes(n)) n += 1;
  return n;
}

function addResource(s: TLinstorState, name: string, node: string, pool: string, flags: string[], now: number): TResourceState {
  const peers = s.resources.filter((r) => r.name === name);
  const diskless = flags.includes("DRBD_DISKLESS");
  const r: TResourceState = {
    name,
    node,
    nodeId: firstFree(peers.map((p) => p.nodeId)),
    uuid: randomUUID(),
    flags,
    pool,
    createdAt: now,
    syncSource: !diskless && !peers.some((p) => !isDiskless(p)),
    inUse: false,
  };
  s.resources.push(r);
  return r;
}

// Auto-placement: nodes with the pool and room for the volumes, fewest resources first; with
// two replicas on a cluster of three or more, the controller adds a diskless tie-breaker.
function autoPlace(s: TLinstorState, name: string, count: number, poolName: string | null, now: number): TReply[] {
  const def = findDefinition(s, name);
  const need = def.volumes.reduce((a, v) => a + v.sizeKib, 0);
  const placed = s.resources.filter((r) => r.name === name && !isDiskless(r));
  const wanted = count - placed.length;
  const candidates = s.pools
    .filter((p): p is TPoolState => p.kind !== "DISKLESS" && (poolName === null || p.name === poolName))
    .filter((p) => s.nodes.find((n) => n.name === p.node)?.online)
    .filter((p) => !s.resources.some((r) => r.name === name && r.node === p.node))
    .filter((p) => p.totalKib - usedKib(s, p) >= need)
    .sort((a, b) => usedKib(s, a) - usedKib(s, b) || a.node.localeCompare(b.node));
  const nodes = [...new Map(candidates.map((p) => [p.node, p])).values()];
  if (nodes.length < wanted) {
    const criteria = [
      `Not enough nodes fulfilling the following auto-place criteria:`,
      ...(poolName ? [` * has a deployed storage pool named [${poolName}]`] : []),
      ` * the storage pools have to have at least '${need}' free space`,
      ` * the current access context has enough privileges to use the node and the storage pool`,
      ` * the node is online`,
      ``,
      `Auto-place configuration details:`,
      `  Replica count: ${count}`,
      `  Additional replica count: ${wanted}`,
      ...(poolName ? [`  Storage pool name:`, `     ${poolName}`] : []),
      `  Do not place with resource:`,
      `     ${name}`,
      `  Layer stack:`,
      `     DRBD`,
      `     STORAGE`,
      `  Diskless on remaining: false`,
      ``,
      `Auto-placing resource: ${name}`,
    ];
    throw fail("Not enough available nodes", RC.notEnoughNodes, { RscDfn: name }, { details: criteria.join("\n") });
  }
  const created = nodes.slice(0, Math.max(wanted, 0)).map((p) => addResource(s, name, p.node, p.name, [], now));
  const replicas = s.resources.filter((r) => r.name === name);
  const diskful = replicas.filter((r) => !isDiskless(r));
  const spare = s.nodes.filter((n) => !replicas.some((r) => r.node === n.name));
  if (diskful.length === 2 && replicas.length === 2 && spare[0]) {
    created.push(addResource(s, name, spare[0].name, "DfltDisklessStorPool", ["DRBD_DISKLESS", "TIE_BREAKER"], now));
  }
  return [
    ok(`Resource '${name}' successfully autoplaced on ${created.filter((r) => !isDiskless(r)).length} nodes`, RC.rscCreated, { RscDfn: name }, {
      details: `Used nodes (storage pool name): ${created
        .filter((r) => !isDiskless(r))
        .map((r) => `'${r.node}' (${r.pool})`)
        .join(", ")}`,
    }),
    ...placedReplies(name, created),
  ];
}

function placedReplies(name: string, created: TResourceState[]): TReply[] {
  return [
    ...created.map((r) =>
      ok(`New resource '${name}' on node '${r.node}' registered.`, RC.rscCreated, { RscDfn: name, Node: r.node }, {
        details: `Resource '${name}' on node '${r.node}' UUID is: ${r.uuid}`,
      }),
    ),
    ...created.map((r) =>
      isDiskless(r) && r.flags.includes("TIE_BREAKER")
        ? ok(`Tie breaker resource '${name}' created on ${r.node}`, RC.rscCreated, { RscDfn: name, Node: r.node })
        : ok(`Created resource '${name}' on '${r.node}'`, RC.rscCreated, { RscDfn: name, Node: r.node }),
    ),
    ok(`Resource '${name}' on '${created.map((r) => r.node).join("', '")}' ready`, RC.rscCreated, { RscDfn: name }, {
      details: `Node(s): '${created.map((r) => r.node).join("', '")}', Resource: '${name}'`,
    }),
  ];
}

function printReplies(replies: TReply[], opts: TOpts, io: TSimIO, now: number): number {
  if (opts.machine) {
    io.out(pythonJson(replies.map((r) => replyJson(r, new Date(now)))));
    return 0;
  }
  io.out(replies.map(replyText).join(""));
  return replies.some((r) => r.level === "ERROR") ? API_ERROR_EXIT : 0;
}

function printNodes(s: TLinstorState, opts: TOpts, io: TSimIO): void {
  if (opts.machine) return io.out(pythonJson([s.nodes.map(restNode)]));
  const rows = s.nodes.map((n) => [n.name, n.type, `${n.interfaces[0]?.address ?? ""}:3366 (PLAIN)`, n.online ? "Online" : "OFFLINE"]);
  io.out(renderTable([{ title: "Node" }, { title: "NodeType" }, { title: "Addresses" }, { title: "State" }], rows, opts.utf8));
}

function printPools(s: TLinstorState, opts: TOpts, io: TSimIO): void {
  const pools = [...s.pools].sort((a, b) => a.name.localeCompare(b.name) || a.node.localeCompare(b.node));
  if (opts.machine) return io.out(pythonJson([pools.map((p) => restPool(s, p))]));
  const rows = pools.map((p) => {
    const diskless = p.kind === "DISKLESS";
    return [
      p.name,
      p.node,
      p.kind,
      p.backing ?? "",
      diskless ? "" : sizeText(p.totalKib - usedKib(s, p)),
      diskless ? "" : sizeText(p.totalKib),
      diskless ? "False" : "True",
      s.nodes.find((n) => n.name === p.node)?.online ? "Ok" : "Error",
      `${p.node};${p.name}`,
    ];
  });
  const cols = ["StoragePool", "Node", "Driver", "PoolName", "FreeCapacity", "TotalCapacity", "CanSnapshots", "State", "SharedName"];
  io.out(renderTable(cols.map((title) => ({ title, align: title.endsWith("Capacity") ? ("right" as const) : ("left" as const) })), rows, opts.utf8));
}

function printResources(s: TLinstorState, opts: TOpts, io: TSimIO, now: number): void {
  const list = [...s.resources].sort((a, b) => a.name.localeCompare(b.name) || a.node.localeCompare(b.node));
  if (opts.machine) return io.out(pythonJson([list.map((r) => restResource(s, r, now))]));
  const rows = list.map((r) => {
    const online = s.nodes.find((n) => n.name === r.node)?.online ?? false;
    const peersDown = s.resources.filter((p) => p.name === r.name && p.node !== r.node && !s.nodes.find((n) => n.name === p.node)?.online);
    const state = r.flags.includes("TIE_BREAKER") && online ? "TieBreaker" : diskStateText(diskState(s, r, now));
    return [
      r.name,
      r.node,
      String(s.definitions.find((d) => d.name === r.name)?.port ?? ""),
      online ? (r.inUse ? "InUse" : "Unused") : "",
      online ? (peersDown.length === 0 ? "Ok" : `Connecting(${peersDown.map((p) => p.node).join(",")})`) : "",
      state,
      createdOn(r.createdAt),
    ];
  });
  const cols = [{ title: "ResourceName" }, { title: "Node" }, { title: "Port" }, { title: "Usage" }, { title: "Conns" }, { title: "State", align: "right" as const }, { title: "CreatedOn" }];
  io.out(renderTable(cols, rows, opts.utf8));
}

// The REST answer is one map of key to value; the client's -m prints it inside a list.
function printProps(props: Record<string, string>, opts: TOpts, io: TSimIO): void {
  if (opts.machine) return io.out(pythonJson([props]));
  const rows = Object.keys(props)
    .sort()
    .map((k) => [k, props[k] ?? ""]);
  io.out(renderTable([{ title: "Key" }, { title: "Value" }], rows, opts.utf8));
}

function printDefinitions(s: TLinstorState, opts: TOpts, io: TSimIO): void {
  if (opts.machine) {
    return io.out(
      pythonJson([
        s.definitions.map((d) => ({
          name: d.name,
          props: d.props,
          layer_data: [{ type: "DRBD", data: { peer_slots: 7, al_stripes: 1, al_stripe_size_kib: 32, port: d.port, transport_type: "IP", secret: "simSecret0000000", down: false } }, { type: "STORAGE" }],
          uuid: d.uuid,
          resource_group_name: d.group,
        })),
      ]),
    );
  }
  const rows = s.definitions.map((d) => [d.name, String(d.port), d.group, "ok"]);
  io.out(renderTable([{ title: "ResourceName" }, { title: "Port" }, { title: "ResourceGroup" }, { title: "State" }], rows, opts.utf8));
}

// The client prints CreatedOn in the host's local time.
function createdOn(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
