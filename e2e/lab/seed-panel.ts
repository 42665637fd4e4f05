import path from "node:path";

// Puts the running lab into a panel database, for browser tests that start from a cluster the
// panel already watches (the wizard builds one from scratch in its own spec). Prints
// {"clusterId": …}. The data directory, not only the database: the host credentials are
// encrypted with that panel's secret.key. Run under the react-server condition (lib/ssh
// imports "server-only"):
//   tsx --conditions=react-server e2e/lab/seed-panel.ts <panel-data-dir>
const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write("seed-panel: give the panel's data directory\n");
  process.exit(64);
}
process.env.PANEL_DATA_DIR = path.resolve(dataDir);
delete process.env.PANEL_SECRET_KEY;
delete process.env.DATABASE_URL;
const { createDb } = await import("@/lib/db");
const { seedDemo } = await import("@/scripts/demo-seed");
const { ensureLab } = await import("./lab-env");
const lab = await ensureLab({ mode: "cluster", nodes: 3 });
const db = createDb();
try {
  const { clusterId } = await seedDemo(db, lab);
  process.stdout.write(JSON.stringify({ clusterId }) + "\n");
} finally {
  await db.$disconnect();
}
