import { z } from "zod";
import { ZHostFacts } from "@/agents/host/model";

// Host.facts: probeHostFacts' result plus the running kernel (`uname -r`, which the probe does
// not ask for and pveversion only knows on Proxmox hosts). Still a valid THostFacts, so the
// cluster wizard's prechecks read the same column.
export const ZStoredHostFacts = ZHostFacts.extend({ kernel: z.string().nullable() });
export type TStoredHostFacts = z.infer<typeof ZStoredHostFacts>;

export const readStoredFacts = (value: unknown): TStoredHostFacts | null => ZStoredHostFacts.safeParse(value).data ?? null;

export const KERNEL_ARGV = ["uname", "-r"];
