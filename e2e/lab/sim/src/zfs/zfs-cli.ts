import type { TSimIO } from "../core/main";
import { SimExit } from "../core/main";
import { parseSize } from "./sim-disks-cli";
import { availBytes, nicenum, parentOf, poolOf, readZfs, referBytes, usedBytes, withZfs, type TDataset, type TZfsState } from "./state";
import { formatColumns } from "./zpool-cli";

// zfs list|create|snapshot|destroy, as far as Proxmox storage replication uses them
// (snapshots named __replicate_<job>_<time>__ on zvols under rpool/data).
export function zfsMain(args: string[], io: TSimIO, now = Date.now()): number {
  const [cmd = "", ...rest] = args;
  switch (cmd) {
    case "list":
      return list(rest, io);
    case "create":
      return create(rest, now);
    case "snapshot":
    case "snap":
      return snapshot(rest, now);
    case "destroy":
      return destroy(rest);
    default:
      throw new SimExit(2, `unrecognized command '${cmd}'\nusage: zfs command args ...`);
  }
}

const DEFAULT_COLUMNS = ["name", "used", "avail", "refer", "mountpoint"];

function list(args: string[], io: TSimIO): number {
  let scripted = false;
  let parsable = false;
  let recursive = false;
  let types = ["filesystem", "volume"];
  let cols = DEFAULT_COLUMNS;
  const names: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? "";
    if (a === "-o") cols = (args[++i] ?? "").split(",");
    else if (a === "-t") {
      const t = (args[++i] ?? "").split(",");
      types = t.includes("all") ? ["filesystem", "volume", "snapshot"] : t.map((x) => (x === "snap" ? "snapshot" : x));
    } else if (/^-[Hpr]+$/.test(a)) {
      scripted ||= a.includes("H");
      parsable ||= a.includes("p");
      recursive ||= a.includes("r");
    } else if (a === "-s" || a === "-S" || a === "-d") i += 1;
    else names.push(a);
  }
  const s = readZfs();
  let sets = s.datasets;
  if (names.length > 0) {
    for (const n of names) if (!s.datasets.some((d) => d.name === n)) throw new SimExit(1, `cannot open '${n}': dataset does not exist`);
    sets = s.datasets.filter((d) => names.some((n) => d.name === n || (recursive && (d.name.startsWith(`${n}/`) || d.name.startsWith(`${n}@`)))));
    // Named snapshots are listed even without -t snapshot.
    sets = sets.filter((d) => types.includes(d.type) || names.includes(d.name));
  } else sets = sets.filter((d) => types.includes(d.type));
  sets = [...sets].sort((a, b) => a.name.localeCompare(b.name));
  if (sets.length === 0) {
    io.out("no datasets available\n");
    return 0;
  }
  const rows = sets.map((d) => cols.map((c) => value(s, d, c, parsable)));
  io.out(formatColumns(cols.map((c) => c.toUpperCase()), rows, scripted, (h) => ["USED", "AVAIL", "REFER", "VOLSIZE", "CREATION"].includes(h) && !parsable));
  return 0;
}

function value(s: TZfsState, d: TDataset, col: string, parsable: boolean): string {
  const n = (v: number) => (parsable ? String(v) : nicenum(v));
  const pool = s.pools.find((p) => p.name === poolOf(d.name));
  switch (col) {
    case "name":
      return d.name;
    case "used":
      return n(usedBytes(s, d));
    case "avail":
    case "available":
      return d.type === "snapshot" || !pool ? "-" : n(availBytes(s, pool));
    case "refer":
    case "referenced":
      return n(referBytes(d));
    case "mountpoint":
      return d.type === "filesystem" ? `/${d.name}` : "-";
    case "type":
      return d.type;
    case "volsize":
      return d.volsize === null ? "-" : n(d.volsize);
    case "creation":
      return parsable ? String(d.createdAt) : new Date(d.createdAt * 1000).toString().slice(0, 24).replace(/ (\d{2}:\d{2}):\d{2}/, " $1");
    default:
      return "-";
  }
}

