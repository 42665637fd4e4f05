import { ParseError } from "../common/parse-error";
import {
  ZDrbdResFile,
  type TDrbdResAddress,
  type TDrbdResFile,
  type TDrbdResHost,
  type TDrbdResourceConfig,
  type TDrbdResVolume,
  type TDrbdResVolumeOverride,
} from "./res-model";
import { RES_FORMAT, parseConfTree, type ConfStatement } from "./res-syntax";

// Reads .res files in DRBD 8.4 syntax (device/disk/meta-disk inside `on` sections) and in DRBD 9
// syntax (volumes at resource level, node-id, connection-mesh). Syntax errors and values the
// model cannot hold are ParseErrors with a line; what is well-formed but wrong (duplicate
// node-ids, missing address, ...) parses and is left to validateDrbdResource and drbdadm.

type VolumeFields = Omit<TDrbdResVolumeOverride, "volume">;

interface HostDraft {
  host: TDrbdResHost;
  volumes: Map<number, VolumeFields>;
  line: number;
}

const FILE_LEVEL_SECTIONS = new Set(["global", "common", "skip"]);
const UNSUPPORTED = new Set(["connection", "floating", "stacked-on-top-of"]);
const FAMILIES = new Set(["ipv4", "ipv6", "ssocks", "sdp", "sci"]);
const SIZE = /^\d+[kKmMgGsS]?$/;

export function parseDrbdRes(input: string): TDrbdResFile {
  const tree = parseConfTree(input);
  const resources: TDrbdResourceConfig[] = [];
  for (const st of tree) {
    const keyword = word(st, 0);
    if (keyword === "include" && st.block === null) continue;
    if (FILE_LEVEL_SECTIONS.has(keyword) && st.block !== null) continue;
    if (keyword !== "resource" || st.block === null) {
      throw new ParseError(RES_FORMAT, `expected 'resource NAME {', got '${keyword}'`, st.line);
    }
    if (st.words.length !== 2) throw new ParseError(RES_FORMAT, "expected exactly one resource name", st.line);
    resources.push(resourceOf(word(st, 1), st.block, st.line));
  }
  if (resources.length === 0) throw new ParseError(RES_FORMAT, "no resource section", null);
  const names = new Set<string>();
  for (const r of resources) {
    if (names.has(r.name)) throw new ParseError(RES_FORMAT, `resource '${r.name}' defined twice`, null);
    names.add(r.name);
  }
  const checked = ZDrbdResFile.safeParse({ resources });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ParseError(RES_FORMAT, `invalid value at ${issue?.path.join(".")}: ${issue?.message}`, null);
  }
  return checked.data;
}

function word(st: ConfStatement, i: number): string {
  return st.words[i]?.value ?? "";
}

function values(st: ConfStatement): string[] {
  return st.words.slice(1).map((w) => w.value);
}

// `key;` alone is the old flag spelling of `key yes;`.
function valueOf(st: ConfStatement): string {
  return st.words.length === 1 ? "yes" : values(st).join(" ");
}

function fail(st: ConfStatement, message: string): never {
  throw new ParseError(RES_FORMAT, message, st.line);
}

