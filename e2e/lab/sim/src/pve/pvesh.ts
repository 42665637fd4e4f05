import { isSharedStorage } from "../../../../../agents/proxmox/storage-cfg";
import { SimExit, type TSimIO } from "../core/main";
import { nodeIp, onlineNodes, quorumOf } from "./corosync";
import { readHaResources, readReplication, readStorage } from "./configs";
import { canonicalJson } from "./format";
import { guestCli } from "./guest";
import { haManager, haStatusLines } from "./ha";
import { pvesm, storageStatus } from "./pvesm";
import { pvesr } from "./pvesr";
import { nextSync, settle, sidOf, startMigration, upid } from "./settle";
import { confGet, editSim, findGuest, guestVolumes, listGuests, localNode, readGuestConf, readSim } from "./state";

// pvesh: the API paths the panel reads, and the writes it may make (mapped onto the same code
// as the matching CLI so both stay one behaviour). Output is PVE's JSON formatter: canonical
// key order, compact for `json`, 3-space indented for `json-pretty`.

type TOut = { value: unknown } | { text: string };

function nodesList(): string[] {
  const s = readSim();
  return s.cluster ? s.nodes.map((n) => n.name).sort() : [localNode()];
}

function resources(): unknown[] {
  const s = readSim();
  const online = onlineNodes(s);
  const isOnline = (n: string) => !s.cluster || online.has(n);
  const now = Date.now();
  const ha = readHaResources();
  const out: unknown[] = [];
  for (const n of nodesList()) {
    const up = isOnline(n);
    out.push({
      id: `node/${n}`, type: "node", node: n, status: up ? "online" : "offline", level: "", "cgroup-mode": 2,
      ...(up ? { cpu: 0.0123, maxcpu: 4, mem: 2147483648, maxmem: 8589934592, disk: 3221225472, maxdisk: 32212254720, uptime: 86400 } : {}),
    });
  }
  for (const g of listGuests()) {
    const conf = readGuestConf(g);
    const started = s.running[String(g.vmid)];
    const up = isOnline(g.node);
    const running = up && started !== undefined;
    const maxmem = Number(confGet(conf, "memory") ?? 512) * 1024 * 1024;
    const hares = ha.find((r) => r.sid === sidOf(g.kind, g.vmid));
    const entry: Record<string, unknown> = {
      id: `${g.kind}/${g.vmid}`, type: g.kind, vmid: g.vmid, node: g.node,
      name: confGet(conf, g.kind === "qemu" ? "name" : "hostname") ?? `${g.kind === "qemu" ? "VM" : "CT"} ${g.vmid}`,
      status: up ? (running ? "running" : "stopped") : "unknown", template: 0,
      maxcpu: Number(confGet(conf, "cores") ?? 1), cpu: running ? 0.01 : 0,
      maxmem, mem: running ? Math.round(maxmem * 0.4) : 0,
      maxdisk: guestVolumes(conf)[0]?.sizeBytes ?? 0, disk: 0,
      uptime: running ? Math.floor((now - (started ?? now)) / 1000) : 0,
      diskread: 0, diskwrite: 0, netin: 0, netout: 0,
    };
    if (hares) entry.hastate = s.ha.transient[hares.sid]?.state ?? hares.state ?? "started";
    const lock = confGet(conf, "lock");
    if (lock) entry.lock = lock;
    if (!up) for (const k of ["cpu", "mem", "disk", "uptime", "diskread", "diskwrite", "netin", "netout"]) delete entry[k];
    out.push(entry);
  }
  const storages = readStorage();
  for (const n of nodesList()) {
    for (const e of storages) {
      const st = storageStatus(e, n);
      if (e.nodes !== null && !e.nodes.includes(n)) continue;
      const up = isOnline(n) && st.enabled;
      out.push({
        id: `storage/${n}/${e.id}`, type: "storage", storage: e.id, node: n, status: up ? "available" : "unknown",
        shared: isSharedStorage(e) ? 1 : 0, plugintype: e.type, content: (e.content ?? []).join(","),
        ...(up ? { disk: st.used, maxdisk: st.total } : {}),
      });
    }
  }
  return out;
}

