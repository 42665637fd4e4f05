"use client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { FENCE_AGENTS, type TWizardContext, type TWizardDraft, type TWizardIssue } from "@/lib/wizard/model";
import { issueFor } from "./issue-list";
import { isSealedToken, isSecretParamName } from "@/lib/secrets/sealed-token";

type TGroup = NonNullable<TWizardDraft["ha"]["group"]>;
const NEW_GROUP: TGroup = { id: "ha_group", vip: null, service: "dummy", systemdUnit: "" };

// Fencing and an example HA group: a floating IP (IPaddr2) and a service that follows it.
export function HaStep({ ctx, draft, update, issues }: { ctx: TWizardContext; draft: TWizardDraft; update: (f: (d: TWizardDraft) => TWizardDraft) => void; issues: TWizardIssue[] }) {
  const ha = draft.ha;
  const setHa = (patch: Partial<TWizardDraft["ha"]>) => update((d) => ({ ...d, ha: { ...d.ha, ...patch } }));
  const setGroup = (patch: Partial<TGroup>) => update((d) => ({ ...d, ha: { ...d.ha, group: { ...(d.ha.group ?? NEW_GROUP), ...patch } } }));
  const g = ha.group;
  // The interfaces every node has: the floating IP may land on any of them.
  const nics = draft.nodes
    .map((n) => new Set(ctx.hosts.find((h) => h.name === n)?.addresses.map((a) => a.iface) ?? []))
    .reduce<Set<string> | null>((acc, s) => (acc === null ? s : new Set([...acc].filter((x) => s.has(x)))), null);
  const agent = FENCE_AGENTS.find((a) => a.agent === ha.fenceAgent);
  return (
    <div className="space-y-8">
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Fencing</legend>
        <p className="text-sm text-slate-700">
          Fencing powers off a node that stopped answering before its resources start elsewhere. Without it Pacemaker cannot safely recover from a split.
        </p>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="fencing" className="mt-1" checked={ha.fencing === "device"} onChange={() => setHa({ fencing: "device" })} />
          <span className="font-medium">A fencing device for every node</span>
        </label>
        {ha.fencing === "device" ? (
          <div className="ml-6 max-w-xl space-y-3">
            <Field id="fence-agent" label="Fencing agent" error={issueFor(issues, "ha.fenceAgent")} hint={agent?.note}>
              <Select id="fence-agent" value={ha.fenceAgent ?? ""} onChange={(e) => setHa({ fenceAgent: e.target.value || null })}>
                <option value="">Choose an agent…</option>
                {FENCE_AGENTS.map((a) => (
                  <option key={a.agent} value={a.agent}>
                    {a.label}
                  </option>
                ))}
              </Select>
            </Field>
            <div className="space-y-2">
              <p className="text-sm font-medium">Agent parameters (pcmk_host_list is set to every node)</p>
              {ha.fenceParams.map((p, i) => (
                <div key={i} className="flex items-end gap-2">
                  <Field id={`fence-param-${i}-name`} label={`Parameter ${i + 1} name`} error={issueFor(issues, `ha.fenceParams.${i}.name`)}>
                    <Input id={`fence-param-${i}-name`} value={p.name} onChange={(e) => setHa({ fenceParams: ha.fenceParams.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
                  </Field>
                  <Field id={`fence-param-${i}-value`} label={`Parameter ${i + 1} value`}>
                    {isSealedToken(p.value) ? (
                      <span className="flex items-center gap-2 text-sm text-slate-600">
                        <output id={`fence-param-${i}-value`}>Stored encrypted</output>
                        <Button variant="ghost" onClick={() => setHa({ fenceParams: ha.fenceParams.map((x, j) => (j === i ? { ...x, value: "" } : x)) })}>
                          Replace
                        </Button>
                      </span>
                    ) : (
                      <Input
                        id={`fence-param-${i}-value`}
                        type={isSecretParamName(p.name) ? "password" : "text"}
                        autoComplete="off"
                        value={p.value}
                        onChange={(e) => setHa({ fenceParams: ha.fenceParams.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })}
                      />
                    )}
                  </Field>
                  <Button variant="ghost" onClick={() => setHa({ fenceParams: ha.fenceParams.filter((_, j) => j !== i) })}>
                    Remove
                  </Button>
                </div>
              ))}
              <Button variant="secondary" disabled={ha.fenceParams.length >= 16} onClick={() => setHa({ fenceParams: [...ha.fenceParams, { name: "", value: "" }] })}>
                Add a parameter
              </Button>
            </div>
          </div>
        ) : null}
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="fencing" className="mt-1" checked={ha.fencing === "none"} onChange={() => setHa({ fencing: "none", fenceAgent: null, fenceParams: [] })} />
          <span>
            <span className="font-medium">No fencing (stonith-enabled=false)</span>
            <span className="block text-slate-600">Only for tests. The dashboard will warn while resources run without fencing.</span>
          </span>
        </label>
        {ha.fencing === "none" ? (
          <label className="ml-6 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={ha.noFencingAcknowledged} onChange={(e) => setHa({ noFencingAcknowledged: e.target.checked })} />I accept that a split can start resources twice
          </label>
        ) : null}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Example HA resource group</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={g !== null} onChange={(e) => setHa({ group: e.target.checked ? NEW_GROUP : null })} />
          Create a resource group (members start in order on one node and move together)
        </label>
        {g ? (
          <div className="ml-6 grid max-w-2xl gap-3 md:grid-cols-2">
            <Field id="group-id" label="Group id" error={issueFor(issues, "ha.group.id")}>
              <Input id="group-id" value={g.id} onChange={(e) => setGroup({ id: e.target.value })} />
            </Field>
            <Field id="group-service" label="Service in the group">
              <Select id="group-service" value={g.service} onChange={(e) => setGroup({ service: e.target.value as TGroup["service"] })}>
                <option value="dummy">Dummy (ocf:pacemaker:Dummy, does nothing: a placeholder)</option>
                <option value="systemd">A systemd unit</option>
                <option value="none">None</option>
              </Select>
            </Field>
            {g.service === "systemd" ? (
              <Field id="group-unit" label="systemd unit" error={issueFor(issues, "ha.group.systemdUnit")}>
                <Input id="group-unit" value={g.systemdUnit} onChange={(e) => setGroup({ systemdUnit: e.target.value })} />
              </Field>
            ) : null}
            <label className="flex items-center gap-2 text-sm md:col-span-2">
              <input
                type="checkbox"
                checked={g.vip !== null}
                onChange={(e) => setGroup({ vip: e.target.checked ? { ip: "", cidrNetmask: 24, nic: [...(nics ?? [])][0] ?? "" } : null })}
              />
              A floating IP (ocf:heartbeat:IPaddr2) that clients use to reach the service
            </label>
            {g.vip ? (
              <>
                <Field id="vip-ip" label="Floating IP" error={issueFor(issues, "ha.group.vip.ip")} hint="An unused address in the nodes' subnet.">
                  <Input id="vip-ip" value={g.vip.ip} onChange={(e) => setGroup({ vip: { ...(g.vip ?? { cidrNetmask: 24, nic: "" }), ip: e.target.value.trim() } })} />
                </Field>
                <Field id="vip-prefix" label="Prefix length">
                  <Input
                    id="vip-prefix"
                    type="number"
                    min={1}
                    max={32}
                    value={g.vip.cidrNetmask}
                    onChange={(e) => setGroup({ vip: { ...(g.vip ?? { ip: "", nic: "" }), cidrNetmask: Number(e.target.value) || 24 } })}
                  />
                </Field>
                <Field id="vip-nic" label="Interface" error={issueFor(issues, "ha.group.vip.nic")} hint="Interfaces every node has.">
                  <Select id="vip-nic" value={g.vip.nic} onChange={(e) => setGroup({ vip: { ...(g.vip ?? { ip: "", cidrNetmask: 24 }), nic: e.target.value } })}>
                    <option value="">Choose…</option>
                    {[...(nics ?? [])].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </Select>
                </Field>
              </>
            ) : null}
          </div>
        ) : null}
        <Field id="stickiness" label="Resource stickiness" hint="How strongly resources stay where they run after a failed node comes back (100: stay).">
          <Input id="stickiness" type="number" min={0} className="max-w-32" value={ha.resourceStickiness} onChange={(e) => setHa({ resourceStickiness: Number(e.target.value) || 0 })} />
        </Field>
      </fieldset>
    </div>
  );
}
