import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated } from "./json";
import { ZLinstorResources, type TLinstorResource, type TLinstorResources, type TLinstorVolume } from "./model";
import { lowestSyncPercent, resourceState, splitDiskState } from "./resource-state";

const FORMAT = "linstor-resources-table";

// The human `linstor resource list` table (and `linstor volume list`, one row per volume): box
// drawing on a TTY (╭─╮ ┊ ╞═╡ ╰─╯), ASCII with --no-utf8 / -p (+---+ | |===|), or mangled into "?"
// by a web page. Whatever the glyphs, the header row starts with the column separator, so cells
// are split on that character and every row of the same width is data; borders are not.
export function parseLinstorResourcesTable(input: string): TLinstorResources {
  const lines = inputLines(input).map((l) => l.trim());
  const at = lines.findIndex((l) => /^[^\w\s]/u.test(l) && /\bNode\b/.test(l) && /\bResource(Name)?\b/.test(l));
  if (at < 0) throw new ParseError(FORMAT, "no table header with ResourceName/Resource and Node columns");
  const sep = Array.from(lines[at] ?? "")[0] ?? "|";
  const header = cells(lines[at] ?? "", sep);
  const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
  const c: Columns = {
    name: col("ResourceName", "Resource"),
    node: col("Node"),
    port: col("Port"),
    usage: col("Usage", "InUse"),
    conns: col("Conns"),
    state: col("State"),
    created: col("CreatedOn"),
    volume: col("VolNr", "VolumeNr"),
    pool: col("StoragePool"),
    minor: col("MinorNr"),
    device: col("DeviceName"),
    allocated: col("Allocated"),
  };
  if (c.state < 0 || c.name < 0 || c.node < 0) {
    throw new ParseError(FORMAT, "the table needs ResourceName, Node and State columns", at + 1);
  }

  const byKey = new Map<string, { resource: TLinstorResource; cellState: string }>();
  lines.slice(at + 1).forEach((line) => {
    if (!line.startsWith(sep)) return;
    const row = cells(line, sep);
    if (row.length !== header.length || !row.some((v) => /[\p{L}\p{N}]/u.test(v))) return;
    const get = (i: number) => (i < 0 ? "" : (row[i] ?? ""));
    const name = get(c.name);
    const node = get(c.node);
    const key = `${name}\u0000${node}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { resource: emptyResource(name, node, get, c), cellState: get(c.state) };
      byKey.set(key, entry);
    }
    if (c.volume >= 0) entry.resource.volumes.push(volumeRow(get, c));
  });

  const resources = [...byKey.values()].map(({ resource, cellState }) => {
    const cell = readStateCell(cellState);
    const volumes = resource.volumes;
    const state = volumes.length > 0 ? resourceState([], volumes, true) : cell.state;
    return {
      ...resource,
      state,
      diskless: cell.tieBreaker || state === "Diskless",
      tieBreaker: cell.tieBreaker,
      syncPercent: volumes.length > 0 ? lowestSyncPercent(volumes) : cell.syncPercent,
    };
  });
  return validated(FORMAT, ZLinstorResources, { resources });
}

function cells(line: string, sep: string): string[] {
  const parts = line.split(sep);
  return parts.slice(1, parts.length - 1).map((p) => p.trim());
}

type Columns = Record<
  "name" | "node" | "port" | "usage" | "conns" | "state" | "created" | "volume" | "pool" | "minor" | "device" | "allocated",
  number
>;

function emptyResource(name: string, node: string, get: (i: number) => string, c: Columns): TLinstorResource {
  return {
    name,
    node,
    state: "Unknown",
    diskless: false,
    tieBreaker: false,
    inUse: get(c.usage) === "InUse" ? true : get(c.usage) === "Unused" ? false : null,
    syncPercent: null,
    flags: [],
    port: integer(get(c.port)),
    ...connections(get(c.conns)),
    createdAt: get(c.created) || null,
    volumes: [],
  };
}

function integer(value: string): number | null {
  return /^\d+$/.test(value) ? Number(value) : null;
}

// "Ok", or the failed ones grouped by DRBD connection state: "Connecting(m10c41,m11c4),StandAlone(x)".
function connections(cell: string): Pick<TLinstorResource, "connectionsOk" | "connections"> {
  if (cell === "") return { connectionsOk: null, connections: null };
  if (cell === "Ok") return { connectionsOk: true, connections: [] };
  const failed = [...cell.matchAll(/(\w+)\(([^)]*)\)/g)].flatMap((m) =>
    (m[2] ?? "")
      .split(",")
      .map((peer) => peer.trim())
      .filter(Boolean)
      .map((peer) => ({ peer, connected: false, message: m[1] ?? null })),
  );
  return { connectionsOk: false, connections: failed };
}

// "SyncTarget(97.93%)", "Resizing, UpToDate", "UpToDate, Evacuating", "TieBreaker" (an intended
// diskless tie-breaker: Diskless), "" or "Unknown" when the satellite did not report.
function readStateCell(cell: string): { state: string; syncPercent: number | null; tieBreaker: boolean } {
  const main = cell.replace(/^Resizing, /, "").split(", ")[0]?.trim() ?? "";
  if (main === "TieBreaker") return { state: "Diskless", syncPercent: null, tieBreaker: true };
  if (main === "") return { state: "Unknown", syncPercent: null, tieBreaker: false };
  return { ...splitDiskState(main), tieBreaker: false };
}

function volumeRow(get: (i: number) => string, c: Columns): TLinstorVolume {
  const cell = readStateCell(get(c.state));
  return {
    volume: integer(get(c.volume)) ?? 0,
    storagePool: get(c.pool) || null,
    providerKind: null,
    devicePath: get(c.device) || null,
    minor: integer(get(c.minor)),
    diskState: cell.state,
    syncPercent: cell.syncPercent,
    allocatedKib: sizeKib(get(c.allocated)),
    usableKib: null,
  };
}

const KIB_POWER: Record<string, number> = { KiB: 0, MiB: 1, GiB: 2, TiB: 3, PiB: 4 };

// The client prints approximate sizes ("11.00 GiB", "1.02 MiB"): the KiB value is as rounded.
function sizeKib(cell: string): number | null {
  const m = /^(\d+(?:\.\d+)?) ([KMGTP]iB)$/.exec(cell);
  const power = m ? KIB_POWER[m[2] ?? ""] : undefined;
  return m && power !== undefined ? Math.round(Number(m[1]) * 1024 ** power) : null;
}