function resourceOf(name: string, block: ConfStatement[], line: number): TDrbdResourceConfig {
  const r: TDrbdResourceConfig = {
    name,
    protocol: null,
    fencing: null,
    net: {
      cramHmacAlg: null,
      sharedSecret: null,
      allowTwoPrimaries: null,
      afterSb0pri: null,
      afterSb1pri: null,
      afterSb2pri: null,
      extra: {},
    },
    disk: { resyncRate: null, cPlanAhead: null, cFillTarget: null, cMaxRate: null, cMinRate: null, extra: {} },
    options: { autoPromote: null, quorum: null, onNoQuorum: null, extra: {} },
    startup: {},
    handlers: {},
    volumes: [],
    hosts: [],
    connectionMesh: null,
  };
  const shared = new Map<number, VolumeFields>();
  const hosts: HostDraft[] = [];

  for (const st of block) {
    const keyword = word(st, 0);
    if (st.block === null) {
      if (keyword === "protocol") r.protocol = protocolOf(st);
      else if (!volumeStatement(st, fieldsFor(shared, 0))) fail(st, `unknown resource keyword '${keyword}'`);
      continue;
    }
    if (UNSUPPORTED.has(keyword)) fail(st, `'${keyword}' sections are not supported by the panel's model`);
    switch (keyword) {
      case "net":
        st.block.forEach((o) => netOption(r, o));
        break;
      case "disk":
        st.block.forEach((o) => diskOption(r, o));
        break;
      case "syncer":
        st.block.forEach((o) => syncerOption(r, o));
        break;
      case "options":
        st.block.forEach((o) => resourceOption(r, o));
        break;
      case "startup":
        st.block.forEach((o) => (r.startup[word(plain(o), 0)] = valueOf(o)));
        break;
      case "handlers":
        st.block.forEach((o) => (r.handlers[word(plain(o), 0)] = valueOf(o)));
        break;
      case "volume":
        volumeSection(st, shared);
        break;
      case "on":
        hosts.push(hostOf(st));
        break;
      case "connection-mesh":
        r.connectionMesh = meshOf(st);
        break;
      default:
        fail(st, `unknown section '${keyword}'`);
    }
  }

  const seen = new Set<string>();
  for (const h of hosts) {
    if (seen.has(h.host.name)) throw new ParseError(RES_FORMAT, `host '${h.host.name}' defined twice`, h.line);
    seen.add(h.host.name);
  }
  r.volumes = mergeVolumes(shared, hosts, line);
  r.hosts = hosts.map((h) => h.host);
  return r;
}

function plain(st: ConfStatement): ConfStatement {
  if (st.block !== null) fail(st, `unexpected section '${word(st, 0)}'`);
  return st;
}

function protocolOf(st: ConfStatement): "A" | "B" | "C" {
  const v = valueOf(st);
  if (v !== "A" && v !== "B" && v !== "C") fail(st, `protocol must be A, B or C, got '${v}'`);
  return v;
}

function yesNo(st: ConfStatement): boolean {
  const v = valueOf(st);
  if (v !== "yes" && v !== "no") fail(st, `${word(st, 0)} must be yes or no, got '${v}'`);
  return v === "yes";
}

function sizeOf(st: ConfStatement): string {
  const v = valueOf(st);
  if (!SIZE.test(v)) fail(st, `${word(st, 0)} must be a number with an optional unit, got '${v}'`);
  return v;
}

function integerOf(st: ConfStatement): number {
  const v = valueOf(st);
  if (!/^\d+$/.test(v)) fail(st, `${word(st, 0)} must be a whole number, got '${v}'`);
  return Number(v);
}

function fencingOf(st: ConfStatement): TDrbdResourceConfig["fencing"] {
  const v = valueOf(st);
  if (v !== "dont-care" && v !== "resource-only" && v !== "resource-and-stonith") {
    fail(st, `fencing must be dont-care, resource-only or resource-and-stonith, got '${v}'`);
  }
  return v;
}

function netOption(r: TDrbdResourceConfig, st: ConfStatement): void {
  const key = word(plain(st), 0);
  if (key === "protocol") r.protocol = protocolOf(st);
  else if (key === "fencing") r.fencing = fencingOf(st);
  else if (key === "cram-hmac-alg") r.net.cramHmacAlg = valueOf(st);
  else if (key === "shared-secret") r.net.sharedSecret = valueOf(st);
  else if (key === "allow-two-primaries") r.net.allowTwoPrimaries = yesNo(st);
  else if (key === "after-sb-0pri") r.net.afterSb0pri = valueOf(st);
  else if (key === "after-sb-1pri") r.net.afterSb1pri = valueOf(st);
  else if (key === "after-sb-2pri") r.net.afterSb2pri = valueOf(st);
  else r.net.extra[key] = valueOf(st);
}

