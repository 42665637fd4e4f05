import { z } from "zod";
import { ParseError } from "@/agents/common/parse-error";
import { parseIpAddrJson } from "@/agents/host/parse-ip-addr";
import { CHECK_SCRIPTS } from "@/lib/plan/apply";
import { shScript } from "@/lib/ssh/argv";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import { readFileIfExists } from "@/lib/ssh/write-file";
import { AUTHKEY_PATH } from "./authkey";
import { ZCorosyncConfig, ZCorosyncQuorum } from "./model";
import { readCorosyncConfig } from "./parse-conf";
import { parseCorosyncQuorum } from "./parse-quorumtool";

// What one host has of a corosync cluster, read-only. Facts that cannot be read are data
// (confError, quorumError), so one odd host does not stop the planner from showing the rest.

export const CONF_PATH = "/etc/corosync/corosync.conf";

export const PROBE_COMMANDS = {
  authkeyHash: shScript(CHECK_SCRIPTS.fileHash, [AUTHKEY_PATH]),
  corosyncActive: ["systemctl", "is-active", "corosync"],
  corosyncEnabled: ["systemctl", "is-enabled", "corosync"],
  pacemakerActive: ["systemctl", "is-active", "pacemaker"],
  quorum: ["corosync-quorumtool", "-s"],
  addresses: ["ip", "-j", "addr", "show"],
} as const;

export const ZCorosyncObserved = z.object({
  confText: z.string().nullable(),
  conf: ZCorosyncConfig.nullable(),
  // Why confText could not be read as a corosync config (null when it was, or is absent).
  confError: z.string().nullable(),
  authkeyPresent: z.boolean(),
  // Compared across nodes: one cluster, one key. The hash says nothing about the key.
  authkeySha256: z.string().nullable(),
  corosyncActive: z.boolean(),
  corosyncEnabled: z.boolean(),
  pacemakerActive: z.boolean(),
  quorum: ZCorosyncQuorum.nullable(),
  // corosync-quorumtool -s: 0 quorate, 2 not quorate, 1 corosync not reachable.
  quorumExitCode: z.number().int(),
  quorumError: z.string().nullable(),
  // Every IP address on the host (ip -j addr), for the ring-address check; null if unreadable.
  addresses: z.array(z.string()).nullable(),
});
export type TCorosyncObserved = z.infer<typeof ZCorosyncObserved>;

const run = (runner: Runner, argv: readonly string[]) => runner.run([...argv], { okCodes: "any" });

function readConf(text: string | null): { conf: TCorosyncObserved["conf"]; confError: string | null } {
  if (text === null) return { conf: null, confError: null };
  try {
    return { conf: readCorosyncConfig(text), confError: null };
  } catch (err) {
    if (err instanceof ParseError) return { conf: null, confError: err.oneLine() };
    throw err;
  }
}

function readQuorum(r: TRunResult): { quorum: TCorosyncObserved["quorum"]; quorumError: string | null } {
  if (r.code !== 0 && r.code !== 2) return { quorum: null, quorumError: (r.stderr || r.stdout).trim() || `exit code ${r.code}` };
  try {
    return { quorum: parseCorosyncQuorum(r.stdout), quorumError: null };
  } catch (err) {
    if (err instanceof ParseError) return { quorum: null, quorumError: err.oneLine() };
    throw err;
  }
}

function readAddresses(r: TRunResult): string[] | null {
  if (r.code !== 0) return null;
  try {
    return parseIpAddrJson(r.stdout).flatMap((i) => i.addresses.map((a) => a.address));
  } catch (err) {
    if (err instanceof ParseError) return null;
    throw err;
  }
}

const isActive = (r: TRunResult) => r.code === 0 && r.stdout.trim() === "active";

export async function probeCorosync(runner: Runner): Promise<TCorosyncObserved> {
  const P = PROBE_COMMANDS;
  // In sequence: the panel's pool caps channels per host, and these are quick.
  const confText = await readFileIfExists(runner, CONF_PATH);
  const key = await run(runner, P.authkeyHash);
  const corosync = await run(runner, P.corosyncActive);
  const enabled = await run(runner, P.corosyncEnabled);
  const pacemaker = await run(runner, P.pacemakerActive);
  const quorum = await run(runner, P.quorum);
  const addresses = await run(runner, P.addresses);
  const keyHash = key.code === 0 ? (key.stdout.trim().split(/\s+/)[0] ?? null) : null;
  return ZCorosyncObserved.parse({
    confText,
    ...readConf(confText),
    authkeyPresent: key.code === 0,
    authkeySha256: keyHash,
    corosyncActive: isActive(corosync),
    corosyncEnabled: enabled.code === 0 && enabled.stdout.trim() === "enabled",
    pacemakerActive: isActive(pacemaker),
    ...readQuorum(quorum),
    quorumExitCode: quorum.code,
    addresses: readAddresses(addresses),
  });
}