function clusterStatus(): unknown[] {
  const s = readSim();
  const me = localNode();
  if (!s.cluster) return [{ id: `node/${me}`, type: "node", name: me, nodeid: 0, ip: "127.0.0.1", local: 1, online: 1, level: "" }];
  const online = onlineNodes(s);
  const q = quorumOf(s, online);
  const out: unknown[] = [{ id: "cluster", type: "cluster", name: s.cluster.name, nodes: s.nodes.length, quorate: q.quorate ? 1 : 0, version: s.cluster.configVersion }];
  for (const n of s.nodes) {
    out.push({ id: `node/${n.name}`, type: "node", name: n.name, nodeid: n.nodeid, ip: nodeIp(s, n.name) ?? "", local: n.name === me ? 1 : 0, online: online.has(n.name) ? 1 : 0, level: "" });
  }
  return out;
}

function haCurrent(): unknown[] {
  const s = readSim();
  const now = Date.now();
  const lines = haStatusLines(s, now);
  const guests = listGuests();
  const ha = readHaResources();
  return lines.map((line) => {
    const [type, ...restWords] = line.split(" ");
    const rest = restWords.join(" ");
    if (type === "quorum") return { id: "quorum", type: "quorum", node: localNode(), quorate: rest === "OK" ? 1 : 0, status: rest };
    if (type === "master") return { id: "master", type: "master", node: rest.split(" ")[0], status: rest, timestamp: Math.floor(now / 1000) };
    if (type === "lrm") return { id: `lrm:${rest.split(" ")[0]}`, type: "lrm", node: rest.split(" ")[0], status: rest, timestamp: Math.floor(now / 1000) };
    const sid = rest.split(" ")[0] ?? "";
    const r = ha.find((x) => x.sid === sid);
    const g = guests.find((x) => x.vmid === r?.vmid);
    const state = /, ([^)]*)\)$/.exec(rest)?.[1] ?? "";
    return {
      id: `service:${sid}`, type: "service", sid, node: g?.node ?? "", status: rest, state, crm_state: state,
      request_state: r?.state ?? "started", max_restart: r?.maxRestart ?? 1, max_relocate: r?.maxRelocate ?? 1, failback: 1,
    };
  });
}

function replicationStatus(node: string): unknown[] {
  const s = readSim();
  const now = Date.now();
  return readReplication()
    .filter((j) => findGuest(j.guest ?? -1)?.node === node)
    .map((j) => {
      const st = s.repl[j.id];
      const entry: Record<string, unknown> = {
        id: j.id, guest: j.guest, jobnum: j.jobnum, target: j.target, type: "local", source: node, vmtype: findGuest(j.guest ?? -1)?.kind,
        schedule: j.schedule ?? "*/15", fail_count: st?.failCount ?? 0,
        last_sync: st?.lastSync ? Math.floor(st.lastSync / 1000) : 0, last_try: st?.lastTry ? Math.floor(st.lastTry / 1000) : 0,
        next_sync: Math.floor(nextSync(st ?? { lastSync: null, lastTry: null, duration: null, failCount: 0, error: null, forcedError: null, syncingUntil: null }, j.schedule ?? "*/15", s.replCreated[j.id] ?? now) / 1000),
      };
      if (st?.duration !== null && st?.duration !== undefined) entry.duration = st.duration;
      if (st?.error) entry.error = st.error;
      return entry;
    });
}

function nodeStatus(node: string): unknown {
  return {
    cpu: 0.0123, wait: 0, uptime: 86400, idle: 0,
    loadavg: ["0.12", "0.10", "0.08"],
    memory: { total: 8589934592, used: 2147483648, free: 6442450944 },
    swap: { total: 0, used: 0, free: 0 },
    rootfs: { total: 32212254720, used: 3221225472, free: 28991029248, avail: 27380416512 },
    cpuinfo: { cpus: 4, sockets: 1, cores: 4, model: "QEMU Virtual CPU", mhz: "2400.000", hvm: "1", flags: "" },
    kversion: "Linux 6.8.12-4-pve #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4 (2024-11-06T15:04Z)",
    pveversion: "pve-manager/8.3.0/c1689ccb1065a83b",
    "boot-info": { mode: "efi", secureboot: 0 },
    "current-kernel": { machine: "x86_64", release: "6.8.12-4-pve", sysname: "Linux", version: "#1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4 (2024-11-06T15:04Z)" },
    ksm: { shared: 0 },
    node,
  };
}

