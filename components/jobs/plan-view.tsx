import { displayArgv } from "@/lib/plan/apply";
import { planReports, planSummary, type TPlan, type TPlanStep } from "@/lib/plan/plan";
import { Badge } from "@/components/ui/badge";
import { FileDiffView } from "./file-diff-view";
import { ReportList } from "./report-list";

function StepAction({ step }: { step: TPlanStep }) {
  const a = step.action;
  if (a.kind === "command") {
    return <code className="block whitespace-pre-wrap break-all font-mono text-xs text-slate-800">$ {displayArgv(a.argv)}</code>;
  }
  return (
    <code className="block font-mono text-xs text-slate-800">
      write {a.path}
      {a.mode ? ` (mode ${a.mode})` : ""}
      {a.validate ? `, checked with ${displayArgv(a.validate)}` : ""}
    </code>
  );
}

// The plan as the admin reviews it: every step with its exact command or file, the file
// diffs, the tools' own dry runs, and what the planner found.
export function PlanView({ plan }: { plan: TPlan }) {
  const summary = planSummary(plan);
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-700">
        <span className="font-medium">{plan.title}</span>: {summary.text}.
      </p>
      <ReportList reports={planReports(plan)} />
      <ol className="space-y-3">
        {plan.steps.map((s, i) => (
          <li key={s.id} className="rounded-md border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">
                {i + 1}. {s.title}
              </span>
              <span className="text-slate-500">on {s.host}</span>
              {s.destructive ? <Badge tone="crit">destructive</Badge> : null}
              {s.undo ? null : <Badge tone="warn">no undo</Badge>}
            </div>
            <div className="mt-2">
              <StepAction step={s} />
            </div>
          </li>
        ))}
      </ol>
      {plan.diffs.length > 0 ? (
        <section className="space-y-3" aria-label="File changes">
          <h3 className="text-sm font-semibold">File changes</h3>
          {plan.diffs.map((d) => (
            <FileDiffView key={`${d.stepId}-${d.path}`} diff={d} />
          ))}
        </section>
      ) : null}
      {plan.dryRuns.length > 0 ? (
        <section className="space-y-3" aria-label="Dry runs">
          <h3 className="text-sm font-semibold">Dry runs</h3>
          {plan.dryRuns.map((d, i) => (
            <figure key={i} className="space-y-1">
              <figcaption className="text-xs text-slate-700">
                {d.title} on {d.host ?? "the panel"}: <code className="font-mono">{displayArgv(d.argv)}</code> (exit {d.code})
              </figcaption>
              <pre className="max-h-96 overflow-auto rounded bg-slate-950 p-2 font-mono text-xs leading-5 text-slate-100">{d.output || "(no output)"}</pre>
            </figure>
          ))}
        </section>
      ) : null}
    </div>
  );
}
