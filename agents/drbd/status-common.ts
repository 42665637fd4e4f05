import { ParseError } from "../common/parse-error";
import { inputLines, normalizeText } from "../common/text";
import { ZDrbdDiskState, ZDrbdStatus, type TDrbdPeerVolume, type TDrbdRole, type TDrbdStatus, type TDrbdVolume } from "./model";

// Helpers shared by the four status parsers.

export interface NumberedLine {
  text: string;
  no: number;
}

// inputLines may drop a leading prompt line; keep the numbers pointing at the input as given.
// The prompt can only be the first non-blank line, so comparing the head of the input suffices.
export function numberedLines(input: string): NumberedLine[] {
  const lines = inputLines(input);
  const head = normalizeText(input.slice(0, 4096)).split("\n");
  head.pop();
  let shiftFrom = head.findIndex((l, i) => l !== lines[i]);
  if (shiftFrom < 0) shiftFrom = lines.length;
  return lines.map((text, i) => ({ text: stripAnsi(text), no: i + 1 + (i >= shiftFrom ? 1 : 0) }));
}

// drbdadm/drbdsetup colour their output on a terminal; a captured `script` log keeps the codes.
function stripAnsi(line: string): string {
  return line.includes("\u001b") ? line.replace(/\u001b\[[0-9;]*m/g, "") : line;
}

const ROLES = new Map<string, TDrbdRole>([
  ["primary", "Primary"],
  ["secondary", "Secondary"],
  ["unknown", "Unknown"],
]);

// null for anything that is not a DRBD role word (a truncated "Prim" must not pass as a role).
export function roleOf(word: string): TDrbdRole | null {
  return ROLES.get(word.toLowerCase()) ?? null;
}

const DISK_STATES: ReadonlySet<string> = new Set(ZDrbdDiskState.options);

export function isDiskState(word: string): boolean {
  return DISK_STATES.has(word);
}

// Replication states in which DRBD moves data or prepares to; 8.x prints them in cs:.
export const SYNC_STATES = new Set([
  "StartingSyncS",
  "StartingSyncT",
  "WFBitMapS",
  "WFBitMapT",
  "WFSyncUUID",
  "SyncSource",
  "SyncTarget",
  "VerifyS",
  "VerifyT",
  "PausedSyncS",
  "PausedSyncT",
  "Ahead",
  "Behind",
]);

export function aggregateQuorum(volumes: readonly TDrbdVolume[]): boolean | null {
  if (volumes.some((v) => v.quorum === false)) return false;
  return volumes.some((v) => v.quorum === true) ? true : null;
}

export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function emptyPeerVolume(volume: number, replication: string | null): TDrbdPeerVolume {
  return {
    volume,
    peerDisk: "DUnknown",
    replication,
    syncPercent: null,
    outOfSyncKiB: null,
    syncSpeedKiBps: null,
    etaSeconds: null,
  };
}

// Splits `key:value` on the first colon only: values such as `ipv4:10.0.0.1:7789` keep theirs.
export function splitKeyValue(token: string): [string, string] | null {
  const at = token.indexOf(":");
  if (at <= 0) return null;
  return [token.slice(0, at), token.slice(at + 1)];
}

export function byVolume<T extends { volume: number }>(a: T, b: T): number {
  return a.volume - b.volume;
}

// Last line of defence: a value the schema refuses is still the input's fault, so it is a
// ParseError for the caller, never a ZodError.
export function validatedStatus(format: string, status: unknown): TDrbdStatus {
  const result = ZDrbdStatus.safeParse(status);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ParseError(format, `unexpected value at ${issue?.path.join(".")}: ${issue?.message}`, null);
  }
  return result.data;
}
