import "server-only";
import { PanelSQLiteAdapter } from "./db-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrlFromEnv } from "@/lib/config/database-url";

// One client per process; Next's dev server reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { panelDb?: PrismaClient };

export function createDb(url = databaseUrlFromEnv(process.env)): PrismaClient {
  return new PrismaClient({ adapter: new PanelSQLiteAdapter({ url }) });
}

export const db: PrismaClient = globalForDb.panelDb ?? createDb();
if (process.env.NODE_ENV !== "production") globalForDb.panelDb = db;
