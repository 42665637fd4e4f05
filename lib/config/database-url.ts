import path from "node:path";

export type TEnvVars = Record<string, string | undefined>;

// The one place that decides where the database lives: DATABASE_URL wins, otherwise
// PANEL_DATA_DIR (default ./data) holds panel.db. Shared by prisma.config.ts, the start
// script and the runtime client so they can never disagree.
export function dataDirFromEnv(env: TEnvVars): string {
  return path.resolve(/*turbopackIgnore: true*/ env.PANEL_DATA_DIR || "data");
}

export function databaseUrlFromEnv(env: TEnvVars): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  return `file:${path.join(dataDirFromEnv(env), "panel.db")}`;
}

export function sqlitePathFromUrl(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return path.resolve(/*turbopackIgnore: true*/ url.slice("file:".length));
}
