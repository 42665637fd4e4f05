import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import type { TSimIO } from "../core/main";
import { SimExit } from "../core/main";
import { hostName, sharedDir, withLock, writeFileAtomic } from "../core/state";
import { findDisk, withDisks } from "../zfs/disks";
import { statusText } from "./render";
import { realCephReachable, runRealCeph } from "./real";
import { installedVersion, markInstalled, readCeph, withCeph, type TCephState } from "./state";

// pveceph (PVE 8, Ceph Reef). A failed pveceph command dies with its message and exit 255 (the
// CLI handler's exit(-1)). Wording from pve-manager PVE/CLI/pveceph.pm, PVE/API2/Ceph/*.pm and
// PVE/Ceph/Tools.pm.
const DIE = 255;
const confPath = () => path.join(sharedDir(), "ceph.conf");

export function pvecephMain(args: string[], io: TSimIO, now = Date.now()): number {
  const [cmd = "", sub = "", ...rest] = args;
  const all = [sub, ...rest];
  switch (cmd) {
    case "install":
      return install(all, io);
    case "init":
      return init(all, now);
    case "mon":
    case "createmon":
      return cmd === "mon" && sub !== "create" ? usage() : monCreate(io, now);
    case "mgr":
    case "createmgr":
      return cmd === "mgr" && sub !== "create" ? usage() : mgrCreate(io, now);
    case "osd":
      return sub === "create" ? osdCreate(rest, io, now) : usage();
    case "createosd":
      return osdCreate(all, io, now);
    case "pool":
      if (sub === "create") return poolCreate(rest, io);
      if (sub === "ls" || sub === "list") return poolLs(rest, io);
      return usage();
    case "lspools":
      return poolLs(all, io);
    case "status":
      return status(io, now);
    default:
      return usage();
  }
}

function usage(): never {
  throw new SimExit(DIE, "ERROR: unknown command 'pveceph'\nUSAGE: pveceph <COMMAND> [ARGS] [OPTIONS]");
}