function create(args: string[], now: number): number {
  let volsize: number | null = null;
  let sparse = false;
  const names: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? "";
    if (a === "-V") {
      const size = parseSize(args[++i] ?? "");
      if (size === null) throw new SimExit(2, `bad volume size '${args[i] ?? ""}'`);
      volsize = size;
    } else if (a === "-s") sparse = true;
    else if (a === "-o" || a === "-b") i += 1;
    else if (a === "-p") continue;
    else names.push(a);
  }
  const name = names[0] ?? "";
  return withZfs((s) => {
    const pool = poolOf(name);
    if (!s.pools.some((p) => p.name === pool)) throw new SimExit(1, `cannot create '${name}': no such pool '${pool}'`);
    if (s.datasets.some((d) => d.name === name)) throw new SimExit(1, `cannot create '${name}': dataset already exists`);
    const parent = parentOf(name);
    if (parent && !s.datasets.some((d) => d.name === parent)) throw new SimExit(1, `cannot create '${name}': parent does not exist`);
    if (volsize !== null && !sparse) {
      const p = s.pools.find((x) => x.name === pool);
      if (p && volsize > availBytes(s, p)) throw new SimExit(1, `cannot create '${name}': out of space`);
    }
    s.datasets.push({ name, type: volsize === null ? "filesystem" : "volume", volsize, sparse, createdAt: Math.floor(now / 1000) });
    return 0;
  });
}

function snapshot(args: string[], now: number): number {
  const recursive = args.includes("-r");
  const names = args.filter((a) => !a.startsWith("-"));
  return withZfs((s) => {
    for (const full of names) {
      const [ds = "", snap = ""] = full.split("@");
      if (!snap) throw new SimExit(1, `cannot create snapshot '${full}': missing '@' delimiter in snapshot name`);
      if (!s.datasets.some((d) => d.name === ds)) throw new SimExit(1, `cannot open '${ds}': dataset does not exist\nusage:\n\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ...`);
      const targets = s.datasets.filter((d) => d.type !== "snapshot" && (d.name === ds || (recursive && d.name.startsWith(`${ds}/`))));
      for (const t of targets) {
        const sn = `${t.name}@${snap}`;
        if (s.datasets.some((d) => d.name === sn)) throw new SimExit(1, `cannot create snapshot '${sn}': dataset already exists`);
        s.datasets.push({ name: sn, type: "snapshot", volsize: t.volsize, sparse: false, createdAt: Math.floor(now / 1000) });
      }
    }
    return 0;
  });
}

function destroy(args: string[]): number {
  const recursive = args.some((a) => /^-[a-zA-Z]*r/.test(a) || a === "-R");
  const name = args.filter((a) => !a.startsWith("-"))[0] ?? "";
  return withZfs((s) => {
    const d = s.datasets.find((x) => x.name === name);
    if (!d) {
      if (name.includes("@")) throw new SimExit(1, `could not find any snapshots to destroy; check snapshot names.`);
      throw new SimExit(1, `cannot open '${name}': dataset does not exist`);
    }
    if (!name.includes("/") && !name.includes("@")) throw new SimExit(1, `cannot destroy '${name}': operation does not apply to pools\nuse 'zfs destroy -r ${name}' to destroy all datasets in the pool\nuse 'zpool destroy ${name}' to destroy the pool itself`);
    const children = s.datasets.filter((x) => x.name.startsWith(`${name}/`) || x.name.startsWith(`${name}@`));
    if (children.length > 0 && !recursive) {
      const kind = d.type === "volume" ? "volume" : "filesystem";
      throw new SimExit(1, `cannot destroy '${name}': ${kind} has children\nuse '-r' to destroy the following datasets:\n${children.map((c) => c.name).join("\n")}`);
    }
    s.datasets = s.datasets.filter((x) => x !== d && !children.includes(x));
    return 0;
  });
}
