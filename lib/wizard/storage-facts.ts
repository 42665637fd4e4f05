import type { TStoredHostFacts } from "@/lib/hosts/facts";
import type { TStorageFacts } from "./storage-choices";

// What the Storage step needs from the stored host facts beyond TWizardHost: the DRBD kernel
// module each host runs (drbdadm --version's kernel side). Pure.
export function storageFactsOf(rows: readonly { name: string; facts: TStoredHostFacts | null }[]): TStorageFacts {
  return Object.fromEntries(rows.flatMap((r) => (r.facts ? [[r.name, { drbdKernel: r.facts.drbd.kernelVersion }]] : [])));
}
