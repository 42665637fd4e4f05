"use client";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { TWizardContext, TWizardDraft, TWizardIssue, TWizardStorage } from "@/lib/wizard/model";
import { defaultStorage, drbdModeOptions, drbdVersionOptions, STORAGE_LABEL, storageChoices, type TOption, type TStorageFacts } from "@/lib/wizard/storage-choices";
import { issueFor } from "./issue-list";

type TUpdate = (f: (d: TWizardDraft) => TWizardDraft) => void;
type TProps = { ctx: TWizardContext; draft: TWizardDraft; update: TUpdate; issues: TWizardIssue[]; facts: TStorageFacts };

const size = (bytes: number | null) => (bytes === null ? "size unknown" : bytes >= 2 ** 40 ? `${(bytes / 2 ** 40).toFixed(1)} TiB` : `${(bytes / 2 ** 30).toFixed(1)} GiB`);

// Step 5: the shared storage, offered only in the kinds that fit the cluster and its hosts;
// every choice that does not fit says why. The disks come from each host's facts (empty ones).
export function StorageStep({ ctx, draft, update, issues, facts }: TProps) {
  const s = draft.storage;
  const choose = (kind: TWizardStorage["kind"]) => update((d) => (d.storage.kind === kind ? d : { ...d, storage: defaultStorage(kind, ctx, d, facts) }));
  return (
    <div className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm text-slate-700">Where the cluster keeps data that must survive a node. Stage 3 builds it after the cluster runs; the chosen disks are wiped.</legend>
        {storageChoices(ctx, draft).map((c) => (
          <label key={c.kind} className="flex items-start gap-2 text-sm">
            <input type="radio" name="storage-kind" className="mt-1" checked={s.kind === c.kind} disabled={c.disabledReason !== null && s.kind !== c.kind} onChange={() => choose(c.kind)} />
            <span>
              <span className={c.disabledReason ? "font-medium text-slate-500" : "font-medium"}>{c.label}</span>
              <span className="block text-slate-600">{c.disabledReason ? `Not available: ${c.disabledReason}.` : c.note}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {s.kind === "drbd" ? <DrbdFields {...{ ctx, draft, update, issues, facts }} /> : null}
      {s.kind === "linstor" ? <LinstorFields {...{ ctx, draft, update, issues, facts }} /> : null}
      {s.kind === "zfs" ? <ZfsFields {...{ ctx, draft, update, issues, facts }} /> : null}
      {s.kind === "ceph" ? <CephFields {...{ ctx, draft, update, issues, facts }} /> : null}
    </div>
  );
}

// Patches the current kind's fields; a draft of another kind is left alone.
function patcher<K extends TWizardStorage["kind"]>(update: TUpdate, kind: K) {
  return (patch: Partial<Extract<TWizardStorage, { kind: K }>>) => update((d) => (d.storage.kind === kind ? { ...d, storage: { ...d.storage, ...patch } } : d));
}

function Radios<T extends string>({ name, legend, options, value, onChange }: { name: string; legend: string; options: TOption<T>[]; value: T; onChange: (v: T) => void }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-start gap-2 text-sm">
          <input type="radio" name={name} className="mt-1" checked={value === o.value} disabled={o.disabledReason !== null && value !== o.value} onChange={() => onChange(o.value)} />
          <span>
            {o.label}
            {o.disabledReason ? <span className="block text-xs text-slate-600">Not available: {o.disabledReason}.</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function DiskPicks({ ctx, draft, issues, disks, onPick }: { ctx: TWizardContext; draft: TWizardDraft; issues: TWizardIssue[]; disks: Record<string, string>; onPick: (node: string, disk: string) => void }) {
  return (
    <div className="grid gap-3 md:grid-cols-3">
      {draft.nodes.map((node) => {
        const host = ctx.hosts.find((h) => h.name === node);
        const free = host?.freeDisks ?? [];
        const picked = disks[node] ?? "";
        const id = `storage-disk-${node}`;
        return (
          <Field key={node} id={id} label={`${node}, disk`} error={issueFor(issues, `storage.disks.${node}`)}>
            <Select id={id} value={picked} onChange={(e) => onPick(node, e.target.value)}>
              <option value="">Choose an empty disk…</option>
              {picked && !free.some((d) => d.name === picked) ? <option value={picked}>/dev/{picked} (in use by this storage)</option> : null}
              {free.map((d) => (
                <option key={d.name} value={d.name}>
                  /dev/{d.name} ({size(d.sizeBytes)})
                </option>
              ))}
            </Select>
          </Field>
        );
      })}
    </div>
  );
}

function DrbdFields({ ctx, draft, update, issues, facts }: TProps) {
  const s = draft.storage;
  if (s.kind !== "drbd") return null;
  const set = patcher(update, "drbd");
  return (
    <div className="space-y-4 rounded-md border border-slate-200 p-3">
      <div className="grid gap-4 md:grid-cols-2">
        <Radios name="drbd-version" legend="DRBD version" options={drbdVersionOptions(draft, facts)} value={s.version} onChange={(version) => set({ version })} />
        <Radios name="drbd-mode" legend="On top of DRBD" options={drbdModeOptions(ctx)} value={s.mode} onChange={(mode) => set({ mode })} />
      </div>
      <Field id="drbd-resource" label="Resource name" error={issueFor(issues, "storage.resource")} hint={`/etc/drbd.d/${s.resource}.res on every node, device /dev/drbd0, port 7788.`}>
        <Input id="drbd-resource" className="max-w-48" value={s.resource} onChange={(e) => set({ resource: e.target.value.trim() })} />
      </Field>
      <p className="text-sm font-medium">Backing disk per node (the same size on every node is best; DRBD uses the smallest)</p>
      <DiskPicks ctx={ctx} draft={draft} issues={issues} disks={s.disks} onPick={(node, disk) => set({ disks: { ...s.disks, [node]: disk } })} />
      <p className="text-sm font-medium">Replication address per node (defaults to corosync link 1, else link 0)</p>
      <div className="grid gap-3 md:grid-cols-3">
        {draft.nodes.map((node) => {
          const id = `storage-addr-${node}`;
          return (
            <Field key={node} id={id} label={`${node}, replication address`} error={issueFor(issues, `storage.addresses.${node}`)}>
              <Select id={id} value={s.addresses[node] ?? ""} onChange={(e) => set({ addresses: { ...s.addresses, [node]: e.target.value } })}>
                <option value="">Choose an address…</option>
                {(ctx.hosts.find((h) => h.name === node)?.addresses ?? []).map((a) => (
                  <option key={`${a.iface}-${a.address}`} value={a.address}>
                    {a.address}/{a.prefixLength} on {a.iface}
                  </option>
                ))}
              </Select>
            </Field>
          );
        })}
      </div>
      <p className="text-xs text-slate-600">
        The first node ({draft.nodes[0] ?? "?"}) is the initial sync source: its disk&apos;s content is copied over the others.{" "}
        {s.mode === "pacemaker" ? "It is then demoted, so Pacemaker decides where DRBD is Primary; resource-level fencing goes through Pacemaker." : `A volume group drbd_${s.resource} on /dev/drbd0 becomes shared LVM storage.`}
      </p>
    </div>
  );
}

function LinstorFields({ ctx, draft, update, issues }: TProps) {
  const s = draft.storage;
  if (s.kind !== "linstor") return null;
  const set = patcher(update, "linstor");
  return (
    <div className="space-y-4 rounded-md border border-slate-200 p-3">
      <Field id="linstor-pool" label="Thin pool on each disk">
        <Select id="linstor-pool" className="max-w-64" value={s.poolType} onChange={(e) => set({ poolType: e.target.value === "zfsthin" ? "zfsthin" : "lvmthin" })}>
          <option value="lvmthin">LVM thin pool (lvmthin)</option>
          <option value="zfsthin">ZFS pool (zfsthin)</option>
        </Select>
      </Field>
      <DiskPicks ctx={ctx} draft={draft} issues={issues} disks={s.disks} onPick={(node, disk) => set({ disks: { ...s.disks, [node]: disk } })} />
      <p className="text-xs text-slate-600">The controller runs on {draft.nodes[0] ?? "?"}; resource group wizard_rg places 2 replicas; Proxmox storage &quot;linstor&quot; uses it.</p>
    </div>
  );
}

function ZfsFields({ ctx, draft, update, issues }: TProps) {
  const s = draft.storage;
  if (s.kind !== "zfs") return null;
  const set = patcher(update, "zfs");
  return (
    <div className="space-y-4 rounded-md border border-slate-200 p-3">
      <Field id="zfs-pool" label="Pool name (also the storage ID)" error={issueFor(issues, "storage.pool")}>
        <Input id="zfs-pool" className="max-w-48" value={s.pool} onChange={(e) => set({ pool: e.target.value.trim() })} />
      </Field>
      <DiskPicks ctx={ctx} draft={draft} issues={issues} disks={s.disks} onPick={(node, disk) => set({ disks: { ...s.disks, [node]: disk } })} />
      <div className="grid max-w-xl gap-3 md:grid-cols-2">
        <Field id="zfs-schedule" label="Replication schedule" hint="pvesr calendar event, e.g. */15 (every 15 minutes)." error={issueFor(issues, "storage.schedule")}>
          <Input id="zfs-schedule" value={s.schedule} onChange={(e) => set({ schedule: e.target.value })} />
        </Field>
        <Field id="zfs-rpo" label="Recovery point objective (minutes)" hint="Data newer than this may be lost when a node fails.">
          <Input id="zfs-rpo" type="number" min={1} max={1440} value={s.rpoMinutes} onChange={(e) => set({ rpoMinutes: Number(e.target.value) || 1 })} />
        </Field>
      </div>
    </div>
  );
}

function CephFields({ ctx, draft, update, issues }: TProps) {
  const s = draft.storage;
  if (s.kind !== "ceph") return null;
  const set = patcher(update, "ceph");
  const toggle = (node: string, disk: string, on: boolean) => {
    const list = s.osds[node] ?? [];
    set({ osds: { ...s.osds, [node]: on ? [...list, disk] : list.filter((d) => d !== disk) } });
  };
  return (
    <div className="space-y-4 rounded-md border border-slate-200 p-3">
      <div className="grid gap-3 md:grid-cols-3">
        {draft.nodes.map((node) => (
          <fieldset key={node} className="space-y-1">
            <legend className="text-sm font-medium">{node}: OSD disks</legend>
            {(ctx.hosts.find((h) => h.name === node)?.freeDisks ?? []).map((d) => (
              <label key={d.name} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={(s.osds[node] ?? []).includes(d.name)} onChange={(e) => toggle(node, d.name, e.target.checked)} />
                /dev/{d.name} ({size(d.sizeBytes)})
              </label>
            ))}
            {issueFor(issues, `storage.osds.${node}`) ? <p className="text-xs text-red-700">{issueFor(issues, `storage.osds.${node}`)}</p> : null}
          </fieldset>
        ))}
      </div>
      <div className="grid max-w-md gap-3 md:grid-cols-2">
        <Field id="ceph-size" label="Copies (size)" error={issueFor(issues, "storage.size")}>
          <Input id="ceph-size" type="number" min={2} max={3} value={s.size} onChange={(e) => set({ size: Number(e.target.value) || 3 })} />
        </Field>
        <Field id="ceph-min-size" label="Copies needed for writes (min_size)" error={issueFor(issues, "storage.minSize")}>
          <Input id="ceph-min-size" type="number" min={1} max={3} value={s.minSize} onChange={(e) => set({ minSize: Number(e.target.value) || 2 })} />
        </Field>
      </div>
      <p className="text-xs text-slate-600">A monitor and a manager on every node; pool vmpool becomes the RBD storage &quot;vmpool&quot;.</p>
    </div>
  );
}

// The Review step's line on storage (both cluster kinds).
export function StorageSummary({ draft }: { draft: TWizardDraft }) {
  const s = draft.storage;
  const perNode = (disks: Record<string, string | string[]>) => draft.nodes.map((n) => `${n}: ${[disks[n] ?? "?"].flat().map((d) => `/dev/${d}`).join(", ")}`).join("; ");
  const detail =
    s.kind === "none"
      ? "nothing is set up (no stage 3)"
      : s.kind === "drbd"
        ? `DRBD ${s.version} resource ${s.resource}, ${s.mode === "pacemaker" ? "managed by Pacemaker" : "LVM on top"} — ${perNode(s.disks)}`
        : s.kind === "linstor"
          ? `LINSTOR, ${s.poolType} — ${perNode(s.disks)}`
          : s.kind === "zfs"
            ? `ZFS pool ${s.pool}, replication ${s.schedule} (RPO ${s.rpoMinutes} min) — ${perNode(s.disks)}`
            : `Ceph, size ${s.size} / min_size ${s.minSize} — OSDs ${perNode(s.osds)}`;
  return (
    <section aria-label="Storage summary" className="text-sm">
      <h3 className="mb-1 font-semibold">Storage{s.kind === "none" ? "" : " (stage 3)"}</h3>
      <p>
        <span className="font-medium">{STORAGE_LABEL[s.kind]}</span>: {detail}
      </p>
    </section>
  );
}
