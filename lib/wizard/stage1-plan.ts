import { z } from "zod";
import { ZCorosyncConfig, type TCorosyncConfig } from "@/agents/corosync/model";
import { planCorosyncCluster } from "@/agents/corosync/plan";
import type { TCorosyncObserved } from "@/agents/corosync/probe";
import { planCorosyncWithQdevice } from "@/agents/qdevice/plan";
import type { TQdeviceObserved } from "@/agents/qdevice/probe";
import { buildPlan, commandStep } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { shScript } from "@/lib/ssh/argv";

// Stage 1 of the wizard: the corosync cluster (with its QDevice when there are two nodes and
// a witness), then Pacemaker enabled and started on every node, then a wait until Pacemaker
// has elected a DC and sees every node online. Stage 2 (the CIB) can only be planned against
// that running cluster. Pure.

export const ZStage1Input = z.object({
  corosync: ZCorosyncConfig,
  qdevice: z.object({ witness: z.string().min(1).max(63), witnessAddress: z.string().min(1).max(253) }).nullable(),
});
export type TStage1Input = z.infer<typeof ZStage1Input>;

export type TPacemakerServiceObserved = { enabled: boolean; active: boolean };

export type TStage1Observed = {
  corosync: Readonly<Record<string, TCorosyncObserved>>;
  qdevice: Readonly<Record<string, TQdeviceObserved>>;
  pacemaker: Readonly<Record<string, TPacemakerServiceObserved>>;
};

// $1 = how many nodes must be online, $2 = how many one-second tries. crm_mon's XML says
// whether a DC is present and which nodes are online; grep is enough for those two facts.
export const PACEMAKER_READY_SCRIPT = [
  "i=0",
  'while [ "$i" -lt "$2" ]; do',
  "  x=$(crm_mon -1 --output-as=xml 2>/dev/null) || x=''",
  `  if printf '%s' "$x" | grep -q '<current_dc[^>]*present="true"'; then`,
  `    n=$(printf '%s' "$x" | grep -o '<node name="[^"]*"[^>]*online="true"' | wc -l)`,
  '    [ "$n" -ge "$1" ] && exit 0',
  "  fi",
  "  i=$((i + 1))",
  '  [ "$i" -lt "$2" ] && sleep 1',
  "done",
  "exit 1",
].join("\n");

// Pacemaker's first start may wait dc-deadtime (20 s by default) before it elects a DC.
const READY_TRIES = 120;

function pacemakerServiceStep(host: string, verb: "enable" | "start"): TPlanStep {
  const enable = verb === "enable";
  return commandStep({
    id: `pacemaker-${verb}-${host}`,
    title: enable ? `Start Pacemaker at boot on ${host}` : `Start Pacemaker on ${host}`,
    host,
    argv: ["systemctl", verb, "pacemaker"],
    check: { kind: "command", argv: ["systemctl", enable ? "is-enabled" : "is-active", "pacemaker"] },
    undo: { kind: "command", argv: ["systemctl", enable ? "disable" : "stop", "pacemaker"] },
  });
}

function readyStep(host: string, nodes: number): TPlanStep {
  return commandStep({
    id: "pacemaker-ready",
    title: `Wait until Pacemaker has a DC and sees all ${nodes} nodes online (up to ${READY_TRIES} s)`,
    host,
    argv: shScript(PACEMAKER_READY_SCRIPT, [String(nodes), String(READY_TRIES)]),
    check: { kind: "command", argv: shScript(PACEMAKER_READY_SCRIPT, [String(nodes), "1"]) },
    // It only waited: there is nothing to take back.
    undo: { kind: "command", argv: ["true"] },
  });
}

export function planWizardStage1(input: TStage1Input, observed: TStage1Observed, opts: { authkey?: string } = {}): TPlan {
  const desired: TCorosyncConfig = input.corosync;
  const nodes = desired.nodes.map((n) => n.name);
  const corosync = input.qdevice
    ? planCorosyncWithQdevice(desired, input.qdevice, { corosync: observed.corosync, qdevice: observed.qdevice }, opts)
    : planCorosyncCluster(desired, observed.corosync, opts);
  if (corosync.reports.some((r) => r.severity === "error")) return corosync;
  const first = nodes[0];
  const pcmk = nodes.flatMap((h) => {
    const o = observed.pacemaker[h] ?? { enabled: false, active: false };
    return [...(o.enabled ? [] : [pacemakerServiceStep(h, "enable")]), ...(o.active ? [] : [pacemakerServiceStep(h, "start")])];
  });
  const steps = [...corosync.steps, ...pcmk];
  // Waiting is only worth a step when something was (re)started; a cluster that already
  // runs makes the whole plan empty ("nothing to change").
  if (steps.length > 0 && first) steps.push(readyStep(first, nodes.length));
  return buildPlan({
    title: `${corosync.title}, then Pacemaker`,
    steps,
    diffs: corosync.diffs,
    reports: corosync.reports,
  });
}
