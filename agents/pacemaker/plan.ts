import { createHash } from "node:crypto";
import { buildPlan, commandStep } from "@/lib/plan/build";
import { fileDiff } from "@/lib/plan/file-diff";
import type { TFileDiff, TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { diffPacemakerCib, type TCibChange } from "./cib-diff";
import { renderElement, renderElementPretty, resourceIds, type TCibElement } from "./cib-xml";
import { ZPacemakerDesired, type TPacemakerDesired } from "./desired";
import type { TPacemakerObserved } from "./probe";
import { renderResources } from "./render-cib";
import { validatePacemakerDesired } from "./validate";

// Desired configuration + what one node observed → a plan that changes the CIB safely, the
// way careful admins do it by hand: copy the live CIB to a work file, make every change on
// the copy (CIB_file=…), let crm_verify judge the result, and only then push the difference
// (crm_diff → cibadmin --patch). The patch carries the CIB version it was made from, so if
// anyone changed the CIB in between, Pacemaker refuses it ("Update was older than existing
// configuration") and nothing is half-applied. Until the push, the cluster is untouched.

export const CIB_WORK_ROOT = "/run/panel-cib";

// Every script is a constant; the work directory, ids and values arrive as "$1", "$2"…
export const CIB_SCRIPTS = {
  copy: 'set -e; umask 077; mkdir -p -- "$1"; cibadmin --query > "$1/live.xml"; cp -- "$1/live.xml" "$1/new.xml"',
  // $1 the work file; the rest are cibadmin's arguments (XML comes on stdin).
  cibadminOnCopy: 'CIB_file=$1; export CIB_file; shift; exec cibadmin "$@"',
  crmAttributeOnCopy: 'CIB_file=$1; export CIB_file; shift; exec crm_attribute "$@"',
  // crm_diff exits 0 when the files match, 1 when it wrote a patch.
  push: [
    "set -e",
    'cd -- "$1"',
    "rc=0",
    "crm_diff --original live.xml --new new.xml > patch.xml || rc=$?",
    '[ "$rc" -eq 0 ] && exit 0',
    '[ "$rc" -eq 1 ] || exit "$rc"',
    "exec cibadmin --patch --xml-file patch.xml",
  ].join("\n"),
  // Done when the live configuration is the one built in the work file.
  pushed: '[ -f "$1/new.xml" ] || exit 1; a=$(CIB_file="$1/new.xml" cibadmin --query --scope configuration | sha256sum); b=$(cibadmin --query --scope configuration | sha256sum); [ "$a" = "$b" ]',
  // Puts back the configuration copied before the push.
  restore: 'set -e; CIB_file="$1/live.xml" cibadmin --query --scope configuration > "$1/restore.xml"; exec cibadmin --replace --scope configuration --xml-file "$1/restore.xml"',
  removeWorkDir: 'exec rm -rf -- "$1"',
} as const;

export type TPacemakerPlanOptions = {
  prune?: boolean;
};

const SECRET_PARAM = /passw|secret|token|key/i;

function workDir(changes: TCibChange[]): string {
  const token = createHash("sha256").update(JSON.stringify(changes)).digest("hex").slice(0, 16);
  return `${CIB_WORK_ROOT}/${token}`;
}

const isSecret = (el: TCibElement): boolean =>
  el.attrs.class === "stonith" &&
  el.children.some((set) => set.name === "instance_attributes" && set.children.some((nv) => SECRET_PARAM.test(nv.attrs.name ?? "")));

function changeSensitive(c: TCibChange): boolean {
  if (c.kind === "set-attribute") return false;
  return (c.kind !== "delete" && isSecret(c.element)) || (c.kind !== "create" && isSecret(c.before));
}

function changeTitle(c: TCibChange): string {
  switch (c.kind) {
    case "set-attribute":
      return `Set ${c.set === "crm_config" ? "cluster property" : "resource default"} ${c.name}=${c.value}${c.before !== null ? ` (was ${c.before})` : ""}`;
    case "create":
      return `Add ${c.element.name} ${c.id}`;
    case "replace":
      return `Change ${c.element.name} ${c.id}`;
    case "delete":
      return `Remove ${c.before.name} ${c.id}`;
  }
}

function changeStep(c: TCibChange, index: number, dir: string, host: string): TPlanStep {
  const file = `${dir}/new.xml`;
  const base = { id: `pcmk-edit-${index + 1}`, title: `${changeTitle(c)} in the work copy`, host, sensitive: changeSensitive(c) };
  switch (c.kind) {
    case "set-attribute":
      return commandStep({ ...base, argv: shScript(CIB_SCRIPTS.crmAttributeOnCopy, [file, "--type", c.set, "--name", c.name, "--update", c.value]) });
    case "create":
      return commandStep({ ...base, argv: shScript(CIB_SCRIPTS.cibadminOnCopy, [file, "--create", "--scope", c.section, "--xml-pipe"]), stdin: renderElement(c.element) });
    case "replace":
      return commandStep({ ...base, argv: shScript(CIB_SCRIPTS.cibadminOnCopy, [file, "--replace", "--scope", c.section, "--xml-pipe"]), stdin: renderElement(c.element) });
    case "delete":
      return commandStep({
        ...base,
        argv: shScript(CIB_SCRIPTS.cibadminOnCopy, [file, "--delete", "--scope", c.section, "--xml-pipe"]),
        stdin: renderElement({ name: c.before.name, attrs: { id: c.id }, children: [] }),
      });
  }
}

function changeDiff(c: TCibChange, stepId: string, host: string): TFileDiff | null {
  if (c.kind === "set-attribute") return null;
  const path = `/cib/configuration/${c.section}/${c.id}`;
  if (changeSensitive(c)) return { stepId, host, path, before: null, after: "", patch: "", hidden: true };
  const before = c.kind === "create" ? null : renderElementPretty(c.before);
  const after = c.kind === "delete" ? "" : renderElementPretty(c.element);
  return fileDiff({ stepId, host, path, before, after });
}

function contextReports(observed: TPacemakerObserved, host: string): TReport[] {
  if (!observed.cib) {
    return [errorReport("PACEMAKER_CIB_UNREADABLE", `The CIB could not be read on ${host}: ${observed.cibError ?? "no answer"}.`, { host })];
  }
  if (observed.status?.quorate === false) {
    return [errorReport("PACEMAKER_NO_QUORUM", `${host} is in a partition without quorum; a change made there could be overwritten when the cluster merges. Plan on a quorate node.`, { host })];
  }
  return [];
}

// Validation against what the cluster already has: nodes, unmanaged resources that
// constraints may name, installed agents, the current stonith setting.
export function validateAgainstCluster(desired: TPacemakerDesired, observed: TPacemakerObserved, opts: TPacemakerPlanOptions = {}): TReport[] {
  const cib = observed.cib;
  const managed = new Set(renderResources(desired).flatMap(resourceIds));
  const unmanaged = opts.prune ? [] : (cib?.resources ?? []).filter((el) => !resourceIds(el).some((id) => managed.has(id)));
  const stonithEnabled = cib?.properties["stonith-enabled"];
  return validatePacemakerDesired(desired, {
    nodes: cib ? cib.nodes.map((n) => n.uname) : null,
    existingResourceIds: unmanaged.flatMap(resourceIds),
    agents: observed.agents,
    stonithEnabled: stonithEnabled === undefined ? null : /^(?:true|yes|on|1)$/i.test(stonithEnabled),
    existingStonithDevices: unmanaged.filter((el) => el.attrs.class === "stonith").length,
  });
}

export function planPacemakerConfig(desiredInput: TPacemakerDesired, observed: TPacemakerObserved, host: string, opts: TPacemakerPlanOptions = {}): TPlan {
  const title = `Pacemaker configuration (through ${host})`;
  const parsed = ZPacemakerDesired.safeParse(desiredInput);
  if (!parsed.success) return buildPlan({ title, steps: [], reports: validatePacemakerDesired(desiredInput) });
  const desired = parsed.data;
  const reports = [...contextReports(observed, host), ...validateAgainstCluster(desired, observed, opts)];
  const cib = observed.cib;
  if (!cib || reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  const changes = diffPacemakerCib(desired, cib, opts);
  if (changes.length === 0) return buildPlan({ title, steps: [], reports });
  const dir = workDir(changes);
  const edits = changes.map((c, i) => changeStep(c, i, dir, host));
  const diffs = changes.flatMap((c, i) => changeDiff(c, edits[i]?.id ?? "", host) ?? []);
  const stopsResources = changes.some((c) => c.kind === "delete" && c.section === "resources");
  const steps: TPlanStep[] = [
    commandStep({
      id: "pcmk-copy",
      title: `Copy the live CIB to ${dir} on ${host}`,
      host,
      argv: shScript(CIB_SCRIPTS.copy, [dir]),
      undo: { kind: "command", argv: shScript(CIB_SCRIPTS.removeWorkDir, [dir]) },
    }),
    ...edits,
    commandStep({ id: "pcmk-verify", title: "Check the changed copy with crm_verify", host, argv: ["crm_verify", "--verbose", "--xml-file", `${dir}/new.xml`] }),
    commandStep({
      id: "pcmk-push",
      title: "Push the difference to the live CIB (cibadmin --patch, refused if the CIB changed since the copy)",
      host,
      argv: shScript(CIB_SCRIPTS.push, [dir]),
      check: { kind: "command", argv: shScript(CIB_SCRIPTS.pushed, [dir]) },
      undo: { kind: "command", argv: shScript(CIB_SCRIPTS.restore, [dir]) },
      destructive: stopsResources,
    }),
  ];
  return buildPlan({ title, steps, diffs, reports });
}

// The steps a preview may run: they only touch the work copy.
export const isCopyOnlyStep = (step: TPlanStep) => step.id !== "pcmk-push";
