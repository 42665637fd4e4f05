"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { planWizard, runWizardPrecheck, saveWizard } from "@/lib/actions/wizard";
import { cn } from "@/lib/utils/cn";
import { precheckHostsOf, WIZARD_STEPS, ZWizardDraft, type TWizardContext, type TWizardDraft, type TWizardIssue, type TWizardStep } from "@/lib/wizard/model";
import type { TStorageFacts } from "@/lib/wizard/storage-choices";
import { validateWizardStep } from "@/lib/wizard/validate";
import { HaStep } from "./ha-step";
import { HaStepPve } from "./ha-step-pve";
import { HostsStep } from "./hosts-step";
import { IssueList } from "./issue-list";
import { NetworkStep } from "./network-step";
import type { TPrecheckOutcome } from "./precheck-results";
import { QuorumStep } from "./quorum-step";
import { ReviewSummary } from "./review-summary";
import { ReviewSummaryPve } from "./review-summary-pve";
import { StorageStep, StorageSummary } from "./storage-step";

// Every step is shown; a step with nothing to choose says so.
const SHOWN = WIZARD_STEPS;
const next = (n: TWizardStep): TWizardStep => (SHOWN.find((s) => s.n > n)?.n ?? n) as TWizardStep;
const prev = (n: TWizardStep): TWizardStep => ([...SHOWN].reverse().find((s) => s.n < n)?.n ?? n) as TWizardStep;

export type TSetupWizardProps = {
  ctx: TWizardContext;
  initialDraft: TWizardDraft;
  phase: "edit" | "review" | "apply" | "unchanged";
  // A stage job is queued, planning or running: planning again would race it.
  busy: boolean;
  reviewSlot: ReactNode;
  applySlot: ReactNode;
  // What the Storage step reads from the hosts' facts beyond ctx (the DRBD kernel module).
  storageFacts?: TStorageFacts;
};

