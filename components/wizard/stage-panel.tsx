import { ConfirmForm } from "@/components/jobs/confirm-form";
import { JobControls } from "@/components/jobs/job-controls";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { LiveJob } from "@/components/jobs/live-job";
import { PlanView } from "@/components/jobs/plan-view";
import { ReportList } from "@/components/jobs/report-list";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { planReports } from "@/lib/plan/plan";
import type { TWizardStage } from "@/lib/wizard/stage-view";
import { stageUnchanged } from "@/lib/wizard/stage-view";
import { RetryStageButton } from "./stage-buttons";

// One stage of the wizard's apply (a job): its full plan and the confirmation while it waits,
// its live steps and log once it runs, and the way back out when it fails. Server-rendered;
// LiveJob refreshes the page when the job's state moves.
export function StagePanel(props: { clusterId: string; n: 1 | 2 | 3; title: string; stage: TWizardStage; canAct: boolean; showPlan: boolean }) {
  const { clusterId, n, title, stage, canAct, showPlan } = props;
  // The plan view shows the plan's reports and each step's; the job's own (a failure) go on top.
  const planReportsShown = stage.plan ? planReports(stage.plan) : [];
  const jobReports = stage.view.reports.filter((r) => !planReportsShown.some((p) => p.code === r.code && p.message === r.message));
  return (
    <Card>
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            Stage {n}: {title} <JobStateBadge state={stage.state} />
          </span>
        }
        actions={
          <a href={`/jobs/${stage.id}`} className="text-xs text-sky-700 hover:underline">
            Job page
          </a>
        }
      />
      <CardBody className="space-y-4">
        {stageUnchanged(stage) ? <p className="text-sm font-medium text-green-800">Nothing to change: the hosts already match.</p> : null}
        {jobReports.length > 0 ? <ReportList reports={jobReports} /> : null}
        {stage.plan && showPlan && stage.plan.steps.length > 0 ? <PlanView plan={stage.plan} /> : null}
        {stage.state === "awaiting-confirmation" ? (
          <ConfirmForm jobId={stage.id} confirmWord={stage.confirmWord} hasWarnings={stage.hasWarnings} hasErrors={stage.hasErrors} canConfirm={canAct} role={stage.role} />
        ) : null}
        <JobControls jobId={stage.id} state={stage.state} canAct={canAct} />
        {canAct && ["failed", "undone", "cancelled"].includes(stage.state) ? <RetryStageButton clusterId={clusterId} stage={n} /> : null}
        {/* Keyed by job: stage 2 is another job, and LiveJob keeps the log it has seen. */}
        <div className="min-w-0 overflow-x-auto">
          <LiveJob key={stage.id} jobId={stage.id} initial={stage.view} />
        </div>
      </CardBody>
    </Card>
  );
}
