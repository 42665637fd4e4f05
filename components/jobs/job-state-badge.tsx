import { Badge, type TTone } from "@/components/ui/badge";

const TONE: Record<string, TTone> = {
  queued: "neutral",
  planning: "info",
  "awaiting-confirmation": "warn",
  running: "info",
  succeeded: "ok",
  failed: "crit",
  interrupted: "warn",
  cancelled: "neutral",
  confirmed: "info",
  "undo-requested": "warn",
  undoing: "info",
  undone: "neutral",
  // step states
  pending: "neutral",
  done: "ok",
  skipped: "neutral",
};

export function JobStateBadge({ state }: { state: string }) {
  return <Badge tone={TONE[state] ?? "neutral"}>{state}</Badge>;
}
