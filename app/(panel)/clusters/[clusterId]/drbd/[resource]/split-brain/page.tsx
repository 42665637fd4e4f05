import Link from "next/link";
import { notFound } from "next/navigation";
import { RESOURCE_NAME } from "@/agents/drbd/validate";
import { RefreshButton } from "@/components/health/refresh-button";
import { SplitBrainEvidence } from "@/components/health/split-brain-evidence";
import { SplitBrainForm } from "@/components/health/split-brain-form";
import { ReportList } from "@/components/jobs/report-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { latestSnapshot } from "@/lib/health/snapshot";
import { minorsOf, victimPreviews } from "@/lib/health/split-brain";
import { probeSplitBrain } from "@/lib/health/split-brain-probe";
import { runnerForHost } from "@/lib/jobs/runner-for-host";

export const dynamic = "force-dynamic";

// A malformed escape in the address is a page that does not exist, not a server error.
const safeDecode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};
export const metadata = { title: "Split-brain assistant" };

// The split-brain assistant: every render reads the resource on every host (read-only, audited
// as the viewer's commands), lays the evidence side by side, recommends a victim, and lets an
// admin start the recovery job.
export default async function SplitBrainPage({ params }: { params: Promise<{ clusterId: string; resource: string }> }) {
  const user = await requirePageUser("viewer");
  const { clusterId, resource: raw } = await params;
  const resource = safeDecode(raw);
  if (resource === null) notFound();
  if (!RESOURCE_NAME.test(resource)) notFound();
  const cluster = await db.cluster.findUnique({
    where: { id: clusterId },
    include: { hosts: { where: { hostKeyPinnedAt: { not: null }, credentialId: { not: null } }, orderBy: { name: "asc" } } },
  });
  if (!cluster) notFound();
  const minors = minorsOf((await latestSnapshot(db, cluster.id))?.model ?? null, resource);
  const byName = new Map(cluster.hosts.map((h) => [h.name, h]));
  const { detection: d, unreachable } = await probeSplitBrain(
    cluster.hosts.map((h) => h.name),
    async (name) => runnerForHost(db, byName.get(name)!, { userId: user.id }),
    resource,
    minors,
  );
  const readAt = new Date();
  return (
    <>
      <PageHeader
        title={`Split-brain assistant: ${resource}`}
        description={`DRBD resource ${resource} on ${cluster.name}. Read from every host just now; nothing changes until an admin confirms the recovery job.`}
        actions={
          <span className="flex items-center gap-3">
            <RefreshButton label="Read the hosts again" />
            <Link href={`/clusters/${cluster.id}/health/drbd`} className="text-xs text-sky-700 hover:underline">
              DRBD
            </Link>
            <Link href={`/clusters/${cluster.id}`} className="text-xs text-sky-700 hover:underline">
              Back to {cluster.name}
            </Link>
          </span>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Detection" actions={<span className="text-xs text-slate-500">read at {readAt.toISOString().slice(11, 19)} UTC</span>} />
          <CardBody className="space-y-4">
            <p role="status" className="text-sm">
              {d.splitBrain ? <Badge tone="crit">split brain</Badge> : <Badge tone="ok">no split brain</Badge>}{" "}
              {d.nodes.length === 0 ? `No host of ${cluster.name} holds ${resource}.` : `${resource} is held by ${d.nodes.map((n) => n.host).join(" and ")}.`}
            </p>
            {unreachable.length > 0 ? (
              <ul className="text-sm text-amber-800">
                {unreachable.map((u) => (
                  <li key={u.host}>
                    {u.host} could not be read: {u.error}
                  </li>
                ))}
              </ul>
            ) : null}
            {d.nodes.length > 0 ? <SplitBrainEvidence d={d} /> : null}
            <section aria-label="Signs">
              <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">Why</h3>
              {d.signs.length === 0 ? <p className="text-sm text-slate-600">No sign of a split brain.</p> : <ReportList reports={d.signs} />}
            </section>
            <section aria-label="Recommendation" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              <h3 className="mb-1 text-xs font-semibold uppercase">Recommendation</h3>
              {d.recommendedVictim ? (
                <p className="font-medium">Recommended victim: {d.recommendedVictim}</p>
              ) : null}
              <p>{d.recommendation}</p>
            </section>
          </CardBody>
        </Card>
        {d.splitBrain ? (
          <Card>
            <CardHeader title="Recovery" />
            <CardBody>
              {hasRole(user.role, "admin") ? (
                <SplitBrainForm clusterId={cluster.id} resource={resource} minors={minors} recommended={d.recommendedVictim} previews={victimPreviews(d)} />
              ) : (
                <p className="text-sm text-slate-700">Discarding a node&apos;s changes needs an admin: ask one to start the recovery from this page.</p>
              )}
            </CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
