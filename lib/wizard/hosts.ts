import type { TStoredHostFacts } from "@/lib/hosts/facts";
import { hostKeyStateOf, readLastConnection } from "@/lib/hosts/host-state";
import type { TWizardAddress, TWizardHost } from "./model";

// An inventory row (and its stored facts) as the wizard shows it: whether it can be used, the
// addresses a corosync link can use, the free disks storage could use. Pure.

export type TWizardHostRow = {
  id: string;
  name: string;
  address: string;
  clusterId: string | null;
  cluster: { name: string } | null;
  hostKeyFingerprint: string | null;
  hostKeyPinnedAt: Date | null;
  lastConnection: unknown;
  credentialId: string | null;
  factsAt: Date | null;
};

// Link-local and loopback addresses cannot carry corosync between hosts.
function linkCandidates(facts: TStoredHostFacts | null): TWizardAddress[] {
  return (facts?.interfaces ?? [])
    .filter((i) => i.up && i.name !== "lo")
    .flatMap((i) =>
      i.addresses
        .filter((a) => a.scope === "global" || a.scope === null)
        .filter((a) => !a.address.startsWith("127.") && a.address !== "::1" && !a.address.toLowerCase().startsWith("fe80:"))
        .map((a) => ({ iface: i.name, address: a.address, prefixLength: a.prefixLength, family: a.family })),
    );
}

const packageVersion = (facts: TStoredHostFacts | null, name: string) => facts?.packages?.find((p) => p.name === name && p.installed)?.version ?? null;

export function wizardHostOf(row: TWizardHostRow, facts: TStoredHostFacts | null): TWizardHost {
  const last = readLastConnection(row.lastConnection);
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    clusterId: row.clusterId,
    clusterName: row.cluster?.name ?? null,
    keyState: hostKeyStateOf(row),
    hasCredential: row.credentialId !== null,
    factsAt: row.factsAt?.toISOString() ?? null,
    addresses: linkCandidates(facts),
    freeDisks: (facts?.blockDevices?.disks ?? []).filter((d) => d.empty && !d.virtual).map((d) => ({ name: d.name, sizeBytes: d.sizeBytes })),
    corosyncVersion: packageVersion(facts, "corosync"),
    pacemakerVersion: packageVersion(facts, "pacemaker"),
    os: facts?.os?.prettyName ?? null,
    lastError: last?.report ? last.report.message : null,
  };
}