function diskOption(r: TDrbdResourceConfig, st: ConfStatement): void {
  const key = word(plain(st), 0);
  if (key === "fencing") r.fencing = fencingOf(st);
  else if (key === "resync-rate") r.disk.resyncRate = sizeOf(st);
  else if (key === "c-plan-ahead") r.disk.cPlanAhead = integerOf(st);
  else if (key === "c-fill-target") r.disk.cFillTarget = sizeOf(st);
  else if (key === "c-max-rate") r.disk.cMaxRate = sizeOf(st);
  else if (key === "c-min-rate") r.disk.cMinRate = sizeOf(st);
  else r.disk.extra[key] = valueOf(st);
}

// 8.3's syncer section: its options moved to disk (rates, al-extents) and net (checksums) in 8.4.
function syncerOption(r: TDrbdResourceConfig, st: ConfStatement): void {
  const key = word(plain(st), 0);
  if (key === "rate") r.disk.resyncRate = sizeOf(st);
  else if (key === "verify-alg" || key === "csums-alg") r.net.extra[key] = valueOf(st);
  else diskOption(r, st);
}

function resourceOption(r: TDrbdResourceConfig, st: ConfStatement): void {
  const key = word(plain(st), 0);
  if (key === "auto-promote") r.options.autoPromote = yesNo(st);
  else if (key === "quorum") r.options.quorum = valueOf(st);
  else if (key === "on-no-quorum") {
    const v = valueOf(st);
    if (v !== "io-error" && v !== "suspend-io") fail(st, `on-no-quorum must be io-error or suspend-io, got '${v}'`);
    r.options.onNoQuorum = v;
  } else r.options.extra[key] = valueOf(st);
}

function fieldsFor(map: Map<number, VolumeFields>, volume: number): VolumeFields {
  let fields = map.get(volume);
  if (!fields) {
    fields = {};
    map.set(volume, fields);
  }
  return fields;
}

// device / disk / meta-disk, at resource, host or volume level. false: not one of them.
function volumeStatement(st: ConfStatement, fields: VolumeFields): boolean {
  const key = word(st, 0);
  const vals = values(st);
  if (key === "device") {
    Object.assign(fields, deviceOf(st, vals));
  } else if (key === "disk") {
    if (vals.length !== 1) fail(st, "disk takes one path or 'none'");
    fields.disk = vals[0] === "none" ? null : (vals[0] as string);
  } else if (key === "meta-disk") {
    if (vals.length === 0) fail(st, "meta-disk needs a value");
    fields.metaDisk = vals.join(" ");
  } else return false;
  return true;
}

function deviceOf(st: ConfStatement, vals: string[]): { device?: string; minor?: number } {
  const minorAt = vals.indexOf("minor");
  const path = minorAt === 0 ? undefined : vals[0];
  let minor: number | undefined;
  if (minorAt >= 0) {
    const m = vals[minorAt + 1] ?? "";
    if (!/^\d+$/.test(m) || vals.length !== minorAt + 2) fail(st, "expected 'device [PATH] minor N'");
    minor = Number(m);
  } else if (vals.length !== 1) fail(st, "expected 'device PATH' or 'device PATH minor N'");
  if (path !== undefined && minor === undefined) {
    const fromName = /^\/dev\/drbd(\d+)$/.exec(path);
    if (fromName) minor = Number(fromName[1]);
  }
  const out: { device?: string; minor?: number } = {};
  if (path !== undefined) out.device = path;
  else if (minor !== undefined) out.device = `/dev/drbd${minor}`;
  if (minor !== undefined) out.minor = minor;
  return out;
}

function volumeNumber(st: ConfStatement): number {
  const v = word(st, 1);
  if (!/^\d+$/.test(v) || st.words.length !== 2) fail(st, "expected 'volume N {'");
  return Number(v);
}

function volumeSection(st: ConfStatement, map: Map<number, VolumeFields>): void {
  const fields = fieldsFor(map, volumeNumber(st));
  for (const inner of st.block ?? []) {
    if (inner.block !== null || !volumeStatement(inner, fields)) {
      fail(inner, `unsupported in a volume section: '${word(inner, 0)}'`);
    }
  }
}