// The wizard's steps, client side: every change is checked at once with the same zod schema
// and step checks the server runs again on save; "Next" explains what it still needs.
export function SetupWizard({ ctx, initialDraft, phase, busy, reviewSlot, applySlot, storageFacts = {} }: TSetupWizardProps) {
  const router = useRouter();
  const [draft, setDraft] = useState<TWizardDraft>(initialDraft);
  const [step, setStep] = useState<TWizardStep>(phase === "apply" ? 8 : phase === "edit" ? initialDraft.step : 7);
  const [precheckJobId, setPrecheckJobId] = useState(initialDraft.precheckJobId);
  const [precheckHosts, setPrecheckHosts] = useState(initialDraft.precheckHosts);
  const [precheck, setPrecheck] = useState<TPrecheckOutcome>({ done: false, errors: 0 });
  const save = useAction(saveWizard);
  const precheckAction = useAction(runWizardPrecheck, {
    onSuccess: ({ data }) => {
      if (!data) return;
      setPrecheckJobId(data.jobId);
      setPrecheckHosts(precheckHostsOf(draft));
    },
  });
  const plan = useAction(planWizard, { onSuccess: () => router.refresh() });
  const heading = useRef<HTMLHeadingElement>(null);

  // Once a confirmed stage starts running, follow it to the apply step (adjusted while
  // rendering, as React recommends for state derived from a changed prop).
  const [shownPhase, setShownPhase] = useState(phase);
  if (phase !== shownPhase) {
    setShownPhase(phase);
    if (phase === "apply") setStep(8);
    if (phase === "review" || phase === "unchanged") setStep(7);
  }

  const update = useCallback((change: (d: TWizardDraft) => TWizardDraft) => {
    setDraft((d) => {
      const parsed = ZWizardDraft.safeParse(change(d));
      return parsed.success ? parsed.data : d;
    });
  }, []);

  const issues: TWizardIssue[] = useMemo(() => {
    const own = validateWizardStep(step, draft, ctx);
    if (step !== 2 || own.length > 0) return own;
    const wanted = precheckHostsOf(draft);
    const checked = precheckJobId !== null && wanted.length === precheckHosts.length && wanted.every((h) => precheckHosts.includes(h));
    if (!checked) return [{ step: 2, path: "precheck", message: "Run the prechecks for the picked hosts." }];
    if (!precheck.done) return [{ step: 2, path: "precheck", message: "Wait for the prechecks to finish." }];
    if (precheck.errors > 0) return [{ step: 2, path: "precheck", message: "The prechecks found problems: fix them and run the prechecks again." }];
    return [];
  }, [step, draft, ctx, precheckJobId, precheckHosts, precheck]);

  const go = (to: TWizardStep) => {
    setStep(to);
    save.execute({ clusterId: ctx.clusterId, draft: { ...draft, step: to } });
    setDraft((d) => ({ ...d, step: to }));
    requestAnimationFrame(() => heading.current?.focus());
  };
  const onOutcome = useCallback((o: TPrecheckOutcome) => setPrecheck((p) => (p.done === o.done && p.errors === o.errors ? p : o)), []);
  const title = SHOWN.find((s) => s.n === step)?.title ?? "";
  // Later steps are reachable only through the earlier ones, each complete; review and apply
  // stay open once a plan exists.
  const canReach = (n: TWizardStep) => n <= step || (n === next(step) && issues.length === 0) || (phase !== "edit" && n >= 7);

  return (
    <div className="grid gap-6 lg:grid-cols-[13rem_minmax(0,1fr)]">
      <nav aria-label="Wizard steps">
        <ol className="space-y-1">
          {SHOWN.map((s, i) => (
            <li key={s.slug}>
              <button
                type="button"
                aria-current={s.n === step ? "step" : undefined}
                disabled={!canReach(s.n)}
                onClick={() => go(s.n)}
                className={cn(
                  "w-full rounded-md px-3 py-2 text-left text-sm disabled:cursor-not-allowed disabled:text-slate-400",
                  s.n === step ? "bg-slate-900 font-medium text-white" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                {i + 1}. {s.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <Card className="min-w-0">
        <CardHeader title={<span ref={heading} tabIndex={-1}>{title}</span>} />
        <CardBody className="space-y-6">
          {step === 1 ? <ClusterStep ctx={ctx} draft={draft} update={update} /> : null}
          {step === 2 ? (
            <HostsStep
              ctx={ctx}
              draft={draft}
              update={update}
              precheckJobId={precheckJobId}
              onPrecheck={() => precheckAction.execute({ clusterId: ctx.clusterId, draft })}
              precheckPending={precheckAction.isPending}
              precheckError={precheckAction.result.serverError}
              onOutcome={onOutcome}
            />
          ) : null}
          {step === 3 ? <NetworkStep ctx={ctx} draft={draft} update={update} issues={issues} /> : null}
          {step === 4 ? <QuorumStep ctx={ctx} draft={draft} update={update} issues={issues} /> : null}
          {step === 5 ? <StorageStep ctx={ctx} draft={draft} update={update} issues={issues} facts={storageFacts} /> : null}
          {step === 6 ? ctx.kind === "pve" ? <HaStepPve draft={draft} update={update} issues={issues} /> : <HaStep ctx={ctx} draft={draft} update={update} issues={issues} /> : null}
          {step === 7 ? (
            <div className="space-y-6">
              {ctx.kind === "pve" ? <ReviewSummaryPve draft={draft} /> : <ReviewSummary ctx={ctx} draft={draft} />}
              <StorageSummary draft={draft} />
              <div className="flex items-center gap-3">
                <Button disabled={plan.isPending || busy} onClick={() => plan.execute({ clusterId: ctx.clusterId, draft: { ...draft, step: 7 } })}>
                  {phase === "edit" ? "Compute the plan" : "Compute the plan again"}
                </Button>
                {busy ? <span className="text-sm text-slate-600">A wizard job is queued or running: wait for it to end (follow it below or on the Apply step).</span> : null}
                {plan.result.serverError ? (
                  <p role="alert" className="text-sm text-red-700">
                    {plan.result.serverError}
                  </p>
                ) : null}
              </div>
              {phase === "unchanged" ? (
                <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm font-medium text-green-900">
                  Nothing to change: the cluster already matches these settings.
                </p>
              ) : null}
              {reviewSlot}
            </div>
          ) : null}
          {step === 8 ? applySlot : null}
          {step <= 6 ? <IssueList issues={issues} /> : null}
          <div className="flex items-center justify-between border-t border-slate-200 pt-4">
            <Button variant="secondary" disabled={step === 1} onClick={() => go(prev(step))}>
              Back
            </Button>
            {step < 7 ? (
              <Button disabled={issues.length > 0} aria-describedby="next-why" onClick={() => go(next(step))}>
                Next
              </Button>
            ) : null}
          </div>
          {step < 7 && issues.length > 0 ? (
            <p id="next-why" className="text-right text-xs text-slate-500">
              Next is disabled until the list above is done.
            </p>
          ) : null}
          {save.result.serverError ? (
            <p role="alert" className="text-sm text-red-700">
              Saving the draft failed: {save.result.serverError}
            </p>
          ) : null}
        </CardBody>
      </Card>
    </div>
  );
}

function ClusterStep({ ctx, draft, update }: { ctx: TWizardContext; draft: TWizardDraft; update: (f: (d: TWizardDraft) => TWizardDraft) => void }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm text-slate-700">
        Cluster <span className="font-medium">{ctx.clusterName}</span> ({ctx.kind === "pve" ? "Proxmox VE" : "corosync/Pacemaker"}). How many nodes?
      </legend>
      {([3, 2] as const).map((n) => (
        <label key={n} className="flex items-start gap-2 text-sm">
          <input type="radio" name="node-count" className="mt-1" checked={draft.nodeCount === n} onChange={() => update((d) => ({ ...d, nodeCount: n, nodes: d.nodes.slice(0, n) }))} />
          <span>
            <span className="font-medium">{n} nodes</span>
            <span className="block text-slate-600">
              {n === 3 ? "A majority survives the loss of any one node: no tie-breaker needed." : "Needs a tie-breaker: a QDevice on a third machine, or two_node (explained on the Quorum step)."}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
