// Test-side access to the lab (e2e/lab/lab.sh): its status, bringing it into a wanted shape,
// faults, and SSH to its hosts with host keys pinned to the fingerprints the lab reports.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

export const LAB_SCRIPT = path.resolve(import.meta.dirname, "lab.sh");

export const ZLabMode = z.enum(["bare", "cluster", "qdevice"]);
export type TLabMode = z.infer<typeof ZLabMode>;

const ZFingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/);

export const ZLabNode = z.object({
  name: z.string().regex(/^lab[1-9]$/),
  address: z.string(),
  sshPort: z.number().int(),
  hostKeyFingerprints: z.object({ ed25519: ZFingerprint, ecdsa: ZFingerprint.optional(), rsa: ZFingerprint.optional() }),
  pids: z.array(z.number().int()),
  initPid: z.number().int().nullable(),
  booted: z.boolean(),
  link: z.enum(["up", "down"]),
  running: z.object({
    sshd: z.boolean(),
    corosync: z.boolean(),
    pacemaker: z.boolean(),
    qnetd: z.boolean(),
    qdevice: z.boolean(),
    cephMon: z.boolean(),
    cephMgr: z.boolean(),
    cephOsd: z.boolean(),
  }),
  faults: z.object({ sshdFrozen: z.boolean(), hungCommands: z.array(z.string()), diskFull: z.boolean() }),
  pssKiB: z.number().int(),
});
export type TLabNode = z.infer<typeof ZLabNode>;

export const ZLabStatus = z.object({
  up: z.boolean(),
  mode: ZLabMode.nullable(),
  nodeCount: z.number().int(),
  ceph: z.boolean(),
  labDir: z.string(),
  keyPath: z.string(),
  knownHostsPath: z.string(),
  bridge: z.object({ name: z.string(), address: z.string(), cidr: z.string(), exists: z.boolean() }),
  simBin: z.string(),
  sharedDir: z.string(),
  clusterName: z.string(),
  nodes: z.array(ZLabNode),
});
export type TLabStatus = z.infer<typeof ZLabStatus>;

export const ZLabWant = z.object({
  mode: ZLabMode,
  nodes: z.union([z.literal(2), z.literal(3)]).default(3),
  ceph: z.boolean().default(false),
});
export type TLabWant = z.input<typeof ZLabWant>;

export type TLabFault =
  | "cut"
  | "heal"
  | "crash"
  | "boot"
  | "start-cluster"
  | "kill"
  | "fill"
  | "unfill"
  | "hang"
  | "rekey";

export function parseLabStatus(json: string): TLabStatus {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`lab status --json printed no JSON: ${json.slice(0, 200)}`);
  }
  return ZLabStatus.parse(raw);
}

/** Why the lab as it stands cannot serve `want` (null: it can, as it is). */
export function labRecreateReason(status: TLabStatus, wantInput: TLabWant): string | null {
  const want = ZLabWant.parse(wantInput);
  if (!status.up) return "the lab is down";
  if (status.mode !== want.mode) return `the lab runs mode ${status.mode}, wanted ${want.mode}`;
  if (status.nodeCount !== want.nodes) return `the lab has ${status.nodeCount} hosts, wanted ${want.nodes}`;
  if (status.ceph !== want.ceph) return want.ceph ? "the lab runs without ceph" : "the lab runs ceph";
  for (const node of status.nodes) {
    const problem = nodeProblem(node, want.mode, want.ceph);
    if (problem) return `${node.name}: ${problem}`;
  }
  return null;
}

function nodeProblem(node: TLabNode, mode: TLabMode, ceph: boolean): string | null {
  if (!node.booted) return "is off (crashed)";
  if (node.link !== "up") return "its cable is cut";
  if (node.faults.sshdFrozen || node.faults.hungCommands.length > 0) return "hangs";
  if (node.faults.diskFull) return "its disk is full";
  const r = node.running;
  if (!r.sshd) return "sshd is not running";
  const wanted: (keyof TLabNode["running"])[] = [];
  if (mode === "cluster") wanted.push("corosync", "pacemaker");
  if (mode === "qdevice") wanted.push(...(node.name === "lab3" ? (["qnetd"] as const) : (["corosync", "qdevice", "pacemaker"] as const)));
  if (ceph && node.name === "lab1") wanted.push("cephMon", "cephMgr", "cephOsd");
  const missing = wanted.filter((d) => !r[d]);
  return missing.length > 0 ? `not running: ${missing.join(", ")}` : null;
}

/** OpenSSH's SHA256 fingerprint of a public key blob (the base64 field of a key line). */
export function sshFingerprint(keyBase64: string): string {
  const digest = createHash("sha256").update(Buffer.from(keyBase64, "base64")).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}

const KEY_TYPES: Record<string, keyof TLabNode["hostKeyFingerprints"]> = {
  "ssh-ed25519": "ed25519",
  "ecdsa-sha2-nistp256": "ecdsa",
  "ecdsa-sha2-nistp384": "ecdsa",
  "ecdsa-sha2-nistp521": "ecdsa",
  "ssh-rsa": "rsa",
};

/**
 * known_hosts lines for `node` from `ssh-keyscan` output, keeping only keys whose fingerprint the
 * lab reported. A scanned key that contradicts the lab's fingerprint is an error, not a skip.
 */
