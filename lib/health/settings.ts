import { z } from "zod";

// How often the collector polls. Validated at start so a typo fails loudly instead of
// polling every millisecond or never.
export const ZHealthSettings = z.object({
  intervalMs: z.coerce.number().int().min(500).max(600_000).default(5_000),
});
export type THealthSettings = z.infer<typeof ZHealthSettings>;

export function healthSettingsFromEnv(env: Record<string, string | undefined>): THealthSettings {
  const r = ZHealthSettings.safeParse({ intervalMs: env.PANEL_HEALTH_INTERVAL_MS || undefined });
  if (!r.success) throw new Error(`PANEL_HEALTH_INTERVAL_MS must be a whole number of milliseconds between 500 and 600000 (got "${env.PANEL_HEALTH_INTERVAL_MS}")`);
  return r.data;
}

// A host gets most of an interval to answer, and never more than 4 s, so a round with a dead
// host still ends in time for a crash to show within interval + 2 s.
export const hostTimeoutMs = (intervalMs: number) => Math.max(400, Math.min(4_000, Math.round(intervalMs * 0.8)));

// A lease outlives a few missed renewals (a slow database write) but not a dead instance by long.
export const leaseMs = (intervalMs: number) => Math.max(3 * intervalMs, 5_000);
