import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";

const root = path.resolve(import.meta.dirname, "../..");

// A real, migrated SQLite database in a temp dir: integration tests run the same
// migrations the panel runs on first start.
export function createTempDb(): { db: PrismaClient; url: string; dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(path.join(tmpdir(), "panel-db-"));
  const url = `file:${path.join(dir, "panel.db")}`;
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  return {
    db,
    url,
    dir,
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
