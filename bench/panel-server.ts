// The built panel as a benchmark's subject: its own data directory and port, prepared by
// scripts/start.ts --prepare-only (migrations, the first admin) and served by `next start`
// on the existing .next build. Not scripts/start.ts itself: it rebuilds when the checkout
// changed, and builds in this shared tree happen only under the lab lock — which is why the
// scripts using this run under `flock /tmp/panel-lab.lock` (so nobody rebuilds .next under a
// running server either). Clusters are seeded the way an admin adds hosts (lib/hosts/onboarding:
// add by address, trust the presented key, attach a private key). Needs the react-server
// condition and PANEL_DATA_DIR set before the first import of lib/db: call preparePanel first.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { descendantsOf } from "@/lib/testing/process-tree";
import type { TPanelKeyPair } from "@/lib/ssh/keygen";
import { buildIsCurrent } from "@/scripts/build-stamp";

const ROOT = path.resolve(import.meta.dirname, "..");
export const ADMIN = { username: "admin", password: "bench-admin-password" };

export type TPanel = {
  url: string;
  dataDir: string;
  pid: number;
  // Resident memory of the server and every process it started, from /proc/<pid>/status.
  rss(): { serverMb: number; treeMb: number; processes: number };
  // CPU time the server process has used so far (user + system), in seconds.
  cpuSeconds(): number;
  stop(): Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

function vmRssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0; // gone meanwhile
  }
}

// A fresh data directory with the schema and the admin; sets PANEL_DATA_DIR for this process
// so lib/db (imported after this) opens the same database and secret key as the server.
export function preparePanel(): { dataDir: string } {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "panel-bench-data-")), "data");
  const env: NodeJS.ProcessEnv = { ...process.env, PANEL_DATA_DIR: dataDir, PANEL_ADMIN_PASSWORD: ADMIN.password, HOSTNAME: "127.0.0.1" };
  delete env.DATABASE_URL;
  delete env.PANEL_SECRET_KEY;
  const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/start.ts", "--prepare-only"], { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`scripts/start.ts --prepare-only failed:\n${r.stderr}${r.stdout}`);
  process.env.PANEL_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.PANEL_SECRET_KEY;
  return { dataDir };
}

// When the .next build was made and whether the checkout changed since (other work in the tree).
export function buildNote(): string {
  const id = path.join(ROOT, ".next/BUILD_ID");
  if (!existsSync(id)) throw new Error("no .next build: run `flock /tmp/panel-lab.lock npx next build` first");
  const at = statSync(id).mtime.toISOString().slice(0, 16).replace("T", " ");
  return `.next built ${at} UTC${buildIsCurrent(ROOT) ? "" : " (the checkout changed since: not rebuilt)"}`;
}

export async function startPanel(dataDir: string, extraEnv: Record<string, string> = {}): Promise<TPanel> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    PANEL_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "panel.db")}`,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.PANEL_SECRET_KEY;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    try {
      if ((await fetch(`${url}/login`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the panel did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid ?? 0;
  return {
    url,
    dataDir,
    pid,
    rss: () => {
      const tree = [pid, ...descendantsOf(pid)];
      const kb = tree.map(vmRssKb);
      return { serverMb: (kb[0] ?? 0) / 1024, treeMb: kb.reduce((a, b) => a + b, 0) / 1024, processes: tree.length };
    },
    cpuSeconds: () => {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    stop: async () => {
      process.removeListener("exit", killOnExit);
      child.kill("SIGTERM");
      const exited = await new Promise<boolean>((resolve) => {
        if (child.exitCode !== null) return resolve(true);
        const t = setTimeout(() => resolve(false), 10_000);
        child.once("exit", () => {
          clearTimeout(t);
          resolve(true);
        });
      });
      if (!exited) child.kill("SIGKILL");
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
}

// Signs in the way the login form does: a POST of the `login` server action (its id from the
// build's server-reference manifest). Returns the session cookie for further requests.
export async function login(url: string): Promise<string> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const actionId = Object.entries(manifest.node).find(([, v]) => v.filename === "lib/actions/auth.ts" && v.exportedName === "login")?.[0];
  if (!actionId) throw new Error("the build has no login action in server-reference-manifest.json");
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: url },
    body: JSON.stringify([{ username: ADMIN.username, password: ADMIN.password }]),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").filter((c) => c.includes("="));
  if (cookie.length === 0) throw new Error(`login failed: HTTP ${res.status} without a session cookie: ${(await res.text()).slice(0, 300)}`);
  return cookie.join("; ");
}

export type TSeedHost = { name: string; address: string; port: number; key: TPanelKeyPair };

// A cluster of hosts added, trusted and given a key as an admin would. The host-facts jobs that
// attaching a key queues are dropped while still queued, so (bar one the worker took first)
// only the health collector talks to the hosts.
export async function seedCluster(db: PrismaClient, name: string, hosts: readonly TSeedHost[]): Promise<string> {
  const { addHost, setHostPrivateKey, trustHostKey } = await import("@/lib/hosts/onboarding");
  const cluster = await db.cluster.create({ data: { name, kind: "pacemaker" } });
  for (const h of hosts) {
    const { hostId } = await addHost(db, null, { name: h.name, address: h.address, sshPort: h.port, sshUser: "root", clusterId: cluster.id });
    const offer = await db.host.findUniqueOrThrow({ where: { id: hostId }, select: { hostKeyOffer: true } });
    const fingerprint = (offer.hostKeyOffer as { fingerprint?: string } | null)?.fingerprint;
    if (!fingerprint) throw new Error(`${h.name}: no host key offered`);
    await trustHostKey(db, null, { hostId, fingerprint });
    await setHostPrivateKey(db, null, { hostId, privateKey: h.key.privateKey });
  }
  await db.job.deleteMany({ where: { state: "queued" } });
  return cluster.id;
}
