import { z } from "zod";

// viewer reads, operator runs everyday actions (migrate, maintenance), admin changes the
// cluster's shape and the panel itself (hosts, wizard, users, destructive plans).
export const ZRole = z.enum(["viewer", "operator", "admin"]);
export type TRole = z.infer<typeof ZRole>;

const RANK: Record<TRole, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(actual: string, required: TRole): boolean {
  const parsed = ZRole.safeParse(actual);
  return parsed.success && RANK[parsed.data] >= RANK[required];
}
