import path from "node:path";
import { parseArgs } from "node:util";

// Puts the running lab into a panel database, for browser tests that start from a cluster the
// panel already watches (the wizard builds one from scratch in its own spec). Prints
// {"clusterId": …}. The data directory, not only the database: the host credentials are
// encrypted with that panel's secret.key. Run under the react-server condition (lib/ssh
// imports "server-only"):
//   tsx --conditions=react-server e2e/lab/seed-panel.ts <panel-data-dir> [--mode bare|cluster|qdevice]
//       [--nodes 2|3] [--cluster NAME] [--kind pacemaker|pve]
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    mode: { type: "string", default: "cluster" },
    nodes: { type: "string", default: "3" },
    cluster: { type: "string" },
    kind: { type: "string", default: "pacemaker" },
  },
});
const dataDir = positionals[0];
const mode = values.mode;
const kind = values.kind;
const nodes = Number(values.nodes);
if (!dataDir || (mode !== "bare" && mode !== "cluster" && mode !== "qdevice") || (kind !== "pacemaker" && kind !== "pve") || (nodes !== 2 && nodes !== 3)) {
  process.stderr.write("seed-panel: usage: seed-panel.ts <panel-data-dir> [--mode bare|cluster|qdevice] [--nodes 2|3] [--cluster NAME] [--kind pacemaker|pve]\n");
  process.exit(64);
}
process.env.PANEL_DATA_DIR = path.resolve(dataDir);
delete process.env.PANEL_SECRET_KEY;
delete process.env.DATABASE_URL;
const { createDb } = await import("@/lib/db");
const { seedDemo } = await import("@/scripts/demo-seed");
const { ensureLab } = await import("./lab-env");
// The lab as the calling spec left it: a spec that formed its own cluster must not see it rebuilt.
const lab = await ensureLab({ mode, nodes });
const db = createDb();
try {
  const { clusterId } = await seedDemo(db, lab, { name: values.cluster, kind });
  process.stdout.write(JSON.stringify({ clusterId }) + "\n");
} finally {
  await db.$disconnect();
}
