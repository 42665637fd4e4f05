import { z } from "zod";
import { dataDirFromEnv, databaseUrlFromEnv, type TEnvVars } from "./database-url";

// Every setting the panel reads from the environment, checked once. A bad value stops the
// start with one line that names the variable and what it wants.
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  PANEL_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql://")
    .optional(),
  PANEL_ADMIN_USER: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{1,31}$/, "must be 2-32 characters: a-z, 0-9, _ . - (starting with a letter)")
    .default("admin"),
  PANEL_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  PANEL_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  // "auto": Secure cookies when the request came over TLS (directly or via X-Forwarded-Proto).
  PANEL_COOKIE_SECURE: z.enum(["auto", "true", "false"]).default("auto"),
  PANEL_SECRET_KEY: z.string().optional(),
});
export type TEnv = z.infer<typeof ZEnv> & { dataDir: string; databaseUrl: string };

export class EnvError extends Error {}

export function readEnv(env: TEnvVars = process.env): TEnv {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new EnvError(`${name} ${issue?.message ?? "is invalid"} (got ${JSON.stringify(env[name] ?? "")})`);
  }
  return { ...parsed.data, dataDir: dataDirFromEnv(env), databaseUrl: databaseUrlFromEnv(env) };
}
