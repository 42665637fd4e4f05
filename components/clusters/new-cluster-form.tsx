"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { createCluster } from "@/lib/actions/clusters";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

export function NewClusterForm() {
  const router = useRouter();
  const { execute, result, isPending } = useAction(createCluster, {
    onSuccess: ({ data }) => data && router.push(`/clusters/${data.clusterId}`),
  });
  const errs = result.validationErrors as Record<string, { _errors?: string[] } | undefined> | undefined;
  return (
    <form
      aria-label="New cluster"
      className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        execute({ name: String(f.get("name") ?? ""), kind: String(f.get("kind") ?? "") as "pve" });
      }}
    >
      <Field id="cluster-name" label="Cluster name" hint="As in pvecm create: letters, digits, '-', at most 15." error={errs?.name?._errors?.[0]}>
        <Input id="cluster-name" name="name" placeholder="prod" required maxLength={15} />
      </Field>
      <Field id="cluster-kind" label="Kind">
        <Select id="cluster-kind" name="kind" defaultValue="pve">
          <option value="pve">Proxmox VE cluster</option>
          <option value="pacemaker">Plain corosync/Pacemaker pair</option>
        </Select>
      </Field>
      <Button type="submit" disabled={isPending}>
        Create cluster
      </Button>
      {result.serverError ? (
        <p role="alert" className="text-sm text-red-700 sm:col-span-3">
          {result.serverError}
        </p>
      ) : null}
    </form>
  );
}
