import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { TRole } from "@/lib/auth/roles";
import { confirmWord, isDestructive } from "@/lib/jobs/confirm";
import type { TJobKind } from "@/lib/jobs/kind";
import { planReports, type TPlan } from "@/lib/plan/plan";
import { ConfirmForm } from "./confirm-form";
import { PlanView } from "./plan-view";

// A job's plan and, while it waits, the confirmation: the same on every page that shows a job.
export function JobPlanCard(props: {
  title: string;
  job: { id: string; state: string; clusterName: string | null };
  kind: TJobKind | null;
  plan: TPlan;
  canAct: boolean;
  role: TRole;
}) {
  const { job, kind, plan } = props;
  const reports = planReports(plan);
  return (
    <Card>
      <CardHeader title={props.title} />
      <CardBody className="space-y-6">
        <PlanView plan={plan} />
        {job.state === "awaiting-confirmation" ? (
          <ConfirmForm
            jobId={job.id}
            confirmWord={isDestructive(kind, plan) ? confirmWord(job.clusterName, job.id) : null}
            hasWarnings={reports.some((r) => r.severity === "warning")}
            hasErrors={reports.some((r) => r.severity === "error")}
            canConfirm={props.canAct}
            role={props.role}
          />
        ) : null}
      </CardBody>
    </Card>
  );
}