function option(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === `--${name}` || a === `-${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i] ?? "";
  if (a.includes("=")) return a.slice(a.indexOf("=") + 1);
  const next = args[i + 1];
  return next !== undefined && !next.startsWith("-") ? next : "1";
}

function checkInstalled(): void {
  if (!installedVersion()) throw new SimExit(DIE, "binary not installed: /usr/bin/ceph-mon");
}

function checkInited(): void {
  checkInstalled();
  if (!existsSync(confPath())) throw new SimExit(DIE, "pveceph configuration not initialized");
}

function install(args: string[], io: TSimIO): number {
  const version = option(args, "version") ?? "reef";
  const repo = option(args, "repository") ?? "enterprise";
  io.out(
    `This will install Ceph ${version[0]?.toUpperCase()}${version.slice(1)} - continue (y/N)? y\n` +
      `update available package list\n` +
      `start installation\n` +
      `\ninstalled ceph ${version} successfully!\n` +
      `\nreloading API to load new Ceph RADOS library...\n`,
  );
  markInstalled(`${version}:${repo}`);
  return 0;
}

// The real file: tab-and-space indented keys, sorted, sections separated by blank lines.
function renderConf(s: TCephState): string {
  const global: Record<string, string> = {
    auth_client_required: "cephx",
    auth_cluster_required: "cephx",
    auth_service_required: "cephx",
    cluster_network: s.network ?? "",
    fsid: s.fsid ?? "",
    mon_allow_pool_delete: "true",
    osd_pool_default_min_size: "2",
    osd_pool_default_size: "3",
    public_network: s.network ?? "",
  };
  if (s.mons.length > 0) global.mon_host = s.mons.map((m) => m.addr).join(" ");
  const section = (name: string, kv: Record<string, string>) =>
    `[${name}]\n${Object.keys(kv)
      .sort()
      .map((k) => `\t ${k} = ${kv[k]}\n`)
      .join("")}`;
  const parts = [
    section("global", global),
    section("client", { keyring: "/etc/pve/priv/$cluster.$name.keyring" }),
    section("client.crash", { keyring: "/etc/pve/ceph/$cluster.$name.keyring" }),
    ...s.mons.map((m) => section(`mon.${m.host}`, { public_addr: m.addr })),
  ];
  return parts.join("\n");
}

function writeConf(s: TCephState): void {
  withLock("ceph-conf", () => writeFileAtomic(confPath(), renderConf(s)));
}

function init(args: string[], now: number): number {
  checkInstalled();
  const network = option(args, "network");
  if (network !== undefined && !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(network)) {
    throw new SimExit(DIE, `400 Parameter verification failed.\nnetwork: value does not look like a valid CIDR network\n`);
  }
  if (existsSync(confPath())) return 0; // pveceph init keeps an existing configuration
  withCeph((s) => {
    s.fsid = randomUUID();
    s.network = network ?? null;
    s.createdAt = now;
    writeConf(s);
  });
  return 0;
}

// The monitor listens on this host's address inside the public network.
function hostAddress(network: string | null): string {
  const [base = "", bits = "32"] = (network ?? "").split("/");
  const toInt = (ip: string) => ip.split(".").reduce((a, o) => a * 256 + Number(o), 0) >>> 0;
  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  const inNet = (ip: string) => network !== null && (toInt(ip) & mask) >>> 0 === (toInt(base) & mask) >>> 0;
  const addrs = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a?.family === "IPv4" && !a.internal)
    .map((a) => a?.address ?? "");
  return process.env.SIM_CEPH_ADDR ?? addrs.find(inNet) ?? addrs[0] ?? "127.0.0.1";
}

function monCreate(io: TSimIO, now: number): number {
  checkInited();
  const host = hostName();
  return withCeph((s) => {
    if (s.mons.some((m) => m.host === host)) throw new SimExit(DIE, `monitor '${host}' already exists`);
    const addr = hostAddress(s.network);
    const first = s.mons.length === 0;
    s.mons.push({ host, addr, createdAt: now });
    writeConf(s);
    io.out(
      (first ? `creating new monitor keyring\ncreating /etc/pve/priv/ceph.mon.keyring\nimporting contents of /etc/pve/priv/ceph.client.admin.keyring into /etc/pve/priv/ceph.mon.keyring\n` : "") +
        `monmaptool: monmap file /tmp/monmap\n` +
        (first ? `created the first monitor, assume it's safe to disable insecure global ID reclaim for new setup\n` : "") +
        `creating directory '/var/lib/ceph/mon/ceph-${host}'\n` +
        `importing contents of /etc/pve/priv/ceph.mon.keyring into /var/lib/ceph/mon/ceph-${host}/keyring\n` +
        `setting owner for directory\n` +
        `enabling service 'ceph-mon@${host}.service'\n` +
        `starting service 'ceph-mon@${host}.service'\n`,
    );
    return 0;
  });
}

function mgrCreate(io: TSimIO, now: number): number {
  checkInited();
  const host = hostName();
  return withCeph((s) => {
    if (s.mgrs.some((m) => m.host === host)) throw new SimExit(DIE, `ceph manager directory '/var/lib/ceph/mgr/ceph-${host}' already exists`);
    s.mgrs.push({ host, createdAt: now });
    io.out(
      `creating manager directory '/var/lib/ceph/mgr/ceph-${host}'\n` +
        `creating keys for 'mgr.${host}'\n` +
        `setting owner for directory\n` +
        `enabling service 'ceph-mgr@${host}.service'\n` +
        `starting service 'ceph-mgr@${host}.service'\n`,
    );
    return 0;
  });
}

function osdCreate(args: string[], io: TSimIO, now: number): number {
  checkInited();
  const dev = args.find((a) => !a.startsWith("-")) ?? "";
  const host = hostName();
  if (readCeph().mons.length === 0) throw new SimExit(DIE, "rados_connect failed - No such file or directory");
  return withDisks((disks) => {
    const disk = findDisk(disks, dev);
    if (!disk) throw new SimExit(DIE, `unable to get device info for '${dev}'`);
    // PVE refuses any disk with a filesystem, partitions or a holder (LVM, ZFS, mounted).
    if (disk.usedBy || disk.fstype || disk.mountpoint || disk.partitions.length > 0) {
      throw new SimExit(DIE, `device '${dev}' is already in use`);
    }
    return withCeph((s) => {
      let id = 0;
      while (s.osds.some((o) => o.id === id)) id += 1;
      s.osds.push({ id, host, device: `/dev/${disk.name}`, sizeBytes: disk.sizeBytes, deviceClass: disk.rotational ? "hdd" : "ssd", createdAt: now });
      disk.fstype = "LVM2_member";
      disk.usedBy = `ceph:osd.${id}`;
      const vg = `ceph-${randomUUID()}`;
      io.out(
        `create OSD on /dev/${disk.name} (bluestore)\n` +
          `wiping block device /dev/${disk.name}\n` +
          `200+0 records in\n200+0 records out\n209715200 bytes (210 MB, 200 MiB) copied, 0.5 s, 419 MB/s\n` +
          `Running command: /bin/ceph-authtool --gen-print-key\n` +
          `Running command: /sbin/vgcreate --force --yes ${vg} /dev/${disk.name}\n` +
          ` stdout: Physical volume "/dev/${disk.name}" successfully created.\n` +
          ` stdout: Volume group "${vg}" successfully created\n` +
          `--> ceph-volume lvm activate successful for osd ID: ${id}\n` +
          `--> ceph-volume lvm create successful for: /dev/${disk.name}\n`,
      );
      return 0;
    });
  });
}