export function pinnedKnownHosts(node: TLabNode, keyscanOutput: string): string {
  const lines: string[] = [];
  for (const line of keyscanOutput.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || line.startsWith("#")) continue;
    const [, type, blob] = fields as [string, string, string];
    const kind = KEY_TYPES[type];
    const expected = kind ? node.hostKeyFingerprints[kind] : undefined;
    if (!expected) continue;
    const actual = sshFingerprint(blob);
    if (actual !== expected) {
      throw new Error(`${node.name} offers ${kind} host key ${actual}, but the lab reports ${expected}`);
    }
    const host = node.sshPort === 22 ? node.address : `[${node.address}]:${node.sshPort}`;
    lines.push(`${host} ${type} ${blob}`);
  }
  if (lines.length === 0) throw new Error(`${node.name} offered no host key the lab reports`);
  return lines.join("\n") + "\n";
}

export interface TRunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<TRunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${cmd} ${args.join(" ")} did not finish within ${timeoutMs / 1000}s\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error("the lab needs root (it creates network namespaces and mounts): run the integration tests as root");
  }
}

async function runLab(args: string[], timeoutMs: number): Promise<TRunResult> {
  return run("bash", [LAB_SCRIPT, ...args], timeoutMs);
}

function failure(what: string, r: TRunResult): Error {
  const tail = (r.stderr + r.stdout).trim().split("\n").slice(-15).join("\n");
  return new Error(`${what} failed (exit ${r.code}):\n${tail}`);
}

export async function labStatus(): Promise<TLabStatus> {
  const r = await runLab(["status", "--json"], 30_000);
  if (r.code !== 0) throw failure("lab status --json", r);
  return parseLabStatus(r.stdout);
}

/** Brings the lab into the wanted shape (re-creating it if needed) and returns its status. */
export async function ensureLab(wantInput: TLabWant): Promise<TLabStatus> {
  requireRoot();
  const want = ZLabWant.parse(wantInput);
  const before = await labStatus();
  const reason = labRecreateReason(before, want);
  if (reason === null) return before;
  if (before.up) {
    const down = await runLab(["down"], 60_000);
    if (down.code !== 0) throw failure(`lab down (${reason})`, down);
  }
  const args = ["up", "--mode", want.mode, "--nodes", String(want.nodes), ...(want.ceph ? ["--ceph"] : [])];
  const up = await runLab(args, 300_000);
  if (up.code !== 0) throw failure(`lab ${args.join(" ")}`, up);
  const after = await labStatus();
  const still = labRecreateReason(after, want);
  if (still !== null) throw new Error(`lab came up but is not usable: ${still}`);
  return after;
}

export async function labDown(): Promise<void> {
  requireRoot();
  const r = await runLab(["down"], 60_000);
  if (r.code !== 0) throw failure("lab down", r);
}

export async function labFault(cmd: TLabFault, host: string, ...args: string[]): Promise<string> {
  requireRoot();
  const r = await runLab([cmd, host, ...args], 120_000);
  if (r.code !== 0) throw failure(`lab ${cmd} ${host} ${args.join(" ")}`.trim(), r);
  return r.stderr + r.stdout;
}

const pinnedFiles = new Map<string, string>();

/** A known_hosts file holding exactly the keys of `host` that match the lab's fingerprints. */
export async function pinHostKeys(status: TLabStatus, host: string): Promise<string> {
  const node = status.nodes.find((n) => n.name === host);
  if (!node) throw new Error(`the lab has no host ${host}`);
  const cacheKey = `${host}/${Object.values(node.hostKeyFingerprints).join(",")}`;
  const cached = pinnedFiles.get(cacheKey);
  if (cached) return cached;
  const scan = await run("ssh-keyscan", ["-T", "5", "-p", String(node.sshPort), node.address], 15_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), "lab-known-hosts-"));
  const file = path.join(dir, host);
  await writeFile(file, pinnedKnownHosts(node, scan.stdout));
  pinnedFiles.set(cacheKey, file);
  return file;
}

/** Runs `command` on a lab host with the system ssh client, host key pinned. */
export async function labSsh(status: TLabStatus, host: string, command: string, timeoutMs = 30_000): Promise<TRunResult> {
  const node = status.nodes.find((n) => n.name === host);
  if (!node) throw new Error(`the lab has no host ${host}`);
  const knownHosts = await pinHostKeys(status, host);
  return sshWithKnownHosts(status, node, knownHosts, command, timeoutMs);
}

export function sshWithKnownHosts(
  status: TLabStatus,
  node: TLabNode,
  knownHostsFile: string,
  command: string,
  timeoutMs = 30_000,
): Promise<TRunResult> {
  const args = [
    "-i", status.keyPath,
    "-p", String(node.sshPort),
    "-o", "BatchMode=yes",
    "-o", "ConnectTimeout=5",
    "-o", "StrictHostKeyChecking=yes",
    "-o", `UserKnownHostsFile=${knownHostsFile}`,
    "-o", "GlobalKnownHostsFile=/dev/null",
    "-o", "LogLevel=ERROR",
    `root@${node.address}`,
    command,
  ];
  return run("ssh", args, timeoutMs);
}
