import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrlFromEnv } from "./lib/config/database-url";

const url = databaseUrlFromEnv(process.env);

// migrate replays migrations into a throwaway database with one statement per call;
// better-sqlite3 prepares one statement at a time, so multi-statement SQL goes through executeScript.
class MigrateSafeBetterSQLite3 extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    const raw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (q) => (q.args.length ? raw(q) : (await adapter.executeScript(q.sql), 0));
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new MigrateSafeBetterSQLite3({ url });
  },
});
