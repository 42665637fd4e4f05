import { buildPlan } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, type TReport } from "@/lib/reports/report";
import { PVE_FILES, sectionHasCheck } from "../checks";
import { issuesToReports } from "../ids";
import type { TStorageEntry } from "../model-config";
import { pveStep } from "../steps";
import { ZPveStorageDesired, type TPveStorageDesired } from "./model";

// (desired storage.cfg entries, the entries the cluster has) → `pvesm add` for a missing
// entry, `pvesm set` for the keys that differ. storage.cfg is cluster-wide, so every step runs
// on one node (`host`). Entries not in the desired list are left alone. Pure.

type TOptionValue = string | boolean | number | string[];

// pvesm option name → the value desired, for the keys the admin gave.
function desiredOptions(d: TPveStorageDesired): [string, TOptionValue][] {
  const sorted = (list: readonly string[]) => [...list].sort();
  const pairs: [string, TOptionValue | null][] = [
    ["path", d.path],
    ["pool", d.pool],
    ["thinpool", d.thinpool],
    ["vgname", d.vgname],
    ["server", d.server],
    ["export", d.export],
    ["monhost", d.monhost ? d.monhost.join(";") : null],
    ["username", d.username],
    ["controller", d.controller],
    ["resourcegroup", d.resourcegroup],
    ["options", d.options],
    // PVE writes content and nodes sorted; so do we, so the check below matches its file.
    ["content", d.content ? sorted(d.content) : null],
    ["nodes", d.nodes ? sorted(d.nodes) : null],
    ["shared", d.shared],
    ["krbd", d.krbd],
    ["sparse", d.sparse],
    ["disable", d.disable],
    ["prune-backups", d.maxBackups === null ? null : `keep-last=${d.maxBackups}`],
  ];
  return pairs.filter((p): p is [string, TOptionValue] => p[1] !== null);
}

// The value the entry has for a pvesm option, in the same text form as the file.
function observedOption(e: TStorageEntry, key: string): string | null {
  const typed: Record<string, unknown> = {
    path: e.path,
    pool: e.pool,
    thinpool: e.thinpool,
    vgname: e.vgname,
    server: e.server,
    export: e.export,
    monhost: e.monhost,
    username: e.username,
    controller: e.controller,
    resourcegroup: e.resourcegroup,
    options: e.options,
    content: e.content ? [...e.content].sort() : null,
    nodes: e.nodes ? [...e.nodes].sort() : null,
    shared: e.shared,
    krbd: e.krbd,
    sparse: e.sparse,
    disable: e.disable,
  };
  const v = key in typed ? typed[key] : e.extra[key];
  return v === null || v === undefined ? null : optionText(v as TOptionValue);
}

const optionText = (v: TOptionValue) => (typeof v === "boolean" ? (v ? "1" : "0") : Array.isArray(v) ? v.join(",") : String(v));
const optionArgs = (pairs: readonly [string, TOptionValue][]) => pairs.flatMap(([k, v]) => [`--${k}`, optionText(v)]);
const checkLines = (pairs: readonly [string, TOptionValue][]) => pairs.map(([k, v]) => `${k} ${optionText(v)}`);

export function planPveStorage(input: readonly unknown[], observed: readonly TStorageEntry[], host: string): TPlan {
  const reports: TReport[] = [];
  const desired: TPveStorageDesired[] = [];
  input.forEach((raw, i) => {
    const r = ZPveStorageDesired.safeParse(raw);
    if (r.success) desired.push(r.data);
    else reports.push(...issuesToReports("PVE_STORAGE_INVALID", `Storage #${i + 1}`, r.error));
  });
  const title = `Storage ${desired.map((d) => d.id).join(", ")}`;
  const ids = desired.map((d) => d.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) reports.push(errorReport("PVE_STORAGE_INVALID", `Storage ${twice.join(", ")} is listed twice.`, { field: "id" }));
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  const steps: TPlanStep[] = [];
  for (const d of desired) {
    const header = `${d.type}: ${d.id}`;
    const wanted = desiredOptions(d);
    const have = observed.find((e) => e.id === d.id);
    if (!have) {
      steps.push(
        pveStep({
          id: `pvesm-add-${d.id}`,
          title: `Add ${d.type} storage ${d.id}`,
          host,
          argv: ["pvesm", "add", d.type, d.id, ...optionArgs(wanted)],
          check: sectionHasCheck(PVE_FILES.storage, header, checkLines(wanted)),
          undo: { kind: "command", argv: ["pvesm", "remove", d.id] },
        }),
      );
      continue;
    }
    if (have.type !== d.type) {
      reports.push(
        errorReport("PVE_STORAGE_TYPE_CONFLICT", `Storage ${d.id} exists as ${have.type}, not ${d.type}; a storage's type cannot change. Choose another ID.`, {
          field: "id",
          storage: d.id,
          current: have.type,
        }),
      );
      continue;
    }
    const changed = wanted.filter(([k, v]) => observedOption(have, k) !== optionText(v));
    if (changed.length === 0) continue;
    const restore = changed.flatMap(([k]) => {
      const before = observedOption(have, k);
      return before === null ? [] : [`--${k}`, before];
    });
    const added = changed.filter(([k]) => observedOption(have, k) === null).map(([k]) => k);
    steps.push(
      pveStep({
        id: `pvesm-set-${d.id}`,
        title: `Change ${changed.map(([k]) => k).join(", ")} of storage ${d.id}`,
        host,
        argv: ["pvesm", "set", d.id, ...optionArgs(changed)],
        check: sectionHasCheck(PVE_FILES.storage, header, checkLines(changed)),
        undo: { kind: "command", argv: ["pvesm", "set", d.id, ...restore, ...(added.length > 0 ? ["--delete", added.join(",")] : [])] },
      }),
    );
  }
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });
  return buildPlan({ title, steps, reports });
}
