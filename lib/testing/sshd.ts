import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fingerprintOf } from "@/lib/ssh/fingerprint";
import { generatePanelKeyPair, type TPanelKeyPair } from "@/lib/ssh/keygen";
import type { TSshTargetInput } from "@/lib/ssh/target";
import { descendantsOf, killAll } from "./process-tree";
import { generateHostKey, passwdWithRootHome, renderSshdConfig, shadowWithRootPassword } from "./sshd-files";

// A real OpenSSH server on a loopback address for integration tests and the benchmark.

const SSHD = "/usr/sbin/sshd";
const START_TIMEOUT_MS = 10_000;
export { PRINT_ARGS_SCRIPT } from "./print-args";

export type TTestSshdOptions = {
  address?: string;
  maxSessions?: number;
  passwordAuthentication?: boolean;
  // Whether the generated client key starts out in root's authorized_keys.
  authorizeClientKey?: boolean;
};

export type TTestSshd = {
  address: string;
  port: number;
  hostKey: { algorithm: string; fingerprint: string };
  clientKey: TPanelKeyPair;
  password: string;
  home: string;
  authorizedKeysPath: string;
  // A target for the pool: root, key auth, the pinned host key.
  target(overrides?: Partial<TSshTargetInput>): TSshTargetInput;
  log(): string;
  // TCP connections sshd accepted since it (re)started ("Connection from ..." lines).
  connectionCount(): number;
  // Kill the per-connection processes (drops every client) but keep the listener.
  killSessions(): void;
  // Stop and start again on the same port, optionally with a new host key (a reinstall).
  restart(opts?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
};

export function assertCanRunSshd(): void {
  if (process.getuid?.() !== 0) {
    throw new Error(
      "The SSH integration tests start a real OpenSSH sshd (with its own host keys and a private /etc/passwd) and must run as root. " +
        "Run them as root, as CI does; they are never skipped.",
    );
  }
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: install openssh-server (apt-get install openssh-server).`);
}

function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, address, () => {
      const info = server.address();
      const port = typeof info === "object" && info ? info.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startSshd(opts: TTestSshdOptions = {}): Promise<TTestSshd> {
  assertCanRunSshd();
  const address = opts.address ?? "127.0.0.1";
  // sshd's privilege separation directory; Debian's init script normally creates it.
  mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "panel-sshd-"));
  const home = path.join(dir, "home");
  const authorizedKeysPath = path.join(home, ".ssh", "authorized_keys");
  mkdirSync(path.dirname(authorizedKeysPath), { recursive: true, mode: 0o700 });
  const clientKey = generatePanelKeyPair("panel-test-client");
  writeFileSync(authorizedKeysPath, opts.authorizeClientKey === false ? "" : `${clientKey.publicKey}\n`, { mode: 0o600 });
  const password = randomBytes(12).toString("base64url");
  writeFileSync(path.join(dir, "passwd"), passwdWithRootHome(home));
  writeFileSync(path.join(dir, "shadow"), shadowWithRootPassword(password), { mode: 0o600 });

  const hostKeyPath = path.join(dir, "ssh_host_ed25519_key");
  const hostKey = { algorithm: "ssh-ed25519", fingerprint: "" };
  const newHostKey = () => {
    rmSync(hostKeyPath, { force: true });
    rmSync(`${hostKeyPath}.pub`, { force: true });
    generateHostKey(hostKeyPath);
    const blob = readFileSync(`${hostKeyPath}.pub`, "utf8").split(" ")[1] ?? "";
    hostKey.fingerprint = fingerprintOf(Buffer.from(blob, "base64"));
  };
  newHostKey();

  const port = await freePort(address);
  const configPath = path.join(dir, "sshd_config");
  writeFileSync(
    configPath,
    renderSshdConfig({
      address,
      port,
      hostKeyPath,
      maxSessions: opts.maxSessions ?? 10,
      passwordAuthentication: opts.passwordAuthentication ?? false,
    }),
  );

  let child: ChildProcess | null = null;
  let logText = "";
  let killOnExit: (() => void) | null = null;
  const launch = async () => {
    logText = "";
    // unshare execs sh, which execs sshd: the child's pid is sshd's pid.
    const proc = spawn(
      "unshare",
      [
        "--mount",
        "--propagation",
        "private",
        "/bin/sh",
        "-c",
        'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/shadow && exec "$3" -D -e -f "$4"',
        "--",
        path.join(dir, "passwd"),
        path.join(dir, "shadow"),
        SSHD,
        configPath,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    child = proc;
    // If the test process dies without calling stop(), do not leave a root sshd listening.
    killOnExit = () => proc.kill("SIGKILL");
    process.once("exit", killOnExit);
    proc.stderr?.setEncoding("utf8");
    proc.stderr?.on("data", (chunk: string) => {
      logText += chunk;
    });
    const ready = `Server listening on ${address} port ${port}`;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!logText.includes(ready)) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`sshd exited during start-up:\n${logText}`);
      if (Date.now() > deadline) {
        proc.kill("SIGKILL");
        throw new Error(`sshd did not start within ${START_TIMEOUT_MS} ms:\n${logText}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const halt = async () => {
    const proc = child;
    child = null;
    if (killOnExit) process.removeListener("exit", killOnExit);
    killOnExit = null;
    if (!proc?.pid) return;
    killAll(descendantsOf(proc.pid));
    proc.kill("SIGTERM");
    if (!(await waitForExit(proc, 3_000))) {
      proc.kill("SIGKILL");
      await waitForExit(proc, 3_000);
    }
  };

  await launch();
  return {
    address,
    port,
    hostKey,
    clientKey,
    password,
    home,
    authorizedKeysPath,
    target: (overrides = {}) => ({
      address,
      port,
      username: "root",
      hostKey: { ...hostKey },
      auth: { kind: "key", privateKey: clientKey.privateKey },
      ...overrides,
    }),
    log: () => logText,
    connectionCount: () => logText.match(/^Connection from \S+ port \d+ on /gm)?.length ?? 0,
    killSessions: () => {
      const pid = (child as ChildProcess | null)?.pid;
      if (pid) killAll(descendantsOf(pid));
    },
    restart: async (o = {}) => {
      await halt();
      if (o.newHostKey) newHostKey();
      await launch();
    },
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
