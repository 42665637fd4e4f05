"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { BootstrapForm } from "@/components/hosts/bootstrap-form";
import { KeyLine } from "@/components/hosts/key-line";
import { PrivateKeyForm } from "@/components/hosts/private-key-form";
import { TrustKeyForm } from "@/components/hosts/trust-key-form";
import { Button } from "@/components/ui/button";
import { wizardNewHost } from "@/lib/actions/wizard";
import type { TNewHost } from "@/lib/wizard/new-host";

const SETTLED = ["ready", "failed"];

// The next onboarding step of one added host: compare and trust its key, then log in once
// with a password (installs the panel's key) or paste a key, then wait for its facts.
// Polled while the host moves; each move refreshes the wizard's host list.
export function AddHostProgress({ hostId, onAnother }: { hostId: string; onAnother: () => void }) {
  const router = useRouter();
  const [method, setMethod] = useState<"password" | "key">("password");
  const { data: host, error } = useQuery({
    queryKey: ["wizard-new-host", hostId],
    queryFn: async (): Promise<TNewHost> => {
      const r = await wizardNewHost({ hostId });
      if (!r?.data) throw new Error(r?.serverError ?? "Reading the host failed.");
      return r.data;
    },
    refetchInterval: (q) => (SETTLED.includes(q.state.data?.stage ?? "") ? false : 1_000),
  });
  const stage = host?.stage;
  useEffect(() => {
    if (stage) router.refresh();
  }, [stage, router]);

  if (error) return <p role="alert" className="text-sm text-red-700">{error.message}</p>;
  if (!host) return <p className="text-sm text-slate-600">Loading the host…</p>;
  const title = (
    <p className="text-sm">
      <span className="font-medium">{host.name}</span> <span className="font-mono text-xs text-slate-600">{host.sshUser}@{host.address}</span>
    </p>
  );

  if (host.stage === "key" && host.offer) {
    return (
      <div className="space-y-3">
        {title}
        <p className="text-sm text-slate-700">
          Not trusted yet. Run the command below on the host (its console, or a session you already trust) and compare the fingerprint it prints with this one.
        </p>
        <dl className="text-sm">
          <KeyLine label="Presented fingerprint" value={host.offer.fingerprint} />
          <KeyLine label="Algorithm" value={host.offer.algorithm} />
          <KeyLine label="Check on the host" value={host.offer.verifyCommand} />
        </dl>
        <TrustKeyForm hostId={host.id} fingerprint={host.offer.fingerprint} />
      </div>
    );
  }

  if (host.stage === "credential") {
    return (
      <div className="space-y-3">
        {title}
        <p className="text-sm text-green-800">Host key trusted. Now let the panel log in:</p>
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">How the panel logs in</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="login-method" checked={method === "password"} onChange={() => setMethod("password")} />
            A password, used once to install the panel&apos;s key
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="login-method" checked={method === "key"} onChange={() => setMethod("key")} />
            A private key I paste
          </label>
        </fieldset>
        {method === "password" ? <BootstrapForm hostId={host.id} user={host.sshUser} /> : <PrivateKeyForm hostId={host.id} />}
      </div>
    );
  }

  if (host.stage === "facts") {
    return (
      <div className="space-y-2">
        {title}
        <p role="status" className="text-sm text-slate-700">
          Logged in. Reading {host.name}&apos;s facts (versions, interfaces, disks)…
        </p>
      </div>
    );
  }

  return (
    <div className="space-y-3">
      {title}
      {host.stage === "ready" ? (
        <p role="status" className="text-sm text-green-800">
          {host.name} is in the inventory with its facts: pick it in the list above.
        </p>
      ) : (
        <p role="alert" className="text-sm text-red-700">
          {host.error ?? "This host cannot be onboarded from here."}{" "}
          <a className="underline" href={`/hosts/${host.id}`}>
            Open {host.name}&apos;s page
          </a>{" "}
          to fix it.
        </p>
      )}
      <Button variant="secondary" onClick={onAnother}>
        Add another host
      </Button>
    </div>
  );
}
