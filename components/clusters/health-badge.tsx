import { Badge, type TTone } from "@/components/ui/badge";

const TONE: Record<string, TTone> = { ok: "ok", warning: "warn", critical: "crit" };
const LABEL: Record<string, string> = { ok: "Healthy", warning: "Degraded", critical: "Critical" };

export function HealthBadge({ status }: { status: string | null }) {
  if (!status) return <Badge>No data yet</Badge>;
  return <Badge tone={TONE[status] ?? "neutral"}>{LABEL[status] ?? status}</Badge>;
}
