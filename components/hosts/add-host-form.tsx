"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { addHost } from "@/lib/actions/hosts";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ActionError, fieldError } from "./action-error";

// Without onAdded the form goes on to the new host's page. The setup wizard passes onAdded and
// no clusters: its hosts join the cluster once the wizard has formed it.
export function AddHostForm({ clusters, onAdded }: { clusters?: { id: string; name: string }[]; onAdded?: (hostId: string) => void }) {
  const router = useRouter();
  const { execute, result, isPending } = useAction(addHost, {
    onSuccess: ({ data }) => {
      if (!data) return;
      if (onAdded) onAdded(data.hostId);
      else router.push(`/hosts/${data.hostId}`);
    },
  });
  const errs = result.validationErrors;
  return (
    <form
      aria-label="Add host"
      className="grid max-w-2xl gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        execute({
          name: String(f.get("name") ?? ""),
          address: String(f.get("address") ?? ""),
          sshPort: Number(f.get("sshPort") ?? 22),
          sshUser: String(f.get("sshUser") ?? ""),
          clusterId: String(f.get("clusterId") ?? ""),
        });
      }}
    >
      <Field id="host-name" label="Name" hint="The node name: letters, digits and '-'." error={fieldError(errs, "name")}>
        <Input id="host-name" name="name" placeholder="pve1" required maxLength={63} autoComplete="off" />
      </Field>
      <Field id="host-address" label="Address" hint="IPv4, IPv6 or DNS name." error={fieldError(errs, "address")}>
        <Input id="host-address" name="address" placeholder="10.0.0.11" required maxLength={253} autoComplete="off" />
      </Field>
      <Field id="host-port" label="SSH port" error={fieldError(errs, "sshPort")}>
        <Input id="host-port" name="sshPort" type="number" min={1} max={65535} defaultValue={22} required />
      </Field>
      <Field id="host-user" label="SSH user" error={fieldError(errs, "sshUser")}>
        <Input id="host-user" name="sshUser" defaultValue="root" required maxLength={32} autoComplete="off" />
      </Field>
      {clusters ? (
        <Field id="host-cluster" label="Cluster" hint="Optional; a host can join a cluster later.">
          <Select id="host-cluster" name="clusterId" defaultValue="">
            <option value="">No cluster</option>
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <div className="space-y-2 sm:col-span-2">
        <p className="text-xs text-slate-500">
          Adding a host fetches its SSH host key (no login). You compare the fingerprint {onAdded ? "next" : "on the next page"} before anything is sent to it.
        </p>
        <ActionError message={result.serverError} />
        <Button type="submit" disabled={isPending}>
          {isPending ? "Contacting the host…" : "Add host"}
        </Button>
      </div>
    </form>
  );
}
