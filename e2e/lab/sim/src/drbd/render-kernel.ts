import { NO_UUID, type TGi, type TNode, type TPeer } from "./model";
import type { TConnectionView, TResourceView } from "./view";

// What the kernel module itself prints: /proc/drbd (8.4 detail, 9 header only), generation
// identifiers (get-gi/show-gi, as drbd-utils' dt_print_v9_uuids / dt_print_uuids) and the
// running configuration (`drbdsetup show`, read back by `drbdadm adjust`).

export const KERNEL_VERSION = { "9": "9.2.12", "8.4": "8.4.11" } as const;

export function renderProcDrbd(version: "9" | "8.4", resources: readonly TResourceView[]): string {
  if (version === "9") {
    return (
      "version: 9.2.12 (api:2/proto:86-122)\n" +
      "GIT-hash: 8f2a8b6e0f5d4c1b9a7e3d2c1b0a9f8e7d6c5b4a build by @lab, 2024-11-05 10:00:00\n" +
      "Transports (api:21): tcp (9.2.12)\n"
    );
  }
  let out =
    "version: 8.4.11 (api:1/proto:86-101)\n" +
    "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-04-26 12:10:42\n";
  const minors = resources
    .flatMap((r) => r.volumes.map((v) => ({ r, v, c: r.connections[0] ?? null })))
    .sort((a, b) => a.v.minor - b.v.minor);
  let prev = -1;
  for (const { r, v, c } of minors) {
    // drbd_proc.c prints an empty line whenever the minor numbers have a gap (also before the first).
    if (v.minor !== prev + 1) out += "\n";
    prev = v.minor;
    const pd = c?.peerDevices.find((p) => p.vnr === v.vnr) ?? null;
    const cs = cstate84(c, pd?.replication ?? "Off");
    const peerRole = c?.peerRole ?? "Unknown";
    const proto = cs === "StandAlone" ? " " : (c?.protocol ?? "C");
    out += ` ${v.minor}: cs:${cs} ro:${r.role}/${peerRole} ds:${v.disk}/${pd?.peerDisk ?? "DUnknown"} ${proto} r-----\n`;
    out +=
      `    ns:${pd?.sentKiB ?? 0} nr:${pd?.receivedKiB ?? 0} dw:${v.writtenKiB} dr:${v.readKiB} al:${v.alWrites} bm:0` +
      ` lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:${pd?.outOfSyncKiB ?? 0}\n`;
    if (pd?.sync) {
      const { totalKiB, leftKiB, rateKiBps } = pd.sync;
      const permille = totalKiB === 0 ? 0 : Math.floor(((totalKiB - leftKiB) * 1000) / totalKiB);
      const x = Math.floor(permille / 50);
      const bar = `${"=".repeat(Math.max(0, x - 1))}>${".".repeat(20 - x)}`;
      const pct = `${String(Math.floor(permille / 10)).padStart(3)}.${permille % 10}`;
      const eta = Math.round(leftKiB / rateKiBps);
      const hms = `${Math.floor(eta / 3600)}:${String(Math.floor(eta / 60) % 60).padStart(2, "0")}:${String(eta % 60).padStart(2, "0")}`;
      const speed = Math.round(rateKiBps).toLocaleString("en-US");
      out += `\t[${bar}] sync'ed:${pct}% (${leftKiB}/${totalKiB})K\n`;
      out += `\tfinish: ${hms} speed: ${speed} (${speed}) K/sec\n`;
    }
  }
  return out;
}

function cstate84(c: TConnectionView | null, replication: string): string {
  if (!c || c.state === "StandAlone") return "StandAlone";
  if (c.state === "Connecting") return "WFConnection";
  return replication === "Established" ? "Connected" : replication;
}

const hex = (u: string) => u.padStart(16, "0");

function giLine(gi: TGi, peerHost: string | null, flags: { consistent: boolean; upToDate: boolean; primary: boolean; connected: boolean }, v9: boolean): string {
  const bitmap = peerHost === null ? NO_UUID : (gi.bitmap[peerHost] ?? NO_UUID);
  const hist = [gi.history[0] ?? NO_UUID, gi.history[1] ?? NO_UUID];
  const b = (x: boolean) => (x ? 1 : 0);
  const uuids = `${hex(gi.current)}:${hex(bitmap)}:${hex(hist[0] as string)}:${hex(hist[1] as string)}:`;
  if (v9) {
    return `${uuids}${b(flags.consistent)}:${b(flags.upToDate)}:${b(flags.primary)}:0:1:0:0:${b(flags.connected)}:0:0:0:1\n`;
  }
  return `${uuids}${b(flags.consistent)}:${b(flags.upToDate)}:${b(flags.primary)}:${b(flags.connected)}:0:0:0\n`;
}

export type TGiInput = { gi: TGi; peerHost: string | null; disk: string; primary: boolean; connected: boolean; v9: boolean };

export function renderGetGi(i: TGiInput): string {
  const consistent = i.disk === "UpToDate" || i.disk === "Outdated" || i.disk === "Consistent";
  return giLine(i.gi, i.peerHost, { consistent, upToDate: i.disk === "UpToDate", primary: i.primary, connected: i.connected }, i.v9);
}

