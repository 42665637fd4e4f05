import { existsSync, mkdirSync, openSync, readSync, closeSync, accessSync, constants } from "node:fs";
import net from "node:net";
import Database from "better-sqlite3";
import { sqlitePathFromUrl } from "../lib/config/database-url";

// Checks that run before the panel touches anything. Each failure is one line that says
// what is wrong and what to do; nothing is created or migrated until all have passed.
export class PreflightError extends Error {}

export function ensureDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new PreflightError(`cannot use the data directory ${dir} (${(e as NodeJS.ErrnoException).code ?? e}): set PANEL_DATA_DIR to a writable directory`);
  }
}

const SQLITE_MAGIC = "SQLite format 3\u0000";

export function checkSqliteFile(databaseUrl: string): "missing" | "ok" {
  const file = sqlitePathFromUrl(databaseUrl);
  if (!file || !existsSync(file)) return "missing";
  const restore = `restore ${file} from a backup, or move it away to start with an empty panel`;
  const fd = openSync(file, "r");
  const header = Buffer.alloc(16);
  const read = readSync(fd, header, 0, 16, 0);
  closeSync(fd);
  if (read === 0) return "missing";
  if (read < 16 || header.toString("latin1") !== SQLITE_MAGIC) {
    throw new PreflightError(`the database ${file} is not an SQLite file (corrupt or overwritten): ${restore}`);
  }
  let result = "";
  try {
    const conn = new Database(file, { readonly: true, fileMustExist: true });
    try {
      result = String(conn.pragma("quick_check", { simple: true }));
    } finally {
      conn.close();
    }
  } catch (e) {
    throw new PreflightError(`the database ${file} cannot be read (${(e as Error).message}): ${restore}`);
  }
  if (result !== "ok") throw new PreflightError(`the database ${file} is corrupt (${result.split("\n")[0]}): ${restore}`);
  return "ok";
}

export function checkPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (e: NodeJS.ErrnoException) => {
      const why = e.code === "EADDRINUSE" ? "is in use by another program" : `cannot be opened (${e.code})`;
      reject(new PreflightError(`port ${port} on ${host} ${why}: stop that program or start the panel with PORT=<another port>`));
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}