function noHandler(method: string, path: string): SimExit {
  return new SimExit(255, `No '${method}' handler defined for '${path}'`);
}

// Options after the path as CLI flags: `--sid vm:100 --state started` -> ["vm:100", "--state", "started"].
function take(args: string[], key: string): { value: string | null; rest: string[] } {
  const i = args.findIndex((a) => a === `--${key}` || a === `-${key}`);
  if (i < 0) return { value: null, rest: args };
  return { value: args[i + 1] ?? null, rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

async function route(method: string, path: string, opts: string[], io: TSimIO): Promise<TOut> {
  const p = path.replace(/\/+$/, "") || "/";
  const me = localNode();
  const silent: TSimIO = { out: () => undefined, err: io.err };
  let m: RegExpExecArray | null;
  if (method === "get") {
    if (p === "/cluster/resources") {
      const type = take(opts, "type").value;
      const all = resources() as { type: string }[];
      const want: Record<string, string[]> = { vm: ["qemu", "lxc"], node: ["node"], storage: ["storage"] };
      return { value: type ? all.filter((r) => (want[type] ?? [type]).includes(r.type)) : all };
    }
    if (p === "/cluster/status") return { value: clusterStatus() };
    if (p === "/cluster/ha/status/current") return { value: haCurrent() };
    if (p === "/cluster/ha/resources") {
      return { value: readHaResources().map((r) => ({ sid: r.sid, type: r.type, state: r.state ?? "started", ...(r.group ? { group: r.group } : {}), ...(r.maxRestart !== null ? { max_restart: r.maxRestart } : {}), ...(r.maxRelocate !== null ? { max_relocate: r.maxRelocate } : {}), digest: "0" })) };
    }
    if (p === "/cluster/replication") {
      return { value: readReplication().map((j) => ({ id: j.id, type: j.type, guest: j.guest, jobnum: j.jobnum, target: j.target, ...(j.schedule ? { schedule: j.schedule } : {}), ...(j.rate !== null ? { rate: j.rate } : {}), ...(j.source ? { source: j.source } : {}), ...(j.disable ? { disable: 1 } : {}) })) };
    }
    if (p === "/storage") {
      return { value: readStorage().map((e) => ({ storage: e.id, type: e.type, ...(e.content ? { content: e.content.join(",") } : {}), ...(e.path ? { path: e.path } : {}), ...(e.pool ? { pool: e.pool } : {}), ...(e.nodes ? { nodes: e.nodes.join(",") } : {}), ...(isSharedStorage(e) ? { shared: 1 } : {}), digest: "0" })) };
    }
    if (p === "/nodes") return { value: (resources() as { type: string }[]).filter((r) => r.type === "node") };
    if ((m = /^\/nodes\/([^/]+)\/status$/.exec(p))) return { value: nodeStatus(m[1] as string) };
    if ((m = /^\/nodes\/([^/]+)\/replication$/.exec(p))) return { value: replicationStatus(m[1] as string) };
    if ((m = /^\/nodes\/([^/]+)\/(qemu|lxc)$/.exec(p))) {
      const [, node, kind] = m;
      return { value: (resources() as { type: string; node: string }[]).filter((r) => r.type === kind && r.node === node) };
    }
    if ((m = /^\/nodes\/([^/]+)\/(qemu|lxc)\/(\d+)\/config$/.exec(p))) {
      const g = findGuest(Number(m[3]));
      if (!g || g.node !== m[1]) throw new SimExit(255, `Configuration file 'nodes/${m[1]}/${m[2] === "qemu" ? "qemu-server" : "lxc"}/${m[3]}.conf' does not exist`);
      return { value: Object.fromEntries(readGuestConf(g).entries.map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v])) };
    }
    if ((m = /^\/nodes\/([^/]+)\/tasks\/([^/]+)\/status$/.exec(p))) {
      const id = decodeURIComponent(m[2] as string);
      const sim = readSim();
      const running = sim.migrations.some((x) => x.upid === id);
      return { value: { upid: id, node: m[1], status: running ? "running" : "stopped", ...(running ? {} : { exitstatus: sim.taskErrors[id] ?? "OK" }) } };
    }
    throw noHandler(method, p);
  }
  if (method === "create" || method === "set" || method === "delete") {
    if (p === "/cluster/ha/resources" && method === "create") {
      const sid = take(opts, "sid");
      await haManager(["add", sid.value ?? "", ...sid.rest], silent);
      return { text: "" };
    }
    if ((m = /^\/cluster\/ha\/resources\/([^/]+)$/.exec(p)) && method !== "create") {
      haManager([method === "set" ? "set" : "remove", decodeURIComponent(m[1] as string), ...opts], silent);
      return { text: "" };
    }
    if (p === "/cluster/replication" && method === "create") {
      const id = take(opts, "id");
      const target = take(id.rest, "target");
      const type = take(target.rest, "type");
      pvesr(["create-local-job", id.value ?? "", target.value ?? "", ...type.rest], silent);
      return { text: "" };
    }
    if ((m = /^\/cluster\/replication\/([^/]+)$/.exec(p)) && method !== "create") {
      pvesr([method === "set" ? "update" : "delete", m[1] as string, ...opts], silent);
      return { text: "" };
    }
    if (p === "/storage" && method === "create") {
      const id = take(opts, "storage");
      const type = take(id.rest, "type");
      pvesm(["add", type.value ?? "", id.value ?? "", ...type.rest], silent);
      return { text: "" };
    }
    if ((m = /^\/storage\/([^/]+)$/.exec(p)) && method !== "create") {
      pvesm([method === "set" ? "set" : "remove", m[1] as string, ...opts], silent);
      return { text: "" };
    }
    if ((m = /^\/nodes\/([^/]+)\/(qemu|lxc)\/(\d+)\/status\/(start|stop|shutdown)$/.exec(p)) && method === "create") {
      if (m[1] !== me) throw new SimExit(255, `proxy to ${m[1]} is not simulated; run the command on that node`);
      await guestCli(m[2] === "qemu" ? "qm" : "pct", [m[4] as string, m[3] as string, ...opts], silent);
      return { text: `${upid(me, m[2] === "qemu" ? `qm${m[4]}` : `vz${m[4]}`, Number(m[3]), Date.now())}\n` };
    }
    if ((m = /^\/nodes\/([^/]+)\/(qemu|lxc)\/(\d+)\/migrate$/.exec(p)) && method === "create") {
      // The API returns the task's UPID at once; the migration runs on in the model.
      const vmid = Number(m[3]);
      const target = take(opts, "target").value ?? "";
      const g = findGuest(vmid);
      if (!g || g.node !== m[1]) throw new SimExit(255, `Configuration file 'nodes/${m[1]}/${m[2] === "qemu" ? "qemu-server" : "lxc"}/${vmid}.conf' does not exist`);
      const s = readSim();
      if (!s.nodes.some((n) => n.name === target)) throw new SimExit(255, `no such cluster node '${target}'`);
      const id = editSim((st) => startMigration(st, { vmid, kind: g.kind, source: g.node, target, online: st.running[String(vmid)] !== undefined }, Date.now()));
      return { text: `${id}\n` };
    }
    throw noHandler(method, p);
  }
  throw new SimExit(255, `unknown command 'pvesh ${method}'\nUSAGE: pvesh <COMMAND> [ARGS] [OPTIONS]`);
}

export async function pvesh(args: string[], io: TSimIO): Promise<number> {
  settle();
  const [method = "", path = "", ...rest] = args;
  let format = "text";
  const opts: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === "--output-format" || a === "-output-format") format = rest[++i] ?? "text";
    else if (a.startsWith("--output-format=")) format = a.slice("--output-format=".length);
    else if (a === "--noborder" || a === "--noheader" || a === "--quiet") continue;
    else opts.push(a);
  }
  if (method === "ls" || method === "usage" || method === "help") throw noHandler(method, path);
  const result = await route(method, path, opts, io);
  if ("text" in result) {
    io.out(result.text);
    return 0;
  }
  io.out(`${canonicalJson(result.value, format === "json-pretty" || format === "text")}\n`);
  return 0;
}
