import { Badge } from "@/components/ui/badge";
import type { THealthQuorum } from "@/lib/health/model";

export function QuorumSummary({ quorum }: { quorum: THealthQuorum | null }) {
  if (!quorum) return <p className="text-sm text-slate-600">No host reported quorum.</p>;
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        {quorum.quorate === null ? <Badge>unknown</Badge> : quorum.quorate ? <Badge tone="ok">quorate</Badge> : <Badge tone="crit">NOT quorate</Badge>}
        <span>
          <span className="font-semibold">{quorum.votes ?? "?"}</span> of {quorum.expected ?? "?"} votes, {quorum.needed ?? "?"} needed
        </span>
      </p>
      {quorum.qdevice ? (
        <p className="flex items-center gap-2">
          QDevice: {quorum.qdevice.votes}/{quorum.qdevice.configuredVotes} vote(s)
          <Badge tone={quorum.qdevice.state === "voting" ? "ok" : "warn"}>{quorum.qdevice.state ?? "unknown"}</Badge>
        </p>
      ) : null}
      <p className="text-slate-600">
        Members: {quorum.members.join(", ") || "none"} <span className="text-xs text-slate-400">(seen from {quorum.seenFrom})</span>
      </p>
    </div>
  );
}