function poolCreate(args: string[], io: TSimIO): number {
  checkInited();
  const name = args.find((a, i) => !a.startsWith("-") && !(args[i - 1] ?? "").startsWith("--")) ?? "";
  if (!/^[^:/\s]+$/.test(name)) throw new SimExit(DIE, "400 Parameter verification failed.\nname: value does not match the regex pattern\n");
  const settings: Record<string, string> = {
    size: option(args, "size") ?? "3",
    application: option(args, "application") ?? "rbd",
    min_size: option(args, "min_size") ?? "2",
    pg_autoscale_mode: option(args, "pg_autoscale_mode") ?? "warn",
    pg_num: option(args, "pg_num") ?? "128",
  };
  const size = Number(settings.size);
  if (!Number.isInteger(size) || size < 1 || size > 7) throw new SimExit(DIE, `400 Parameter verification failed.\nsize: value must have a maximum value of 7\n`);
  const log = Object.entries(settings)
    .map(([k, v]) => `pool ${name}: applying ${k} = ${v}\n`)
    .join("");
  if (realCephReachable()) {
    const steps = [["osd", "pool", "create", name, settings.pg_num ?? "128"], ...Object.entries(settings).filter(([k]) => k !== "application").map(([k, v]) => ["osd", "pool", "set", name, k, v]), ["osd", "pool", "application", "enable", name, settings.application ?? "rbd"]];
    for (const step of steps) {
      const r = runRealCeph(step);
      if (r.status !== 0) throw new SimExit(DIE, r.stderr.trim() || `ceph ${step.join(" ")} failed`);
    }
  } else {
    withCeph((s) => {
      const existing = s.pools.find((p) => p.name === name);
      const pool = existing ?? { id: Math.max(0, ...s.pools.map((p) => p.id)) + 1, name, size, minSize: 2, pgNum: 128, autoscale: "warn", application: null };
      pool.size = size;
      pool.minSize = Number(settings.min_size);
      pool.pgNum = Number(settings.pg_num);
      pool.autoscale = settings.pg_autoscale_mode ?? "warn";
      pool.application = settings.application ?? "rbd";
      if (!existing) s.pools.push(pool);
    });
  }
  io.out(log);
  if (option(args, "add_storages") === "1" || option(args, "add_storages") === "true") addStorage(name);
  return 0;
}

// --add_storages: an RBD storage named after the pool in /etc/pve/storage.cfg.
function addStorage(pool: string): void {
  const file = path.join(sharedDir(), "storage.cfg");
  withLock("storage-cfg", () => {
    const current = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (new RegExp(`^\\w+: ${pool}$`, "m").test(current)) throw new SimExit(DIE, `create storage failed: storage ID '${pool}' already defined`);
    const entry = `rbd: ${pool}\n\tcontent rootdir,images\n\tkrbd 0\n\tpool ${pool}\n`;
    writeFileAtomic(file, current === "" ? entry : `${current.replace(/\n*$/, "\n")}\n${entry}`);
  });
}

type TPoolRow = { pool_name: string; size: number; min_size: number; pg_num: number; pg_num_min?: number; pg_num_final?: number; pg_autoscale_mode?: string; target_size?: number; target_size_ratio?: number; crush_rule_name?: string; percent_used?: number; bytes_used?: number };