function hostOf(st: ConfStatement): HostDraft {
  if (st.words.length !== 2) fail(st, "expected 'on HOSTNAME {' (one host per section)");
  const host: TDrbdResHost = { name: word(st, 1), nodeId: null, address: null, volumes: [] };
  const volumes = new Map<number, VolumeFields>();
  for (const inner of st.block ?? []) {
    const key = word(inner, 0);
    if (inner.block !== null) {
      if (key !== "volume") fail(inner, `unsupported section in 'on ${host.name}': '${key}'`);
      volumeSection(inner, volumes);
    } else if (key === "node-id") {
      const v = valueOf(inner);
      if (!/^\d+$/.test(v)) fail(inner, `node-id must be a number, got '${v}'`);
      host.nodeId = Number(v);
    } else if (key === "address") {
      host.address = addressOf(inner);
    } else if (!volumeStatement(inner, fieldsFor(volumes, 0))) {
      fail(inner, `unknown keyword in 'on ${host.name}': '${key}'`);
    }
  }
  return { host, volumes, line: st.line };
}

function addressOf(st: ConfStatement): TDrbdResAddress {
  const vals = values(st);
  const family = vals.length === 2 ? (vals[0] as string) : "ipv4";
  const hostPort = vals[vals.length - 1] ?? "";
  if (vals.length < 1 || vals.length > 2 || !FAMILIES.has(family)) fail(st, "expected 'address [FAMILY] HOST:PORT'");
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(hostPort) ?? /^(.+):(\d+)$/.exec(hostPort);
  const port = Number(m?.[2]);
  if (!m || port < 1 || port > 65535) fail(st, `expected HOST:PORT, got '${hostPort}'`);
  return { family: family as TDrbdResAddress["family"], host: m[1] as string, port };
}

function meshOf(st: ConfStatement): string[] {
  const hosts: string[] = [];
  for (const inner of st.block ?? []) {
    if (inner.block !== null || word(inner, 0) !== "hosts") {
      fail(inner, `unsupported in connection-mesh: '${word(inner, 0)}'`);
    }
    hosts.push(...values(inner));
  }
  return hosts;
}

const FIELDS = ["device", "minor", "disk", "metaDisk"] as const;

// The resource-wide value of a field is the resource-level one, else the first host's (8.4
// files repeat it in every `on` section); hosts keep an override only where they differ.
function mergeVolumes(shared: Map<number, VolumeFields>, hosts: HostDraft[], line: number): TDrbdResVolume[] {
  const numbers = new Set(shared.keys());
  for (const h of hosts) for (const n of h.volumes.keys()) numbers.add(n);
  if (numbers.size === 0) throw new ParseError(RES_FORMAT, "resource has no device/disk definition", line);

  const volumes: TDrbdResVolume[] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const merged: VolumeFields = { ...shared.get(n) };
    for (const f of FIELDS) {
      if (merged[f] !== undefined) continue;
      const from = hosts.find((h) => h.volumes.get(n)?.[f] !== undefined);
      if (from) Object.assign(merged, { [f]: from.volumes.get(n)?.[f] });
    }
    if (merged.minor === undefined || merged.device === undefined) {
      throw new ParseError(RES_FORMAT, `volume ${n} has no device minor`, line);
    }
    if (merged.disk === undefined) throw new ParseError(RES_FORMAT, `volume ${n} has no disk`, line);
    const volume: TDrbdResVolume = {
      volume: n,
      device: merged.device,
      minor: merged.minor,
      disk: merged.disk,
      metaDisk: merged.metaDisk ?? "internal",
    };
    volumes.push(volume);
    for (const h of hosts) {
      const own = h.volumes.get(n);
      if (!own) continue;
      const override: TDrbdResVolumeOverride = { volume: n };
      for (const f of FIELDS) {
        if (own[f] !== undefined && own[f] !== volume[f]) Object.assign(override, { [f]: own[f] });
      }
      if (Object.keys(override).length > 1) h.host.volumes.push(override);
    }
  }
  return volumes;
}
