import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { formatTimestamp } from "@/lib/format/time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Jobs" };

export default async function JobsPage({ searchParams }: { searchParams: Promise<{ cluster?: string }> }) {
  await requirePageUser("viewer");
  const { cluster } = await searchParams;
  const jobs = await db.job.findMany({
    where: cluster ? { clusterId: cluster } : {},
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { cluster: { select: { name: true } }, createdBy: { select: { username: true } } },
  });
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Every change the panel makes is a job: it shows its plan, waits for your confirmation, then runs step by step with a live log."
      />
      {jobs.length === 0 ? (
        <EmptyState title="No jobs yet">Jobs appear here when you run the setup wizard, a migration or any other change.</EmptyState>
      ) : (
        <Table caption="Jobs">
          <thead className="bg-slate-50">
            <tr>
              <Th>Job</Th>
              <Th>Cluster</Th>
              <Th>State</Th>
              <Th>By</Th>
              <Th>Created</Th>
              <Th>Finished</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {jobs.map((j) => (
              <Tr key={j.id}>
                <Td>
                  <Link href={`/jobs/${j.id}`} className="font-medium text-sky-800 hover:underline">
                    {j.kind}
                  </Link>
                </Td>
                <Td>{j.cluster?.name ?? "—"}</Td>
                <Td>
                  <JobStateBadge state={j.state} />
                </Td>
                <Td>{j.createdBy?.username ?? "system"}</Td>
                <Td className="whitespace-nowrap text-slate-600">{formatTimestamp(j.createdAt)}</Td>
                <Td className="whitespace-nowrap text-slate-600">{formatTimestamp(j.finishedAt)}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
