import { z } from "zod";
import type { TWizardAddress, TWizardContext, TWizardDraft } from "./model";

// The migration network of a Proxmox VE cluster: a network every node has an address in,
// offered from the nodes' facts. Pure. IPv4 only: Proxmox takes IPv6 here too, but the
// wizard offers what it can compute and check.

export type TMigrationCandidate = { cidr: string; addresses: Record<string, string> };

const toInt = (ip: string) => ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");

// 10.99.0.12/24 → 10.99.0.0/24.
export function networkOf(address: string, prefixLength: number): string | null {
  if (!z.ipv4().safeParse(address).success || prefixLength < 1 || prefixLength > 32) return null;
  const size = 2 ** (32 - prefixLength);
  return `${toIp(Math.floor(toInt(address) / size) * size)}/${prefixLength}`;
}

// Networks in which every node of the draft has an address, with each node's address there,
// in the order of node 1's interfaces.
export function migrationCandidates(draft: Pick<TWizardDraft, "nodes">, ctx: Pick<TWizardContext, "hosts">): TMigrationCandidate[] {
  const perNode = draft.nodes.map((n) => ctx.hosts.find((h) => h.name === n)?.addresses ?? []);
  const nets = (addrs: readonly TWizardAddress[]) => new Map(addrs.flatMap((a) => (a.family === "inet" ? [[networkOf(a.address, a.prefixLength), a.address] as const] : [])));
  const maps = perNode.map(nets);
  const [first, ...rest] = maps;
  if (!first || draft.nodes.length === 0) return [];
  const out: TMigrationCandidate[] = [];
  for (const cidr of first.keys()) {
    if (cidr === null || out.some((c) => c.cidr === cidr) || !rest.every((m) => m.has(cidr))) continue;
    out.push({ cidr, addresses: Object.fromEntries(draft.nodes.map((n, i) => [n, maps[i]?.get(cidr) ?? ""])) });
  }
  return out;
}

// datacenter.cfg's `migration` property as the wizard sets it.
export const migrationValue = (cidr: string) => `secure,network=${cidr}`;
