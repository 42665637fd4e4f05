import { errorReport, ReportError } from "@/lib/reports/report";
import type { TDrbdResAddress, TDrbdResHost, TDrbdResourceConfig, TDrbdResVolume } from "./res-model";

// Model → .res text. Both renderers write what drbdadm (9.x, and drbdadm-84 for 8.4) accepts
// and what parseDrbdRes reads back into the same model.

const INDENT = "    ";

type Line = string | Section;
interface Section {
  head: string;
  body: Line[];
}

function section(head: string, body: Line[]): Section[] {
  return body.length > 0 ? [{ head, body }] : [];
}

function print(lines: Line[], depth: number, out: string[]): void {
  const pad = INDENT.repeat(depth);
  for (const l of lines) {
    if (typeof l === "string") out.push(pad + l);
    else {
      out.push(`${pad}${l.head} {`);
      print(l.body, depth + 1, out);
      out.push(`${pad}}`);
    }
  }
}

// Quotes whatever the config scanner would split or misread; plain words stay bare.
function confValue(value: string): string {
  if (/^[A-Za-z0-9_.\/:@,+=%\[\]-]+$/.test(value)) return value;
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function quoted(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function opt(key: string, value: string | number | boolean | null, quote = false): string[] {
  if (value === null) return [];
  const text = typeof value === "boolean" ? (value ? "yes" : "no") : String(value);
  return [`${key} ${quote ? quoted(text) : confValue(text)};`];
}

function extras(extra: Record<string, string>, quote = false): string[] {
  return Object.entries(extra).flatMap(([k, v]) => opt(k, v, quote));
}

function address(a: TDrbdResAddress): string {
  const host = a.family === "ipv6" ? `[${a.host}]` : a.host;
  return `address ${a.family} ${host}:${a.port};`;
}

function volumeLines(v: Pick<TDrbdResVolume, "device" | "minor" | "disk" | "metaDisk">): string[] {
  return [
    `device ${confValue(v.device)} minor ${v.minor};`,
    `disk ${v.disk === null ? "none" : confValue(v.disk)};`,
    `meta-disk ${v.metaDisk};`,
  ];
}

function netLines(m: TDrbdResourceConfig, withFencing: boolean): string[] {
  return [
    ...opt("protocol", m.protocol),
    ...(withFencing ? opt("fencing", m.fencing) : []),
    ...opt("cram-hmac-alg", m.net.cramHmacAlg),
    ...opt("shared-secret", m.net.sharedSecret, true),
    ...opt("allow-two-primaries", m.net.allowTwoPrimaries),
    ...opt("after-sb-0pri", m.net.afterSb0pri),
    ...opt("after-sb-1pri", m.net.afterSb1pri),
    ...opt("after-sb-2pri", m.net.afterSb2pri),
    ...extras(m.net.extra),
  ];
}

function diskLines(m: TDrbdResourceConfig, withFencing: boolean): string[] {
  return [
    ...(withFencing ? opt("fencing", m.fencing) : []),
    ...opt("resync-rate", m.disk.resyncRate),
    ...opt("c-plan-ahead", m.disk.cPlanAhead),
    ...opt("c-fill-target", m.disk.cFillTarget),
    ...opt("c-max-rate", m.disk.cMaxRate),
    ...opt("c-min-rate", m.disk.cMinRate),
    ...extras(m.disk.extra),
  ];
}

function commonSections(m: TDrbdResourceConfig, fencingIn: "net" | "disk"): Section[] {
  return [
    ...section("net", netLines(m, fencingIn === "net")),
    ...section("disk", diskLines(m, fencingIn === "disk")),
    ...section("startup", extras(m.startup)),
    ...section("handlers", extras(m.handlers, true)),
  ];
}

function finish(m: TDrbdResourceConfig, body: Line[]): string {
  const out: string[] = [];
  print([{ head: `resource ${confValue(m.name)}`, body }], 0, out);
  return out.join("\n") + "\n";
}

function hostOverrideLines(m: TDrbdResourceConfig, h: TDrbdResHost): Section[] {
  return h.volumes.map((o) => {
    const base = m.volumes.find((v) => v.volume === o.volume);
    const device = o.device ?? base?.device;
    const minor = o.minor ?? base?.minor;
    return {
      head: `volume ${o.volume}`,
      body: [
        ...((o.device !== undefined || o.minor !== undefined) && device !== undefined && minor !== undefined
          ? [`device ${confValue(device)} minor ${minor};`]
          : []),
        ...(o.disk !== undefined ? [`disk ${o.disk === null ? "none" : confValue(o.disk)};`] : []),
        ...(o.metaDisk !== undefined ? [`meta-disk ${o.metaDisk};`] : []),
      ],
    };
  });
}

// DRBD 9: volumes at resource level, node-id per host, connection-mesh, quorum in options.
export function renderDrbdRes9(m: TDrbdResourceConfig): string {
  const options = [
    ...opt("auto-promote", m.options.autoPromote),
    ...opt("quorum", m.options.quorum),
    ...opt("on-no-quorum", m.options.onNoQuorum),
    ...extras(m.options.extra),
  ];
  const body: Line[] = [
    ...section("options", options),
    ...commonSections(m, "net"),
    ...m.volumes.map((v) => ({ head: `volume ${v.volume}`, body: volumeLines(v) })),
    ...m.hosts.map((h) => ({
      head: `on ${confValue(h.name)}`,
      body: [
        ...opt("node-id", h.nodeId),
        ...(h.address ? [address(h.address)] : []),
        ...hostOverrideLines(m, h),
      ],
    })),
    ...(m.connectionMesh ? section("connection-mesh", [`hosts ${m.connectionMesh.map(confValue).join(" ")};`]) : []),
  ];
  return finish(m, body);
}

function unsupported84(field: string, message: string): never {
  throw new ReportError(errorReport("DRBD_RES84_UNSUPPORTED", message, { field }));
}

// DRBD 8.4: two `on` sections each carrying device/disk/meta-disk/address; fencing is a disk
// option. Node ids and a two-host mesh are DRBD 9 notions 8.4 does without, so they are left
// out; quorum and auto-promote have no 8.4 meaning and refuse to render.
export function renderDrbdRes84(m: TDrbdResourceConfig): string {
  if (m.hosts.length > 2) unsupported84("hosts", "DRBD 8.4 connects exactly two hosts");
  if (m.options.quorum !== null) unsupported84("options.quorum", "DRBD 8.4 has no quorum");
  if (m.options.onNoQuorum !== null) unsupported84("options.onNoQuorum", "DRBD 8.4 has no quorum");
  if (m.options.autoPromote !== null) unsupported84("options.autoPromote", "DRBD 8.4 has no auto-promote");

  const hostVolumes = (h: TDrbdResHost): Line[] => {
    const resolved = m.volumes.map((v) => ({ ...v, ...h.volumes.find((o) => o.volume === v.volume) }));
    const only = resolved[0];
    if (resolved.length === 1 && only && only.volume === 0) return volumeLines(only);
    return resolved.map((v) => ({ head: `volume ${v.volume}`, body: volumeLines(v) }));
  };
  const body: Line[] = [
    ...section("options", extras(m.options.extra)),
    ...commonSections(m, "disk"),
    ...m.hosts.map((h) => ({
      head: `on ${confValue(h.name)}`,
      body: [...hostVolumes(h), ...(h.address ? [address(h.address)] : [])],
    })),
  ];
  return finish(m, body);
}
