"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { startSplitBrainRecovery } from "@/lib/actions/drbd";
import type { TVictimPreview } from "@/lib/health/split-brain";

// Pick the node whose changes are thrown away and type the resource's name: only then does the
// button plan the recovery job (which shows the plan again and waits for confirmation).
export function SplitBrainForm(props: { clusterId: string; resource: string; minors: number[]; recommended: string | null; previews: TVictimPreview[] }) {
  const router = useRouter();
  const [victim, setVictim] = useState(props.recommended ?? "");
  const [typed, setTyped] = useState("");
  const { execute, result, isPending } = useAction(startSplitBrainRecovery, {
    onSuccess: ({ data }) => {
      if (data) router.push(`/clusters/${props.clusterId}/drbd/jobs/${data.jobId}`);
    },
  });
  const preview = props.previews.find((p) => p.host === victim);
  const armed = victim !== "" && typed === props.resource && !isPending;
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (armed) execute({ clusterId: props.clusterId, resource: props.resource, victim, confirmation: typed, minors: props.minors });
      }}
    >
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Victim: the node whose changes since the split are discarded</legend>
        {props.previews.map((p) => (
          <label key={p.host} className="flex items-center gap-2 text-sm">
            <input type="radio" name="victim" value={p.host} checked={victim === p.host} onChange={() => setVictim(p.host)} />
            {p.host}
            {p.host === props.recommended ? <span className="text-xs text-amber-800">(recommended)</span> : null}
          </label>
        ))}
      </fieldset>
      {preview ? (
        <section aria-label="Recovery steps" className="space-y-1">
          <h3 className="text-xs font-semibold uppercase text-slate-500">What the job will run</h3>
          <ol className="list-decimal space-y-1 pl-5 text-sm">
            {preview.steps.map((s, i) => (
              <li key={i} className={s.destructive ? "font-medium text-red-800" : undefined}>
                {s.title} <code className="ml-1 rounded bg-slate-100 px-1 text-xs text-slate-800">{s.host}: {s.command}</code>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <Field id="sb-confirm" label={`Type the resource name ${props.resource} to confirm`} hint="The job re-reads every host, shows this plan again and waits for an admin to confirm it.">
        <Input id="sb-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </Field>
      {result.serverError ? (
        <p role="alert" className="text-sm text-red-700">
          {result.serverError}
        </p>
      ) : null}
      <Button type="submit" variant="danger" disabled={!armed}>
        {victim ? `Plan the recovery: discard the changes on ${victim}` : "Pick a victim first"}
      </Button>
    </form>
  );
}