export function renderShowGi(i: TGiInput): string {
  const head =
    "\n" +
    "       +--<  Current data generation UUID  >-\n" +
    "       |               +--<  Bitmap's base data generation UUID  >-\n" +
    "       |               |                 +--<  younger history UUID  >-\n" +
    "       |               |                 |         +-<  older history  >-\n" +
    "       V               V                 V         V\n";
  if (i.v9) {
    return (
      head +
      renderGetGi(i) +
      "                                                                    ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^ ^\n" +
      "                                      -<  Data consistency flag  >--+ | | | | | | | | | | |\n" +
      "                             -<  Data was/is currently up-to-date  >--+ | | | | | | | | | |\n" +
      "                                  -<  Node was/is currently primary  >--+ | | | | | | | | |\n" +
      " -<  This node was a crashed primary, and has not seen its peer since  >--+ | | | | | | | |\n" +
      "             -<  The activity-log was applied, the disk can be attached  >--+ | | | | | | |\n" +
      "        -<  The activity-log was disabled, peer is completely out of sync  >--+ | | | | | |\n" +
      "                              -<  This node was primary when it lost quorum  >--+ | | | | |\n" +
      "                                          -<  Node was/is currently connected  >--+ | | | |\n" +
      "                              -<  The peer's disk was out-dated or inconsistent  >--+ | | |\n" +
      "                                 -<   A fence policy other the dont-care was used  >--+ | |\n" +
      "                  -<  Node was in the progress of marking all blocks as out of sync  >--+ |\n" +
      "                     -<  At least once we saw this node with a backing device attached >--+\n" +
      "\n"
    );
  }
  const consistent = i.disk === "UpToDate" || i.disk === "Outdated" || i.disk === "Consistent";
  return (
    head +
    renderGetGi(i) +
    "                                                                    ^ ^ ^ ^ ^ ^ ^\n" +
    "                                      -<  Data consistency flag  >--+ | | | | | |\n" +
    "                             -<  Data was/is currently up-to-date  >--+ | | | | |\n" +
    "                                  -<  Node was/is currently primary  >--+ | | | |\n" +
    "                                  -<  Node was/is currently connected  >--+ | | |\n" +
    "         -<  Node was in the progress of setting all bits in the bitmap  >--+ | |\n" +
    "                        -<  The peer's disk was out-dated or inconsistent  >--+ |\n" +
    "      -<  This node was a crashed primary, and has not seen its peer since   >--+\n" +
    "\n" +
    `flags: ${i.primary ? "Primary" : "Secondary"}, ${i.connected ? "Connected" : "StandAlone"}, ` +
    `${consistent ? (i.disk === "UpToDate" ? "UpToDate" : "Outdated") : "Inconsistent"}\n` +
    "meta-data: clean\n"
  );
}

// `drbdsetup show RES` for DRBD 9: the running configuration in drbdadm's own syntax, with the
// options exactly as drbdadm passed them (so `drbdadm adjust` finds nothing to change).
export function renderShow(name: string, node: TNode): string {
  const opt = (indent: string, section: string, opts: Record<string, string>) => {
    const entries = Object.entries(opts).filter(([k]) => !k.startsWith("_"));
    if (entries.length === 0) return "";
    return `${indent}${section} {\n${entries.map(([k, v]) => `${indent}    ${k.padEnd(16)}\t${quoteIfNeeded(k, v)};\n`).join("")}${indent}}\n`;
  };
  let out = `resource "${name}" {\n`;
  out += opt("    ", "options", node.options);
  out += "    _this_host {\n";
  if (node.nodeId !== null) out += `        node-id\t\t\t${node.nodeId};\n`;
  for (const v of node.volumes) {
    out += `        volume ${v.vnr} {\n            device\t\t\tminor ${v.minor};\n`;
    if (v.backingDev) out += `            disk\t\t\t"${v.backingDev}";\n            meta-disk\t\t\tinternal;\n`;
    else out += "            disk\t\t\tnone;\n";
    out += "        }\n";
  }
  out += "    }\n";
  for (const p of node.peers) out += connectionShow(p);
  out += "}\n\n";
  return out;
}

const QUOTED = new Set(["shared-secret", "cram-hmac-alg", "_name", "verify-alg", "csums-alg", "data-integrity-alg"]);

function quoteIfNeeded(key: string, value: string): string {
  return QUOTED.has(key) ? `"${value}"` : value;
}

function connectionShow(p: TPeer): string {
  let out = `    connection {\n        _peer_node_id ${p.nodeId ?? 0};\n`;
  for (const path of p.paths) {
    out += `        path {\n            _this_host ${spaced(path.local)};\n            _remote_host ${spaced(path.remote)};\n        }\n`;
  }
  const net = { ...p.net, ...(p.name ? { _name: p.name } : {}) };
  out += `        net {\n${Object.entries(net)
    .map(([k, v]) => `            ${k.padEnd(16)}\t${quoteIfNeeded(k, v)};\n`)
    .join("")}        }\n`;
  if (!p.wantConnect) out += "        _is_standalone;\n";
  for (const [vnr, opts] of Object.entries(p.peerDeviceOptions)) {
    const entries = Object.entries(opts);
    if (entries.length === 0) continue;
    out += `        volume ${vnr} {\n            disk {\n${entries.map(([k, v]) => `                ${k.padEnd(16)}\t${v};\n`).join("")}            }\n        }\n`;
  }
  out += "    }\n";
  return out;
}

// "ipv4:10.0.0.1:7789" → "ipv4 10.0.0.1:7789" as in a config file.
function spaced(address: string): string {
  const i = address.indexOf(":");
  return i > 0 && /^(ipv4|ipv6|ssocks|sdp)$/.test(address.slice(0, i)) ? `${address.slice(0, i)} ${address.slice(i + 1)}` : address;
}
