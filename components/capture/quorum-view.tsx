import type { TCorosyncQuorum } from "@/agents/corosync/model";
import { Badge } from "@/components/ui/badge";

// The numbers an admin checks first in `corosync-quorumtool -s` / `pvecm status`.
export function QuorumView({ model }: { model: TCorosyncQuorum }) {
  return (
    <div className="space-y-3 text-sm">
      <p>
        {model.quorate === null ? <Badge>quorum unknown</Badge> : model.quorate ? <Badge tone="ok">quorate</Badge> : <Badge tone="crit">NOT quorate</Badge>}{" "}
        votes {model.totalVotes ?? "?"} of {model.expectedVotes ?? "?"} expected, {model.quorum ?? "?"} needed
        {model.twoNode ? " · two_node" : ""}
        {model.activityBlocked ? " · activity blocked" : ""}
      </p>
      {model.qdevice ? (
        <p>
          QDevice: {model.qdevice.votes} vote(s){" "}
          {model.qdevice.state ? <Badge tone={model.qdevice.state === "voting" ? "ok" : "crit"}>{model.qdevice.state}</Badge> : null}
        </p>
      ) : null}
      <ul className="space-y-1">
        {model.nodes.map((n) => (
          <li key={n.nodeid}>
            node {n.nodeid} <span className="font-medium">{n.name ?? ""}</span> · {n.votes ?? "?"} vote(s){n.local ? " (local)" : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
