import { inputLines } from "../common/text";

// DRBD's kernel messages, as the probe reads them from `journalctl -k -o short-iso`, a syslog
// kern.log, `dmesg` or the lab's simulated kern.log. Only the lines the dashboard and the
// split-brain assistant act on get a kind; every DRBD line keeps its text. Lines that are not
// DRBD's are dropped, so reading a whole kernel log is fine. Linear, never throws.

export type TDrbdLogKind =
  | "split-brain-unresolved"
  | "split-brain-resolved"
  | "resync-started"
  | "resync-done"
  | "connection"
  | "role"
  | "other";

export type TDrbdLogEvent = {
  // ISO time when the source prints one (journalctl -o short-iso, the lab), else null.
  time: string | null;
  resource: string | null;
  volume: number | null;
  minor: number | null;
  peer: string | null;
  kind: TDrbdLogKind;
  // For "connection" and "role": the state after the change (Connected, StandAlone, Primary…).
  to: string | null;
  text: string;
};

const ISO_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)\s/;
// DRBD 9: "drbd r0/0 drbd0 peer: text", "drbd r0 peer: text", "drbd r0: text".
const DRBD9 = /^drbd ([^\s/:]+)(?:\/(\d+) drbd(\d+))?(?: ([^\s:]+))?: (.*)$/;
// DRBD 8.4: "block drbd0: text" and "d-con r0: text".
const BLOCK84 = /^block drbd(\d+): (.*)$/;
const DCON84 = /^d-con ([^\s:]+): (.*)$/;

function kindOf(text: string): { kind: TDrbdLogKind; to: string | null } {
  if (text.startsWith("Split-Brain detected but unresolved")) return { kind: "split-brain-unresolved", to: null };
  if (text.startsWith("Split-Brain detected, ")) return { kind: "split-brain-resolved", to: null };
  if (text.startsWith("Began resync as ")) return { kind: "resync-started", to: null };
  if (text.startsWith("Resync done")) return { kind: "resync-done", to: null };
  const conn = /(?:^|\s)(?:conn|cs)\( \S+ -> (\S+) \)/.exec(text);
  if (conn) return { kind: "connection", to: conn[1] ?? null };
  const role = /(?:^|\s)role\( \S+ -> (\S+) \)/.exec(text);
  if (role) return { kind: "role", to: role[1] ?? null };
  return { kind: "other", to: null };
}

function parseLine(line: string): TDrbdLogEvent | null {
  const time = ISO_TIME.exec(line)?.[1] ?? null;
  // The message starts after "kernel: " (syslog, journalctl) or "] " (dmesg timestamps).
  const at = line.indexOf("kernel: ");
  let message = at >= 0 ? line.slice(at + 8) : line;
  if (at < 0 && message.startsWith("[")) message = message.slice(message.indexOf("]") + 1).trimStart();
  const m9 = DRBD9.exec(message);
  if (m9) {
    const text = m9[5] as string;
    return {
      time,
      resource: m9[1] as string,
      volume: m9[2] === undefined ? null : Number(m9[2]),
      minor: m9[3] === undefined ? null : Number(m9[3]),
      peer: m9[4] ?? null,
      ...kindOf(text),
      text,
    };
  }
  const b = BLOCK84.exec(message);
  if (b) return { time, resource: null, volume: null, minor: Number(b[1]), peer: null, ...kindOf(b[2] as string), text: b[2] as string };
  const d = DCON84.exec(message);
  if (d) return { time, resource: d[1] as string, volume: null, minor: null, peer: null, ...kindOf(d[2] as string), text: d[2] as string };
  return null;
}

export function parseDrbdKernelLog(input: string): TDrbdLogEvent[] {
  return inputLines(input).flatMap((l) => {
    const e = parseLine(l.trim());
    return e ? [e] : [];
  });
}

// The events of one resource; 8.4 names minors, not resources, so its minors are passed in.
export function eventsOf(events: readonly TDrbdLogEvent[], resource: string, minors: readonly number[]): TDrbdLogEvent[] {
  return events.filter((e) => e.resource === resource || (e.resource === null && e.minor !== null && minors.includes(e.minor)));
}
