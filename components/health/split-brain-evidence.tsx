import type { TSplitBrainDetection, TSplitBrainNode } from "@/agents/drbd/split-brain";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";

const kib = (n: number | null) => (n === null ? "unknown" : n >= 1024 ? `${(n / 1024).toFixed(1)} MiB (${n} KiB)` : `${n} KiB`);

const ROWS: { label: string; value: (n: TSplitBrainNode) => string }[] = [
  { label: "Role", value: (n) => n.role ?? "not up" },
  { label: "Connection", value: (n) => n.connection ?? "—" },
  { label: "Local disk", value: (n) => n.disk ?? "—" },
  { label: "Changes its peer lacks", value: (n) => kib(n.outOfSyncKiB) },
  { label: "Current generation id", value: (n) => n.gi?.current ?? "—" },
  { label: "Bitmap generation id", value: (n) => n.gi?.bitmap ?? "—" },
  { label: "Kernel: split brain unresolved", value: (n) => (n.splitBrainLogged ? `yes${n.splitBrainLoggedAt ? `, at ${n.splitBrainLoggedAt}` : ""}` : "no") },
  { label: "Last became Primary", value: (n) => n.lastPromotedAt ?? "not in the log" },
];

// The evidence of every node side by side, the recommended victim marked.
export function SplitBrainEvidence({ d }: { d: TSplitBrainDetection }) {
  return (
    <Table caption={`Evidence per node for ${d.resource}`}>
      <thead className="bg-slate-50">
        <tr>
          <Th>What</Th>
          {d.nodes.map((n) => (
            <Th key={n.host}>
              {n.host} {n.host === d.recommendedVictim ? <Badge tone="warn">recommended victim</Badge> : null}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {ROWS.map((r) => (
          <Tr key={r.label}>
            <Th scope="row" className="normal-case">
              {r.label}
            </Th>
            {d.nodes.map((n) => (
              <Td key={n.host} className="font-mono text-xs">
                {r.value(n)}
              </Td>
            ))}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
