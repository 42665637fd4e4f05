import { emptyStorageEntry, isSharedStorage } from "../../../../../agents/proxmox/storage-cfg";
import type { TStorageEntry } from "../../../../../agents/proxmox/model-config";
import { SimExit, type TSimIO } from "../core/main";
import { paramError, parseArgs, str, unknownCommand, type TCmdSpec } from "./args";
import { readStorage, writeStorage } from "./configs";
import { padL } from "./format";
import { localNode } from "./state";

const TYPES = ["btrfs", "cephfs", "cifs", "dir", "drbd", "esxi", "glusterfs", "iscsi", "iscsidirect", "lvm", "lvmthin", "nfs", "pbs", "rbd", "zfs", "zfspool"];
const STR_OPTS = ["path", "pool", "thinpool", "vgname", "base", "server", "export", "monhost", "username", "fs-name", "subdir", "content", "nodes", "options", "blocksize", "resourcegroup", "controller", "datastore", "fingerprint", "content-dirs", "mountpoint", "share", "domain", "portal", "target", "prune-backups"];
const BOOL_OPTS = ["shared", "disable", "krbd", "sparse", "saferemove", "is_mountpoint"];
const options = Object.fromEntries([...STR_OPTS.map((k) => [k, "string"]), ...BOOL_OPTS.map((k) => [k, "boolean"])]) as Record<string, "string" | "boolean">;

const S = {
  add: { synopsis: "pvesm add <type> <storage> [OPTIONS]", positional: ["type", "storage"], options },
  set: { synopsis: "pvesm set <storage> [OPTIONS]", positional: ["storage"], options: { ...options, delete: "string" } },
  remove: { synopsis: "pvesm remove <storage>", positional: ["storage"], options: {} },
  status: { synopsis: "pvesm status  [OPTIONS]", positional: [], options: { content: "string", enabled: "boolean", format: "boolean", storage: "string", target: "string" } },
} satisfies Record<string, TCmdSpec>;

function applyOpts(e: TStorageEntry, opt: Record<string, string | boolean | number>): TStorageEntry {
  const out = { ...e, extra: { ...e.extra } };
  for (const [k, v] of Object.entries(opt)) {
    if (k === "delete") continue;
    const list = (x: string) => x.split(/[,;\s]+/).filter(Boolean);
    switch (k) {
      case "content": out.content = list(String(v)); break;
      case "nodes": out.nodes = list(String(v)); break;
      case "fs-name": out.fsName = String(v); break;
      case "shared": case "disable": case "krbd": case "sparse": case "saferemove": out[k] = v === true; break;
      case "path": case "pool": case "thinpool": case "vgname": case "base": case "server": case "export": case "monhost":
      case "username": case "subdir": case "options": case "blocksize": case "resourcegroup": case "controller":
        out[k] = String(v); break;
      default: out.extra[k] = typeof v === "boolean" ? (v ? "1" : "0") : String(v);
    }
  }
  return out;
}

// Sizes the simulator reports: fixed per plugin so the panel sees stable numbers.
function capacity(e: TStorageEntry): { total: number; used: number } {
  const gib = 1024 ** 3;
  const total = (isSharedStorage(e) ? 1024 : e.type === "zfspool" ? 450 : 100) * gib;
  return { total, used: Math.round(total * 0.1234) };
}

export function storageStatus(e: TStorageEntry, node: string) {
  const enabled = e.disable !== true && (e.nodes === null || e.nodes.includes(node));
  return { enabled, active: enabled, ...capacity(e) };
}

export function pvesm(args: string[], io: TSimIO): number {
  const [sub, ...rest] = args;
  switch (sub) {
    case "add": {
      const p = parseArgs(S.add, rest);
      const type = p.pos.type ?? "";
      const id = p.pos.storage ?? "";
      if (!TYPES.includes(type)) throw paramError(S.add, { type: `value '${type}' does not have a value in the enumeration '${TYPES.join(", ")}'` });
      if (!/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(id)) throw paramError(S.add, { storage: "invalid format - storage ID '" + id + "' contains illegal characters" });
      const list = readStorage();
      if (list.some((e) => e.id === id)) throw new SimExit(255, `create storage failed: storage ID '${id}' already defined`);
      const need: Record<string, string[]> = { dir: ["path"], zfspool: ["pool"], lvmthin: ["thinpool", "vgname"], lvm: ["vgname"], nfs: ["server", "export"], rbd: ["pool"], cifs: ["server", "share"] };
      for (const key of need[type] ?? []) if (p.opt[key] === undefined) throw paramError(S.add, { [key]: "property is missing and it is not optional" });
      let e = applyOpts(emptyStorageEntry(type, id), p.opt);
      if (type === "dir" && e.content === null) e = { ...e, content: ["images", "rootdir"] };
      writeStorage([...list, e]);
      return 0;
    }
    case "set": {
      const p = parseArgs(S.set, rest);
      const list = readStorage();
      const i = list.findIndex((e) => e.id === p.pos.storage);
      if (i < 0) throw new SimExit(255, `update storage failed: storage '${p.pos.storage}' does not exist`);
      let e = applyOpts(list[i] as TStorageEntry, p.opt);
      for (const key of (str(p, "delete") ?? "").split(",").filter(Boolean)) {
        const k = key === "fs-name" ? "fsName" : key;
        if (k in e && k !== "extra" && k !== "type" && k !== "id") e = { ...e, [k]: null };
        else delete e.extra[key];
      }
      list[i] = e;
      writeStorage(list);
      return 0;
    }
    case "remove": {
      const p = parseArgs(S.remove, rest);
      const list = readStorage();
      if (!list.some((e) => e.id === p.pos.storage)) throw new SimExit(255, `delete storage failed: storage '${p.pos.storage}' does not exist`);
      writeStorage(list.filter((e) => e.id !== p.pos.storage));
      return 0;
    }
    case "status": {
      const p = parseArgs(S.status, rest);
      const only = str(p, "storage");
      const me = localNode();
      const list = readStorage().filter((e) => (only === null || e.id === only) && (e.nodes === null || e.nodes.includes(me)));
      if (only !== null && list.length === 0) throw new SimExit(255, `storage '${only}' does not exist`);
      const maxlen = Math.max(0, ...list.map((e) => e.id.length)) + 1;
      let out = `${"Name".padEnd(maxlen)} ${padL("Type", 10)} ${padL("Status", 10)} ${padL("Total", 15)} ${padL("Used", 15)} ${padL("Available", 15)} ${padL("%", 8)}\n`;
      for (const e of [...list].sort((a, b) => a.id.localeCompare(b.id))) {
        const st = storageStatus(e, me);
        const per = st.enabled ? ` ${((st.used * 100) / st.total).toFixed(2).padStart(6)}%` : padL("N/A", 8);
        const kib = (n: number) => padL(Math.floor(n / 1024), 15);
        out += `${e.id.padEnd(maxlen)} ${padL(e.type, 10)} ${padL(st.enabled ? "active" : "disabled", 10)} ${kib(st.enabled ? st.total : 0)} ${kib(st.enabled ? st.used : 0)} ${kib(st.enabled ? st.total - st.used : 0)} ${per}\n`;
      }
      io.out(out);
      return 0;
    }
    default:
      throw unknownCommand("pvesm", sub);
  }
}
