"use client";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TWizardDraft, TWizardIssue } from "@/lib/wizard/model";
import { WATCHDOG_MODULES, type TWizardPveHa } from "@/lib/wizard/model-pve";
import { issueFor } from "./issue-list";

type TGroup = NonNullable<TWizardPveHa["group"]>;

// HA of a Proxmox VE cluster: fencing is the HA stack's own watchdog (nothing to configure
// but which watchdog), and an HA group giving the nodes' preferences to the guests put in it.
export function HaStepPve({ draft, update, issues }: { draft: TWizardDraft; update: (f: (d: TWizardDraft) => TWizardDraft) => void; issues: TWizardIssue[] }) {
  const ha = draft.ha.pve;
  const setHa = (patch: Partial<TWizardPveHa>) => update((d) => ({ ...d, ha: { ...d.ha, pve: { ...d.ha.pve, ...patch } } }));
  const newGroup = (): TGroup => ({
    id: `prefer_${draft.nodes[0] ?? "node1"}`,
    priorities: Object.fromEntries(draft.nodes.map((n, i) => [n, draft.nodes.length - i])),
    restricted: false,
    nofailback: false,
  });
  const setGroup = (patch: Partial<TGroup>) => update((d) => ({ ...d, ha: { ...d.ha, pve: { ...d.ha.pve, group: { ...(d.ha.pve.group ?? newGroup()), ...patch } } } }));
  const g = ha.group;
  return (
    <div className="space-y-8">
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">Fencing: the HA watchdog</legend>
        <p className="max-w-3xl text-sm text-slate-700">
          Proxmox VE fences with a watchdog, not a fencing device: a node that loses quorum stops feeding its watchdog and resets itself (after about 60 s), and only then are its HA
          guests started elsewhere. There is no fencing device to set up here.
        </p>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="watchdog" className="mt-1" checked={ha.watchdog === "softdog"} onChange={() => setHa({ watchdog: "softdog", watchdogModule: "" })} />
          <span>
            <span className="font-medium">softdog (default)</span>
            <span className="block text-slate-600">The kernel&apos;s software watchdog. Works on any machine; a frozen kernel may not reset itself.</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="watchdog" className="mt-1" checked={ha.watchdog === "hardware"} onChange={() => setHa({ watchdog: "hardware" })} />
          <span>
            <span className="font-medium">A hardware watchdog module</span>
            <span className="block text-slate-600">Resets the machine even when the kernel hangs. Written to /etc/default/pve-ha-manager; takes effect at each node&apos;s next reboot.</span>
          </span>
        </label>
        {ha.watchdog === "hardware" ? (
          <div className="ml-6 max-w-sm">
            <Field id="watchdog-module" label="Watchdog module" error={issueFor(issues, "ha.pve.watchdogModule")} hint="The kernel module of the board's watchdog, the same on every node.">
              <Input id="watchdog-module" list="watchdog-modules" value={ha.watchdogModule} onChange={(e) => setHa({ watchdogModule: e.target.value.trim() })} />
            </Field>
            <datalist id="watchdog-modules">
              {WATCHDOG_MODULES.map((m) => (
                <option key={m.module} value={m.module}>
                  {m.label}
                </option>
              ))}
            </datalist>
          </div>
        ) : null}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold">HA group</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={g !== null} onChange={(e) => setHa({ group: e.target.checked ? newGroup() : null })} />
          Create an HA group (where the guests you put under HA prefer to run)
        </label>
        {g ? (
          <div className="ml-6 max-w-2xl space-y-3">
            <Field id="pve-group-id" label="Group id" error={issueFor(issues, "ha.pve.group.id")}>
              <Input id="pve-group-id" className="max-w-xs" value={g.id} onChange={(e) => setGroup({ id: e.target.value.trim() })} />
            </Field>
            <div className="grid gap-3 md:grid-cols-3">
              {draft.nodes.map((n) => (
                <Field key={n} id={`prio-${n}`} label={`${n} priority`} error={issueFor(issues, `ha.pve.group.priorities.${n}`)}>
                  <Input
                    id={`prio-${n}`}
                    type="number"
                    min={0}
                    max={1000}
                    value={g.priorities[n] ?? ""}
                    onChange={(e) => {
                      const rest = Object.fromEntries(Object.entries(g.priorities).filter(([k]) => k !== n));
                      setGroup({ priorities: e.target.value === "" ? rest : { ...rest, [n]: Math.max(0, Math.min(1000, Math.trunc(Number(e.target.value)) || 0)) } });
                    }}
                  />
                </Field>
              ))}
            </div>
            <p className="text-xs text-slate-600">A guest runs on the online node with the highest priority; empty means no preference.</p>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={g.restricted} onChange={(e) => setGroup({ restricted: e.target.checked })} />
              Restricted: its guests run only on these nodes
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={g.nofailback} onChange={(e) => setGroup({ nofailback: e.target.checked })} />
              No failback: a guest stays where it is when a higher-priority node comes back
            </label>
            <p className="text-xs text-slate-600">PVE 9 replaced HA groups with node-affinity rules, which name guests: there the plan says so and creates no group.</p>
          </div>
        ) : null}
      </fieldset>
    </div>
  );
}
