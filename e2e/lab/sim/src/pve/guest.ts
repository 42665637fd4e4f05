import { isSharedStorage } from "../../../../../agents/proxmox/storage-cfg";
import { SimExit, type TSimIO } from "../core/main";
import { flag, paramError, parseArgs, unknownCommand, vmidArg, type TCmdSpec } from "./args";
import { nodeIp, onlineNodes } from "./corosync";
import { readHaResources, readReplication, readStorage, writeHaResources } from "./configs";
import { duration, padL, padR, renderBytes, taskTime } from "./format";
import { abortMigration, endMigration, migrateSeconds, nodeReachable, settle, sidOf, startMigration } from "./settle";
import {
  confGet,
  editSim,
  findGuest,
  guestVolumes,
  listGuests,
  localNode,
  localResources,
  readGuestConf,
  readSim,
  type TGuestKind,
  type TGuestRef,
} from "./state";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function specs(cmd: "qm" | "pct") {
  const v = { positional: ["vmid"], options: {} };
  return {
    list: { synopsis: `${cmd} list  [OPTIONS]`, positional: [], options: { full: "boolean" } },
    config: { synopsis: `${cmd} config <vmid> [OPTIONS]`, ...v, options: { current: "boolean", snapshot: "string" } },
    start: { synopsis: `${cmd} start <vmid> [OPTIONS]`, ...v, options: { skiplock: "boolean", timeout: "integer" } },
    stop: { synopsis: `${cmd} stop <vmid> [OPTIONS]`, ...v, options: { skiplock: "boolean", timeout: "integer", keepActive: "boolean" } },
    shutdown: { synopsis: `${cmd} shutdown <vmid> [OPTIONS]`, ...v, options: { timeout: "integer", forceStop: "boolean", keepActive: "boolean" } },
    status: { synopsis: `${cmd} status <vmid> [OPTIONS]`, ...v, options: { verbose: "boolean" } },
    migrate: {
      synopsis: `${cmd} migrate <vmid> <target> [OPTIONS]`,
      positional: ["vmid", "target"],
      options: (cmd === "qm"
          ? { online: "boolean", "with-local-disks": "boolean", force: "boolean", bwlimit: "integer", targetstorage: "string", migration_network: "string", migration_type: "string" }
          : { online: "boolean", restart: "boolean", timeout: "integer", bwlimit: "integer", "target-storage": "string" }) as TCmdSpec["options"],
    },
  } satisfies Record<string, TCmdSpec>;
}

const KIND: Record<"qm" | "pct", TGuestKind> = { qm: "qemu", pct: "lxc" };

// qm/pct act on the local node's configs only, as the real CLIs do.
function localGuest(cmd: "qm" | "pct", vmid: number): TGuestRef {
  const g = findGuest(vmid);
  const kind = KIND[cmd];
  if (!g || g.node !== localNode() || g.kind !== kind) {
    const dir = kind === "qemu" ? "qemu-server" : "lxc";
    throw new SimExit(255, `Configuration file 'nodes/${localNode()}/${dir}/${vmid}.conf' does not exist`);
  }
  return g;
}

const isRunning = (vmid: number) => readSim().running[String(vmid)] !== undefined;
const haManaged = (kind: TGuestKind, vmid: number) => readHaResources().some((r) => r.sid === sidOf(kind, vmid));
const memMb = (g: TGuestRef) => Number(confGet(readGuestConf(g), "memory") ?? (g.kind === "qemu" ? 2048 : 512));

