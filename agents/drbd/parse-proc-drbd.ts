import { ParseError } from "../common/parse-error";
import type { TDrbdResource, TDrbdStatus } from "./model";
import { SYNC_STATES, isDiskState, numberedLines, roleOf, validatedStatus, type NumberedLine } from "./status-common";

const FORMAT = "proc-drbd";
const MINOR_LINE = /^\s*(\d+):\s*cs:(\S+)/;
const VERSION_LINE = /^version:\s*(\S+)/;

// /proc/drbd of DRBD 8.0–8.4. Each configured minor is one resource with volume 0 and one
// connection. DRBD 9 prints only the version header here, which gives zero resources.
export function parseProcDrbd(input: string): TDrbdStatus {
  const lines = numberedLines(input);
  let version: string | null = null;
  let sawMinor = false;
  const blocks: NumberedLine[][] = [];

  for (const line of lines) {
    const v = VERSION_LINE.exec(line.text);
    if (v) {
      version ??= v[1] ?? null;
      continue;
    }
    if (MINOR_LINE.test(line.text)) {
      sawMinor = true;
      blocks.push([line]);
    } else {
      blocks[blocks.length - 1]?.push(line);
    }
  }
  if (version === null && !sawMinor) {
    throw new ParseError(FORMAT, "no 'version:' line and no minor lines (' 0: cs:...')", null);
  }
  const resources = blocks.map(parseMinorBlock).filter((r): r is TDrbdResource => r !== null);
  return validatedStatus(FORMAT, { version, resources });
}

// A minor's lines joined: the fields are found by key, so wrapped copies (docs, mail) still read.
function parseMinorBlock(block: NumberedLine[]): TDrbdResource | null {
  const head = block[0] as NumberedLine;
  const m = MINOR_LINE.exec(head.text);
  const minor = Number(m?.[1]);
  const cs = m?.[2] ?? "";
  if (cs === "Unconfigured") return null;
  const text = block.map((l) => l.text).join(" ");

  const roles = /\b(?:ro|st):(\S+)\/(\S+)/.exec(text);
  const disks = /\bds:(\S+)\/(\S+)/.exec(text);
  if (!roles || !disks) throw new ParseError(FORMAT, `minor ${minor}: missing ro:/st: or ds: field`, head.no);
  const role = roleOf(roles[1] ?? "");
  const peerRole = roleOf(roles[2] ?? "");
  if (!role || !peerRole) throw new ParseError(FORMAT, `minor ${minor}: unknown role '${roles[0]}'`, head.no);
  const disk = disks[1] ?? "";
  const peerDisk = disks[2] ?? "";
  if (!isDiskState(disk) || !isDiskState(peerDisk)) {
    throw new ParseError(FORMAT, `minor ${minor}: unknown disk state '${disks[0]}'`, head.no);
  }

  // After ds: comes the protocol letter (absent when StandAlone) and the flag field (r---n-).
  const afterDs: string[] = [];
  for (const t of text.slice(disks.index + disks[0].length).trim().split(/\s+/)) {
    if (t.includes(":")) break;
    afterDs.push(t);
  }
  const protocol = afterDs.find((t) => t === "A" || t === "B" || t === "C") ?? null;
  const flags = afterDs.find((t) => /^[rs][-a-z]{3,}$/.test(t));

  const oos = /\boos:(\d+)/.exec(text);
  const percent = /(?:sync'ed|verified):\s*(\d+(?:\.\d+)?)%/.exec(text);
  const speed = /speed:\s*(\d[\d,]*)/.exec(text);
  const finish = /finish:\s*(\d+):(\d+):(\d+)/.exec(text);

  return {
    name: null,
    nodeId: null,
    role,
    suspended: flags === undefined ? null : flags.startsWith("s"),
    quorum: null,
    volumes: [{ volume: 0, minor, disk, quorum: null, sizeKiB: null }],
    connections: [
      {
        peer: null,
        peerNodeId: null,
        state: cs,
        peerRole,
        protocol,
        volumes: [
          {
            volume: 0,
            peerDisk,
            replication: SYNC_STATES.has(cs) ? cs : null,
            syncPercent: percent ? Number(percent[1]) : null,
            outOfSyncKiB: oos ? Number(oos[1]) : null,
            syncSpeedKiBps: speed ? Number((speed[1] ?? "").replace(/,/g, "")) : null,
            etaSeconds: finish ? Number(finish[1]) * 3600 + Number(finish[2]) * 60 + Number(finish[3]) : null,
          },
        ],
      },
    ],
  };
}
