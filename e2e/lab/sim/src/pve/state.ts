import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { hostName, readJson, sharedDir, sharedSimDir, withLock, writeFileAtomic, writeJson } from "../core/state";

// Everything PVE keeps in pmxcfs lives in sharedDir() in its real syntax (corosync.conf,
// storage.cfg, ha/*.cfg, replication.cfg, nodes/<node>/{qemu-server,lxc}/<vmid>.conf). What only
// the running daemons know (who is up, guest run state, HA and replication state, migrations in
// flight) is this simulator's model in .sim/pve.json.

const ZNode = z.object({ name: z.string(), nodeid: z.number().int(), addrs: z.array(z.string()), votes: z.number().int() });
export type TPveNode = z.infer<typeof ZNode>;

const ZMigration = z.object({
  vmid: z.number().int(),
  kind: z.enum(["qemu", "lxc"]),
  source: z.string(),
  target: z.string(),
  startedAt: z.number(),
  seconds: z.number(),
  online: z.boolean(),
  upid: z.string(),
});
export type TMigration = z.infer<typeof ZMigration>;

const ZReplState = z.object({
  lastSync: z.number().nullable().default(null),
  lastTry: z.number().nullable().default(null),
  duration: z.number().nullable().default(null),
  failCount: z.number().int().default(0),
  error: z.string().nullable().default(null),
  // sim-pve replication-fail: the next runs fail with this text until cleared.
  forcedError: z.string().nullable().default(null),
  syncingUntil: z.number().nullable().default(null),
});
export type TReplState = z.infer<typeof ZReplState>;

export const ZPveSim = z.object({
  cluster: z
    .object({
      name: z.string(),
      configVersion: z.number().int(),
      qdevice: z.object({ host: z.string(), algorithm: z.string(), votes: z.number().int() }).nullable().default(null),
      expectedOverride: z.number().int().nullable().default(null),
      ringSeq: z.number().int().default(1),
    })
    .nullable()
    .default(null),
  nodes: z.array(ZNode).default([]),
  down: z.array(z.string()).default([]),
  running: z.record(z.string(), z.number()).default({}), // vmid -> start time (ms)
  migrations: z.array(ZMigration).default([]),
  repl: z.record(z.string(), ZReplState).default({}),
  ha: z
    .object({
      maintenance: z.array(z.string()).default([]),
      downSince: z.record(z.string(), z.number()).default({}),
      // sid -> state shown while the CRM works on it (fence, recovery, migrate, ...)
      transient: z.record(z.string(), z.object({ state: z.string(), node: z.string() })).default({}),
      // sid -> node it left for maintenance; it returns there when maintenance ends.
      maintOrigin: z.record(z.string(), z.string()).default({}),
    })
    .default({ maintenance: [], downSince: {}, transient: {}, maintOrigin: {} }),
  replCreated: z.record(z.string(), z.number()).default({}),
  // upid -> exit status of a task that failed (a task no longer in flight and not here ended OK).
  taskErrors: z.record(z.string(), z.string()).default({}),
});
export type TPveSim = z.infer<typeof ZPveSim>;

export const pvePath = (...parts: string[]) => path.join(sharedDir(), ...parts);
const simFile = () => path.join(sharedSimDir(), "pve.json");

export function readSim(): TPveSim {
  return ZPveSim.parse(readJson<unknown>(simFile(), {}));
}

// Read-modify-write of the model under the cluster-wide lock (several hosts share the file).
export function editSim<T>(fn: (s: TPveSim) => T): T {
  return withLock("pve", () => {
    const s = readSim();
    const result = fn(s);
    writeJson(simFile(), s);
    return result;
  });
}

export const localNode = () => hostName();

export function readText(rel: string): string | null {
  const file = pvePath(rel);
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
export function writeText(rel: string, text: string): void {
  writeFileAtomic(pvePath(rel), text);
}
export function removeFile(rel: string): void {
  rmSync(pvePath(rel), { force: true });
}

export type TGuestKind = "qemu" | "lxc";
const dirOf = (kind: TGuestKind) => (kind === "qemu" ? "qemu-server" : "lxc");
export const guestRel = (node: string, kind: TGuestKind, vmid: number) => `nodes/${node}/${dirOf(kind)}/${vmid}.conf`;

export type TGuestRef = { vmid: number; kind: TGuestKind; node: string };

// Every guest config in the cluster, found where pmxcfs keeps it.
export function listGuests(): TGuestRef[] {
  const root = pvePath("nodes");
  if (!existsSync(root)) return [];
  const out: TGuestRef[] = [];
  for (const node of readdirSync(root)) {
    for (const kind of ["qemu", "lxc"] as const) {
      const dir = path.join(root, node, dirOf(kind));
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir)) {
        const m = /^(\d+)\.conf$/.exec(f);
        if (m) out.push({ vmid: Number(m[1]), kind, node });
      }
    }
  }
  return out.sort((a, b) => a.vmid - b.vmid);
}

