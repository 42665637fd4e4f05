import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AutoRefresh } from "@/components/hosts/auto-refresh";
import { BootstrapForm } from "@/components/hosts/bootstrap-form";
import { HostFactsView } from "@/components/hosts/host-facts-view";
import { KeyLine } from "@/components/hosts/key-line";
import { CredentialBadge, KeyStateBadge } from "@/components/hosts/key-state-badge";
import { PrivateKeyForm } from "@/components/hosts/private-key-form";
import { RefreshFactsButton } from "@/components/hosts/refresh-facts-button";
import { RepinKeyForm } from "@/components/hosts/repin-key-form";
import { TrustKeyForm } from "@/components/hosts/trust-key-form";
import { UsePanelKeyButton } from "@/components/hosts/use-panel-key-button";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { formatAge, formatTimestamp } from "@/lib/format/time";
import { loadHostDetail } from "@/lib/hosts/host-view";
import { verifyCommandFor } from "@/lib/ssh/fingerprint";

export const dynamic = "force-dynamic";

const ACTIVE_JOB_STATES = new Set(["queued", "planning", "confirmed", "running"]);

export default async function HostPage({ params }: { params: Promise<{ hostId: string }> }) {
  const user = await requirePageUser("viewer");
  const { hostId } = await params;
  const host = await loadHostDetail(db, hostId);
  if (!host) notFound();
  const isAdmin = hasRole(user.role, "admin");
  const isOperator = hasRole(user.role, "operator");
  const jobActive = host.factsJob !== null && ACTIVE_JOB_STATES.has(host.factsJob.state);
  const connectionReport = host.lastConnection?.report ?? null;
  return (
    <>
      <AutoRefresh active={jobActive} />
      <PageHeader
        title={host.name}
        description={
          <>
            <span className="font-mono">
              {host.sshUser}@{host.address}:{host.sshPort}
            </span>
            {host.cluster ? (
              <>
                {" "}in cluster <Link href={`/clusters/${host.cluster.id}`} className="text-sky-800 hover:underline">{host.cluster.name}</Link>
              </>
            ) : null}
          </>
        }
        actions={
          <div className="flex items-center gap-2">
            <KeyStateBadge state={host.keyState} />
            <CredentialBadge state={host.credentialState} />
          </div>
        }
      />

      {host.keyChange ? (
        <div role="alert" aria-label="Host key changed" className="mb-6 space-y-3 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-semibold">The host key of {host.name} changed. The panel refuses to connect.</p>
          <p>{host.keyChange.message}</p>
          <dl>
            <KeyLine label="Pinned (old)" value={host.keyChange.expected} />
            <KeyLine label="Presented (new)" value={host.keyChange.presented} />
          </dl>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Host key" />
          <CardBody className="space-y-4 text-sm">
            {host.pinned ? (
              <>
                <dl>
                  <KeyLine label="Pinned fingerprint" value={host.pinned.fingerprint} />
                  <KeyLine label="Algorithm" value={host.pinned.algorithm} />
                  <KeyLine label="Check on the host" value={verifyCommandFor(host.pinned.algorithm)} />
                </dl>
                <p className="text-xs text-slate-600">Trusted {formatTimestamp(host.pinned.pinnedAt)}.</p>
                {host.offer ? (
                  <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
                    <p className="font-medium text-amber-900">The host now presents another key. Compare it on the host&apos;s console before re-pinning.</p>
                    <dl>
                      <KeyLine label="Old fingerprint" value={host.pinned.fingerprint} />
                      <KeyLine label="New fingerprint" value={host.offer.fingerprint} />
                      <KeyLine label="New algorithm" value={host.offer.algorithm} />
                      <KeyLine label="Check on the host" value={host.offer.verifyCommand} />
                    </dl>
                  </div>
                ) : null}
                {isAdmin ? <RepinKeyForm hostId={host.id} name={host.name} offered={host.offer?.fingerprint ?? null} /> : null}
              </>
            ) : host.offer ? (
              <>
                <p className="text-slate-700">
                  Not trusted yet. Run the command below on the host (its console, or a session you already trust) and compare the
                  fingerprint it prints with this one.
                </p>
                <dl>
                  <KeyLine label="Presented fingerprint" value={host.offer.fingerprint} />
                  <KeyLine label="Algorithm" value={host.offer.algorithm} />
                  <KeyLine label="Check on the host" value={host.offer.verifyCommand} />
                </dl>
                <p className="text-xs text-slate-600">Seen {formatTimestamp(new Date(host.offer.seenAt))}.</p>
                {isAdmin ? <TrustKeyForm hostId={host.id} fingerprint={host.offer.fingerprint} /> : null}
              </>
            ) : (
              <p className="text-slate-700">No host key on record.</p>
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Credential" />
          <CardBody className="space-y-4 text-sm">
            {host.credential ? (
              <dl>
                <KeyLine label="Attached" value={host.credential.label} />
                {host.credential.publicKey ? <KeyLine label="Public key" value={host.credential.publicKey} /> : null}
              </dl>
            ) : (
              <p className="text-slate-700">No credential yet: the panel cannot log in to this host.</p>
            )}
            {!host.pinned ? (
              <p className="text-slate-600">Trust the host key first: credentials are only used with a host whose key you confirmed.</p>
            ) : isAdmin ? (
              <>
                <BootstrapForm hostId={host.id} user={host.sshUser} />
                <div className="border-t border-slate-200 pt-4">
                  <PrivateKeyForm hostId={host.id} />
                </div>
                <div className="space-y-2 border-t border-slate-200 pt-4">
                  <p className="text-xs text-slate-600">
                    Installed the panel&apos;s public key by hand (see <Link href="/hosts" className="text-sky-800 hover:underline">Hosts</Link>,
                    fingerprint <span className="font-mono">{host.panelKey.fingerprint}</span>)? Attach it; reading the facts tests the login.
                  </p>
                  <UsePanelKeyButton hostId={host.id} />
                </div>
              </>
            ) : null}
          </CardBody>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader
          title="Facts"
          actions={
            <div className="flex items-center gap-3">
              {host.factsJob ? (
                <Link href={`/jobs/${host.factsJob.id}`} className="flex items-center gap-2 text-xs text-sky-800 hover:underline">
                  last read <JobStateBadge state={host.factsJob.state} />
                </Link>
              ) : null}
              {host.factsAt ? <span className="text-xs text-slate-500">collected {formatAge(host.factsAt)}</span> : null}
              {isOperator && host.credential && host.pinned ? <RefreshFactsButton hostId={host.id} /> : null}
            </div>
          }
        />
        <CardBody>
          {connectionReport && !host.keyChange ? (
            <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              Last connection failed ({connectionReport.code}): {connectionReport.message}
            </p>
          ) : null}
          {host.facts ? (
            <HostFactsView facts={host.facts} />
          ) : (
            <p className="text-sm text-slate-600">{jobActive ? "Reading the host's facts…" : "No facts yet. They are read once a credential is attached."}</p>
          )}
        </CardBody>
      </Card>
    </>
  );
}
