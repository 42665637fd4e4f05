import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { formatTimestamp } from "@/lib/format/time";

export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  await requirePageUser("viewer");
  const { jobId } = await params;
  const job = await db.job.findUnique({
    where: { id: jobId },
    include: {
      cluster: { select: { name: true } },
      steps: { orderBy: { index: "asc" } },
      logs: { orderBy: { seq: "asc" }, take: 2000 },
    },
  });
  if (!job) notFound();
  return (
    <>
      <PageHeader
        title={job.kind}
        description={`${job.cluster?.name ?? "no cluster"} · created ${formatTimestamp(job.createdAt)}`}
        actions={<JobStateBadge state={job.state} />}
      />
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <Card>
          <CardHeader title="Steps" />
          <CardBody>
            {job.steps.length === 0 ? (
              <p className="text-sm text-slate-600">No plan yet.</p>
            ) : (
              <ol className="space-y-2 text-sm">
                {job.steps.map((s) => (
                  <li key={s.id} className="flex items-start justify-between gap-2">
                    <span>
                      {s.index + 1}. {s.title}
                    </span>
                    <JobStateBadge state={s.state} />
                  </li>
                ))}
              </ol>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Log" />
          <CardBody>
            <pre className="max-h-[60vh] overflow-auto rounded bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100">
              {job.logs.length === 0 ? "No output yet." : job.logs.map((l) => `${formatTimestamp(l.at)} ${l.line}`).join("\n")}
            </pre>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