export function findGuest(vmid: number): TGuestRef | null {
  return listGuests().find((g) => g.vmid === vmid) ?? null;
}

export function moveGuest(g: TGuestRef, target: string): void {
  const to = pvePath(guestRel(target, g.kind, g.vmid));
  mkdirSync(path.dirname(to), { recursive: true });
  renameSync(pvePath(guestRel(g.node, g.kind, g.vmid)), to);
}

// Guest config: `key: value` lines; snapshots ([name] sections) are kept but not modelled.
export type TGuestConf = { entries: [string, string][]; rest: string };

export function parseGuestConf(text: string): TGuestConf {
  const entries: [string, string][] = [];
  const lines = text.split("\n");
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\[/.test(line)) break;
    const m = /^([a-z][a-z0-9_-]*):\s?(.*)$/.exec(line);
    if (m) entries.push([m[1] as string, m[2] as string]);
  }
  return { entries, rest: lines.slice(i).join("\n") };
}

export function renderGuestConf(conf: TGuestConf): string {
  const body = conf.entries.map(([k, v]) => `${k}: ${v}\n`).join("");
  return conf.rest.trim() === "" ? body : `${body}\n${conf.rest}`;
}

export function confGet(conf: TGuestConf, key: string): string | null {
  return conf.entries.find(([k]) => k === key)?.[1] ?? null;
}
export function confSet(conf: TGuestConf, key: string, value: string | null): void {
  const i = conf.entries.findIndex(([k]) => k === key);
  if (value === null) {
    if (i >= 0) conf.entries.splice(i, 1);
  } else if (i >= 0) conf.entries[i] = [key, value];
  else conf.entries.push([key, value]);
}

export function readGuestConf(g: TGuestRef): TGuestConf {
  return parseGuestConf(readText(guestRel(g.node, g.kind, g.vmid)) ?? "");
}
export function writeGuestConf(g: TGuestRef, conf: TGuestConf): void {
  writeText(guestRel(g.node, g.kind, g.vmid), renderGuestConf(conf));
}

const DISK_KEY = /^(scsi|sata|ide|virtio|efidisk|tpmstate)\d+$|^(rootfs|mp\d+)$/;

// Volumes a guest uses: `local-zfs:vm-100-disk-0,size=32G` -> local-zfs:vm-100-disk-0.
export function guestVolumes(conf: TGuestConf): { key: string; volid: string; storage: string; sizeBytes: number }[] {
  const out: { key: string; volid: string; storage: string; sizeBytes: number }[] = [];
  for (const [key, value] of conf.entries) {
    if (!DISK_KEY.test(key) || /media=cdrom/.test(value)) continue;
    const volid = value.split(",")[0] ?? "";
    const storage = volid.split(":")[0] ?? "";
    if (!volid.includes(":")) continue;
    const size = /(?:^|,)size=(\d+(?:\.\d+)?)([KMGT]?)/.exec(value);
    const mult: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };
    out.push({ key, volid, storage, sizeBytes: size ? Number(size[1]) * (mult[size[2] ?? ""] ?? 1) : 0 });
  }
  return out;
}

// PVE::QemuServer::check_local_resources: host USB (not spice), PCI passthrough, serial and
// parallel ports backed by a host device. `serial0: socket` is virtual and migrates.
export function localResources(conf: TGuestConf): string[] {
  const out: string[] = [];
  for (const [key, value] of conf.entries) {
    if (/^usb\d+$/.test(key) && !/(^|,)host=spice/.test(value) && !/^spice/.test(value)) out.push(key);
    else if (/^hostpci\d+$/.test(key)) out.push(key);
    else if (/^(serial|parallel)\d+$/.test(key) && value.startsWith("/dev/")) out.push(key);
  }
  return out;
}

export const nowMs = () => Date.now();
