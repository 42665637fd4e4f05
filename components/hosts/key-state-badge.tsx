import { Badge } from "@/components/ui/badge";
import type { TCredentialState, THostKeyState } from "@/lib/hosts/host-state";

export function KeyStateBadge({ state }: { state: THostKeyState }) {
  if (state === "trusted") return <Badge tone="ok">trusted</Badge>;
  if (state === "changed") return <Badge tone="crit">CHANGED</Badge>;
  return <Badge tone="warn">not trusted</Badge>;
}

export function CredentialBadge({ state }: { state: TCredentialState }) {
  if (state === "panel-key") return <Badge tone="ok">panel key</Badge>;
  if (state === "private-key") return <Badge tone="ok">own key</Badge>;
  return <Badge tone="neutral">none</Badge>;
}