export async function guestCli(cmd: "qm" | "pct", args: string[], io: TSimIO): Promise<number> {
  const [sub, ...rest] = args;
  const S = specs(cmd);
  const kind = KIND[cmd];
  const word = kind === "qemu" ? "VM" : "CT";
  settle();
  switch (sub) {
    case "list": {
      parseArgs(S.list, rest);
      const mine = listGuests().filter((g) => g.node === localNode() && g.kind === kind);
      if (mine.length === 0) return 0;
      const sim = readSim();
      const locks = (g: TGuestRef) => confGet(readGuestConf(g), "lock") ?? "";
      if (kind === "qemu") {
        let out = `${padL("VMID", 10)} ${padR("NAME", 20)} ${padR("STATUS", 10)} ${padR("MEM(MB)", 10)} ${padL("BOOTDISK(GB)", 12)} ${padR("PID", 10)}\n`;
        for (const g of mine) {
          const conf = readGuestConf(g);
          const running = sim.running[String(g.vmid)] !== undefined;
          const disk = (guestVolumes(conf)[0]?.sizeBytes ?? 0) / 1024 ** 3;
          const name = (confGet(conf, "name") ?? `VM ${g.vmid}`).slice(0, 20);
          out += `${padL(g.vmid, 10)} ${padR(name, 20)} ${padR(running ? "running" : "stopped", 10)} ${padR(memMb(g), 10)} ${padL(disk.toFixed(2), 12)} ${padR(running ? 1000 + g.vmid : 0, 10)}\n`;
        }
        io.out(out);
      } else {
        let out = `${padR("VMID", 10)} ${padR("Status", 10)} ${padR("Lock", 12)} ${padR("Name", 20)}\n`;
        for (const g of mine) {
          const conf = readGuestConf(g);
          const running = sim.running[String(g.vmid)] !== undefined;
          out += `${padR(g.vmid, 10)} ${padR(running ? "running" : "stopped", 10)} ${padR(locks(g), 12)} ${padR(confGet(conf, "hostname") ?? "", 20)}\n`;
        }
        io.out(out);
      }
      return 0;
    }
    case "config": {
      const p = parseArgs(S.config, rest);
      const g = localGuest(cmd, vmidArg(S.config, p.pos.vmid));
      const conf = readGuestConf(g);
      const entries = [...conf.entries].filter(([k]) => k !== "digest").sort(([a], [b]) => a.localeCompare(b));
      io.out(entries.map(([k, v]) => `${k}: ${v}\n`).join(""));
      return 0;
    }
    case "status": {
      const p = parseArgs(S.status, rest);
      const g = localGuest(cmd, vmidArg(S.status, p.pos.vmid));
      io.out(`status: ${isRunning(g.vmid) ? "running" : "stopped"}\n`);
      return 0;
    }
    case "start":
    case "stop":
    case "shutdown": {
      const spec = S[sub];
      const p = parseArgs(spec, rest);
      const vmid = vmidArg(spec, p.pos.vmid);
      const g = localGuest(cmd, vmid);
      if (haManaged(kind, vmid)) {
        const state = sub === "start" ? "started" : "stopped";
        const verb = sub === "start" ? "start" : sub === "stop" ? "stop" : "shutdown";
        io.out(`Requesting HA ${verb} for ${word} ${vmid}\n`);
        writeHaResources(readHaResources().map((r) => (r.sid === sidOf(kind, vmid) ? { ...r, state } : r)));
        editSim((s) => {
          if (state === "started") s.running[String(vmid)] ??= Date.now();
          else delete s.running[String(vmid)];
        });
        return 0;
      }
      const lock = confGet(readGuestConf(g), "lock");
      if (lock && !flag(p, "skiplock")) throw new SimExit(255, `${word} is locked (${lock})`);
      editSim((s) => {
        const running = s.running[String(vmid)] !== undefined;
        if (sub === "start") {
          if (running) throw new SimExit(255, `${word} ${vmid} already running`);
          s.running[String(vmid)] = Date.now();
        } else {
          if (!running && sub === "shutdown" && kind === "qemu") throw new SimExit(255, `VM ${vmid} not running`);
          if (!running && kind === "lxc") throw new SimExit(255, `CT ${vmid} not running`);
          delete s.running[String(vmid)];
        }
      });
      return 0;
    }
    case "migrate":
      return migrate(cmd, rest, io);
    default:
      throw unknownCommand(cmd, sub);
  }
}

type TLine = { at: number; text: string };

