import type { TDrbdStatus } from "@/agents/drbd/model";
import type { TPacemakerStatus } from "@/agents/pacemaker/model";
import type { TCorosyncQuorum } from "@/agents/corosync/model";
import { DrbdView } from "./drbd-view";
import { PacemakerView } from "./pacemaker-view";
import { QuorumView } from "./quorum-view";

const DRBD = new Set(["proc-drbd", "drbd-status", "drbd-status-json", "drbd-events2"]);
const PACEMAKER = new Set(["crm-mon-xml", "crm-mon-text"]);

// The model views the dashboard uses for each family; other formats show their model as JSON.
export function CaptureView({ format, model }: { format: string; model: unknown }) {
  let view = null;
  if (DRBD.has(format)) view = <DrbdView model={model as TDrbdStatus} />;
  else if (PACEMAKER.has(format)) view = <PacemakerView model={model as TPacemakerStatus} />;
  else if (format === "corosync-quorum" || format === "pvecm-nodes") view = <QuorumView model={model as TCorosyncQuorum} />;
  else if (format === "pvecm-status") view = <QuorumView model={(model as { quorum: TCorosyncQuorum }).quorum} />;
  return (
    <div className="space-y-4">
      {view}
      <details open={!view}>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Model (JSON)</summary>
        <pre className="mt-2 max-h-[60vh] overflow-auto rounded bg-slate-950 p-3 font-mono text-xs text-slate-100">{JSON.stringify(model, null, 2)}</pre>
      </details>
    </div>
  );
}
