import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

// `npm run demo`: the lab (three real corosync/Pacemaker hosts) and the panel with the lab
// already added as a cluster, so a newcomer sees a living cluster in one command.
const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    fail("the lab needs root (it creates network namespaces and mounts); run it as root: sudo npm run demo");
  }
  process.env.PANEL_DATA_DIR ??= path.join(root, ".demo-data");
  process.env.PANEL_ADMIN_PASSWORD ??= "demo-admin-password";
  process.env.PORT ??= "3000";

  console.log("demo: bringing the lab up (three hosts, corosync + Pacemaker; about 30 s)…");
  const { ensureLab } = await import("../e2e/lab/lab-env");
  const lab = await ensureLab({ mode: "cluster", nodes: 3 }).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));

  const prepared = spawnSync(tsx, ["scripts/start.ts", "--prepare-only"], { cwd: root, stdio: "inherit", env: process.env });
  if (prepared.status !== 0) process.exit(prepared.status ?? 1);

  const { databaseUrlFromEnv } = await import("../lib/config/database-url");
  const { createDb } = await import("../lib/db");
  const { seedDemo, DEMO_CLUSTER } = await import("./demo-seed");
  const db = createDb(databaseUrlFromEnv(process.env));
  try {
    const { added } = await seedDemo(db, lab);
    console.log(`demo: cluster ${DEMO_CLUSTER} with ${lab.nodes.map((n) => n.name).join(", ")}${added.length ? ` (added ${added.join(", ")})` : ""}`);
  } catch (e) {
    fail(`could not add the lab to the panel: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await db.$disconnect();
  }

  console.log(`demo: log in at http://localhost:${process.env.PORT} as admin / ${process.env.PANEL_ADMIN_PASSWORD}; stop with Ctrl-C, then npm run lab -- down`);
  const panel = spawn(tsx, ["scripts/start.ts"], { cwd: root, stdio: "inherit", env: process.env });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => panel.kill(sig));
  panel.on("exit", (code) => process.exit(code ?? 0));
}

void main();
