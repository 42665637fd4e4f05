import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { readEnv, EnvError, type TEnv } from "../lib/config/env";
import { bootstrapAdmin } from "../lib/auth/bootstrap";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../lib/generated/prisma/client";
import { buildIsCurrent, computeBuildStamp, STAMP_FILE } from "./build-stamp";
import { checkPortFree, checkSqliteFile, ensureDataDir, PreflightError } from "./preflight";

// `npm start`: check everything, migrate, make sure there is an admin (or print a setup
// link), build if the checkout changed, then hand over to `next start`.
const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
// Prepare the database and the first admin, then stop: for deploy scripts and tests.
const prepareOnly = process.argv.includes("--prepare-only");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

function fail(message: string): never {
  process.stderr.write(`panel: ${message}\n`);
  process.exit(1);
}

function migrate(env: TEnv): void {
  const r = spawnSync(bin("prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: env.databaseUrl },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    const why = `${r.stderr}\n${r.stdout}`.split("\n").find((l) => /error/i.test(l))?.trim() ?? `exit ${r.status}`;
    fail(`database migration failed (${why}); the database was left as it was`);
  }
}

async function ensureAdmin(env: TEnv): Promise<void> {
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: env.databaseUrl }) });
  try {
    const result = await bootstrapAdmin(db, { username: env.PANEL_ADMIN_USER, password: env.PANEL_ADMIN_PASSWORD });
    if (result.kind === "admin-created") console.log(`panel: created admin user "${result.username}" from PANEL_ADMIN_PASSWORD`);
    if (result.kind === "setup-link") {
      const host = env.HOSTNAME === "0.0.0.0" ? "localhost" : env.HOSTNAME;
      console.log(`panel: no users yet. Create the first admin, once, at:\n\n  http://${host}:${env.PORT}/setup?token=${result.token}\n\n(valid until ${result.expiresAt.toISOString()})`);
    }
  } finally {
    await db.$disconnect();
  }
}

function buildIfNeeded(): void {
  if (buildIsCurrent(root)) return;
  console.log("panel: building the web app for this checkout (about two minutes the first time)…");
  const r = spawnSync(bin("next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) fail("the build failed; see the output above");
  writeFileSync(path.join(root, STAMP_FILE), computeBuildStamp(root));
}

async function main(): Promise<void> {
  let env: TEnv;
  try {
    env = readEnv();
  } catch (e) {
    if (e instanceof EnvError) fail(`bad environment: ${e.message}`);
    throw e;
  }
  try {
    ensureDataDir(env.dataDir);
    await checkPortFree(env.PORT, env.HOSTNAME);
    checkSqliteFile(env.databaseUrl);
  } catch (e) {
    if (e instanceof PreflightError) fail(e.message);
    throw e;
  }
  migrate(env);
  await ensureAdmin(env);
  if (prepareOnly) return;
  if (!dev) buildIfNeeded();
  const child = spawn(bin("next"), [dev ? "dev" : "start", "-p", String(env.PORT), "-H", env.HOSTNAME], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: env.databaseUrl, PANEL_DATA_DIR: env.dataDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((e: unknown) => fail(`unexpected error: ${e instanceof Error ? e.message : String(e)}`));