async function migrate(cmd: "qm" | "pct", rest: string[], io: TSimIO): Promise<number> {
  const spec = specs(cmd).migrate;
  const kind = KIND[cmd];
  const word = kind === "qemu" ? "VM" : "CT";
  const p = parseArgs(spec, rest);
  const vmid = vmidArg(spec, p.pos.vmid);
  const target = p.pos.target ?? "";
  const me = localNode();
  if (target === me) throw paramError(spec, { target: "target is local node." });
  const sim = readSim();
  if (!sim.nodes.some((n) => n.name === target)) throw new SimExit(255, `no such cluster node '${target}'`);
  const g = localGuest(cmd, vmid);
  const conf = readGuestConf(g);
  const running = sim.running[String(vmid)] !== undefined;
  const online = flag(p, "online");
  if (kind === "qemu" && running && !online) throw new SimExit(255, "can't migrate running VM without --online");
  if (kind === "lxc" && running && online) throw new SimExit(255, "lxc live migration is currently not implemented");
  if (kind === "lxc" && running && !flag(p, "restart")) {
    throw new SimExit(255, "can't migrate running container without --online or --restart");
  }

  const start = Date.now();
  if (haManaged(kind, vmid)) {
    io.out(`Requesting HA migration for ${word} ${vmid} to node ${target}\n`);
    editSim((s) => {
      s.ha.transient[sidOf(kind, vmid)] = { state: "migrate", node: me };
      startMigration(s, { vmid, kind, source: me, target, online: running }, start);
    });
    return 0;
  }

  const t = (offset: number) => taskTime(start + offset * 1000);
  const ip = nodeIp(sim, target) ?? target;
  const abort = (lines: string[], reason: string): never => {
    const body = lines.map((l) => `${t(0)} ${l}\n`).join("");
    throw new SimExit(255, "migration aborted", `${body}${t(0)} ERROR: migration aborted (duration 00:00:00): ${reason}\n`);
  };
  const devices = kind === "qemu" ? localResources(conf) : [];
  if (devices.length > 0) abort([], `can't migrate VM which uses local devices: ${devices.join(", ")}`);
  if (confGet(conf, "lock")) abort([], `${word} is locked (${confGet(conf, "lock")})`);
  if (!onlineNodes(sim).has(target)) abort([], "Can't connect to destination address using public key");

  const storages = readStorage();
  const local = guestVolumes(conf).filter((v) => {
    const st = storages.find((x) => x.id === v.storage);
    return !st || !isSharedStorage(st);
  });
  const job = readReplication().find((j) => j.guest === vmid && j.target === target && j.disable !== true);
  const startLine = `starting migration of ${word} ${vmid} to node '${target}' (${ip})`;
  if (kind === "qemu" && running && local.length > 0 && !flag(p, "with-local-disks")) {
    const lines = [startLine, ...local.map((v) => `found local${job ? ", replicated" : ""} disk '${v.volid}' (attached)`)];
    lines.push(...local.map((v) => `can't migrate local disk '${v.volid}': can't live migrate attached local disks without with-local-disks option`));
    lines.push("ERROR: Problem found while scanning volumes - can't migrate VM - check log", "aborting phase 1 - cleanup resources");
    abort(lines, "Problem found while scanning volumes - can't migrate VM - check log");
  }

  const seconds = migrateSeconds();
  const log: TLine[] = [];
  const at = (fraction: number, text: string) => log.push({ at: start + Math.round(seconds * 1000 * fraction), text });
  if (kind === "lxc" && running) at(0, `shutdown CT ${vmid}`);
  at(0, startLine);
  for (const v of local) at(0, `found local${job ? ", replicated" : ""} disk '${v.volid}'${kind === "qemu" ? " (attached)" : ""}`);
  if (job) {
    if (running) for (const v of local) at(0, `${v.key}: start tracking writes using block-dirty-bitmap 'repl_${v.key}'`);
    at(0.05, "replicating disk images");
    at(0.05, "start replication job");
    at(0.05, `guest => ${word} ${vmid}, running => ${running ? 1000 + vmid : 0}`);
    at(0.05, `volumes => ${local.map((v) => v.volid).join(",")}`);
    at(0.1, "end replication job");
  } else if (local.length > 0 && !(kind === "qemu" && running)) {
    at(0.05, "copying local disk images");
    for (const v of local) at(0.3, `volume '${v.volid}' is '${v.volid}' on the target`);
  }
  const mem = memMb(g) * 1024 * 1024;
  if (kind === "qemu" && running) {
    at(0.15, `starting VM ${vmid} on remote node '${target}'`);
    at(0.2, "start remote tunnel");
    at(0.2, "ssh tunnel ver 1");
    if (local.length > 0) {
      at(0.25, "starting storage migration");
      for (const v of local) {
        at(0.25, `${v.key}: start migration to nbd:unix:/run/qemu-server/${vmid}_nbd.migrate:exportname=drive-${v.key}`);
        at(0.25, `drive mirror is starting for drive-${v.key}`);
        at(0.35, `drive-${v.key}: transferred ${renderBytes(v.sizeBytes)} of ${renderBytes(v.sizeBytes)} (100.00%) in ${Math.max(1, Math.round(seconds * 0.1))}s, ready`);
      }
      at(0.35, "all 'mirror' jobs are ready");
    }
    at(0.4, "starting online/live migration on unix:/run/qemu-server/" + vmid + ".migrate");
    at(0.4, "set migration capabilities");
    at(0.4, "migration downtime limit: 100 ms");
    at(0.4, `migration cachesize: ${renderBytes(Math.max(1, 2 ** Math.round(Math.log2(mem / 10))))}`);
    at(0.4, "set migration parameters");
    at(0.4, `start migrate command to unix:/run/qemu-server/${vmid}.migrate`);
    const steps = Math.max(1, Math.floor(seconds * 0.4));
    for (let i = 1; i <= steps; i++) {
      at(0.4 + (0.4 * i) / (steps + 1), `migration active, transferred ${renderBytes((mem * i) / (steps + 1))} of ${renderBytes(mem)} VM-state, ${renderBytes(mem / Math.max(1, seconds * 0.4))}/s`);
    }
    at(0.85, `average migration speed: ${renderBytes(mem / Math.max(1, seconds * 0.45))}/s - downtime ${40 + (vmid % 60)} ms`);
    at(0.85, `migration completed, transferred ${renderBytes(mem)} VM-state`);
    at(0.85, "migration status: completed");
    if (local.length > 0) for (const v of local) at(0.9, `${v.key}: removing block-dirty-bitmap 'repl_${v.key}'`);
  }
  if (kind === "lxc" && running) {
    at(0.9, "start container on target node");
    at(0.9, `waiting for container ${vmid} to start`);
  }

  // The task really takes `seconds`: the model knows too, so other commands see the lock
  // meanwhile, and the migration ends (moves, or aborts when an end is gone) even if this
  // process is killed.
  const upid = editSim((s) => startMigration(s, { vmid, kind, source: me, target, online: running, seconds }, start));
  const printed: string[] = [];
  for (const line of log) {
    const wait = line.at - Date.now();
    if (wait > 0) {
      await sleep(wait);
      // PVE's tunnel to the target breaks as soon as the target goes: the task fails then.
      if (!nodeReachable(readSim(), target)) return migrationFailed({ kind, vmid, source: me, target, ip, start, upid, printed }, io);
    }
    io.out(`${taskTime(line.at)} ${line.text}\n`);
    printed.push(line.text);
  }
  const end = start + seconds * 1000;
  if (end > Date.now()) await sleep(end - Date.now());
  const moved = editSim((s) => {
    const m = s.migrations.find((x) => x.upid === upid);
    return m ? endMigration(s, m) : findGuest(vmid)?.node === target;
  });
  if (!moved) return migrationFailed({ kind, vmid, source: me, target, ip, start, upid, printed }, io);
  io.out(`${taskTime(end)} migration finished successfully (duration ${duration(seconds)})\n`);
  settle();
  return 0;
}

