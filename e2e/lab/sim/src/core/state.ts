import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// Where simulators keep their state. In the lab, /var/lib/panel-sim is private to each host
// (inside its /var overlay) and /etc/pve is shared by every host, as pmxcfs shares it on
// Proxmox. Tests outside the lab point both at temp dirs with these variables.
// Simulator commands are synchronous programs; this blocks the process for a while.
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function hostStateDir(): string {
  return process.env.SIM_STATE_DIR ?? "/var/lib/panel-sim";
}

export function sharedDir(): string {
  return process.env.SIM_SHARED_DIR ?? "/etc/pve";
}

// Simulator-only cluster state that has no real file in /etc/pve lives beside it, hidden.
export function sharedSimDir(): string {
  return path.join(sharedDir(), ".sim");
}

export function hostName(): string {
  return process.env.SIM_HOSTNAME ?? readFileSync("/etc/hostname", "utf8").trim();
}

export function readJson<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

export function writeJson(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

const LOCK_STALE_MS = 30_000;

// Several simulator processes (one per SSH channel, on several hosts sharing /etc/pve) may
// change the same state at once; an O_EXCL lock file serialises them. A lock older than
// LOCK_STALE_MS belongs to a crashed process and is broken.
export function withLock<T>(name: string, fn: () => T, dir = sharedSimDir()): T {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, `${name}.lock`);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { force: true });
      } catch {
        // the holder released it between our open and stat
      }
      if (Date.now() > deadline) throw new Error(`simulator lock ${lock} held for over 10 s`);
      sleepSync(20);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}