function poolRows(): TPoolRow[] {
  if (realCephReachable()) {
    const r = runRealCeph(["osd", "pool", "ls", "detail", "-f", "json"]);
    if (r.status !== 0) throw new SimExit(DIE, r.stderr.trim());
    const list = JSON.parse(r.stdout) as Array<{ pool_name: string; size: number; min_size: number; pg_num: number; pg_autoscale_mode?: string }>;
    return list.map((p) => ({ pool_name: p.pool_name, size: p.size, min_size: p.min_size, pg_num: p.pg_num, pg_num_final: p.pg_num, pg_autoscale_mode: p.pg_autoscale_mode, crush_rule_name: "replicated_rule", percent_used: 0, bytes_used: 0 }));
  }
  return readCeph().pools.map((p) => ({ pool_name: p.name, size: p.size, min_size: p.minSize, pg_num: p.pgNum, pg_num_final: p.pgNum, pg_autoscale_mode: p.autoscale, crush_rule_name: "replicated_rule", percent_used: 0, bytes_used: 0 }));
}

const POOL_COLUMNS: Array<[keyof TPoolRow, string]> = [
  ["pool_name", "Name"],
  ["size", "Size"],
  ["min_size", "Min Size"],
  ["pg_num", "PG Num"],
  ["pg_num_min", "min. PG Num"],
  ["pg_num_final", "Optimal PG Num"],
  ["pg_autoscale_mode", "PG Autoscale Mode"],
  ["target_size", "PG Autoscale Target Size"],
  ["target_size_ratio", "PG Autoscale Target Ratio"],
  ["crush_rule_name", "Crush Rule Name"],
  ["percent_used", "%-Used"],
  ["bytes_used", "Used"],
];

function poolLs(args: string[], io: TSimIO): number {
  checkInited();
  const rows = poolRows().sort((a, b) => a.pool_name.localeCompare(b.pool_name));
  const format = option(args, "output-format") ?? "text";
  if (format.startsWith("json")) {
    io.out(`${JSON.stringify(rows, null, format === "json-pretty" ? 4 : undefined)}\n`);
    return 0;
  }
  io.out(pveTable(POOL_COLUMNS.map(([, t]) => t), rows.map((r) => POOL_COLUMNS.map(([k]) => cell(k, r[k])))));
  return 0;
}

function cell(key: keyof TPoolRow, v: string | number | undefined): { text: string; right: boolean } {
  if (v === undefined) return { text: "", right: false };
  if (key === "bytes_used" && typeof v === "number") return { text: renderBytes(v), right: true };
  return { text: String(v), right: typeof v === "number" };
}

// PVE::CLIFormatter::render_bytes: "0 B", "1.39 MiB".
function renderBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(2)} ${units[i]}`;
}

// PVE::CLIFormatter::print_text_table with a UTF-8 border: ┌─┬─┐, │, ╞═╪═╡ under the header,
// ├─┼─┤ between rows, └─┴─┘; numbers right-aligned.
function pveTable(titles: string[], rows: Array<Array<{ text: string; right: boolean }>>): string {
  const widths = titles.map((t, i) => Math.max(t.length, ...rows.map((r) => r[i]?.text.length ?? 0)));
  const rule = (l: string, m: string, r: string, h: string) => `${l}${widths.map((w) => h.repeat(w + 2)).join(m)}${r}\n`;
  const line = (cells: Array<{ text: string; right: boolean }>) =>
    `│${cells.map((c, i) => ` ${c.right ? c.text.padStart(widths[i] ?? 0) : c.text.padEnd(widths[i] ?? 0)} `).join("│")}│\n`;
  const body = rows.map(line).join(rule("├", "┼", "┤", "─"));
  return (
    rule("┌", "┬", "┐", "─") +
    line(titles.map((t) => ({ text: t, right: false }))) +
    rule("╞", "╪", "╡", "═") +
    body +
    rule("└", "┴", "┘", "─")
  );
}

function status(io: TSimIO, now: number): number {
  checkInited();
  if (realCephReachable()) {
    const r = runRealCeph(["-s"]);
    io.out(r.stdout);
    io.err(r.stderr);
    return r.status === 0 ? 0 : DIE;
  }
  const s = readCeph();
  if (s.mons.length === 0) throw new SimExit(DIE, "command 'ceph -s' failed: got timeout");
  io.out(statusText(s, now));
  return 0;
}