// The task log's end when the target went away mid-way, as QemuMigrate/AbstractMigrate print
// it: after the VM was started on the target, phase 2 fails and its cleanup cannot reach the
// target to stop that VM ("migration problems"); before, phase 1 aborts ("migration aborted").
// Either way the guest stays on the source, unlocked, and qm exits 255.
function migrationFailed(
  m: { kind: TGuestKind; vmid: number; source: string; target: string; ip: string; start: number; upid: string; printed: string[] },
  io: TSimIO,
): never {
  const now = Date.now();
  const took = duration((now - m.start) / 1000);
  const phase2 = m.printed.some((l) => l.startsWith(`starting VM ${m.vmid} on remote node`));
  const exit = phase2 ? "migration problems" : "migration aborted";
  editSim((s) => {
    const inFlight = s.migrations.find((x) => x.upid === m.upid);
    if (inFlight) abortMigration(s, inFlight, exit);
  });
  const ssh = `/usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=${m.target}' root@${m.ip}`;
  const reason = "Can't connect to destination address using public key";
  const lines = phase2
    ? [
        ...(m.printed.some((l) => l.startsWith("start migrate command")) ? ["migration status error: failed"] : []),
        "ERROR: online migrate failure - aborting",
        "aborting phase 2 - cleanup resources",
        "migrate_cancel",
        `ERROR: command '${ssh} qm stop ${m.vmid} --skiplock --migratedfrom ${m.source}' failed: exit code 255`,
        `ERROR: migration finished with problems (duration ${took})`,
      ]
    : [`ERROR: ${reason}`, "aborting phase 1 - cleanup resources", `ERROR: migration aborted (duration ${took}): ${reason}`];
  io.out(lines.map((l) => `${taskTime(now)} ${l}\n`).join(""));
  throw new SimExit(255, exit);
}
