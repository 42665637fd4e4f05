import { buildPlan, commandStep, writeFileStep } from "@/lib/plan/build";
import { fileDiff } from "@/lib/plan/file-diff";
import type { TFileDiff, TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, report, ReportError, warningReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { TEMP_PATH } from "@/lib/ssh/write-file";
import { diskReports, type TDiskUse } from "./disks";
import { fencingReports } from "./fencing";
import { renderLvmLocalConf } from "./lvm-filter";
import { LVM_LOCAL_CONF, resPath, type TDrbdObserved } from "./probe";
import { renderDrbdRes84, renderDrbdRes9 } from "./render-res";
import type { TDrbdResHost, TDrbdResourceConfig, TDrbdResVolume } from "./res-model";
import { validateDrbdOptions, validateDrbdResource } from "./validate";

// (desired resource, what each host has) → the lifecycle of a DRBD resource, in this order:
// the .res file on every host (validated on the host by the real drbdadm before it replaces
// anything), create-md where there is no meta-data, up (or adjust when a running resource's
// file changed), then — only for a new resource — the initial sync source the admin chose
// (`primary --force`, which overwrites the peers), and the handoff: demote it for Pacemaker,
// or build LVM on the DRBD device for Proxmox. Pure. Hosts are named by their `on` names, which
// must be the inventory names and the hosts' `uname -n`.

export type TDrbdHandoff = { kind: "none" } | { kind: "pacemaker" } | { kind: "lvm"; vg: string };

export type TDrbdPlanOptions = {
  generation: "9" | "8.4";
  // Resources already defined on the cluster: minors and ports must not collide with them.
  others?: readonly TDrbdResourceConfig[];
  // Required for a new resource: the host whose data becomes everybody's.
  initialSyncSource?: string | null;
  handoff?: TDrbdHandoff;
};

// Both drbdadm checks the admin would run by hand; stdout is dropped because it repeats the
// file, shared secret included. `drbdadm -d up` also fails when no `on` section names this host.
export const VALIDATE_SCRIPT = 'drbdadm -c "$1" dump "$2" >/dev/null || exit $?\nexec drbdadm -c "$1" -d up "$2" >/dev/null';
export const validateArgv = (name: string) => shScript(VALIDATE_SCRIPT, [TEMP_PATH, name]);

const CHECKS = {
  // Meta-data exists (drbdadm reads it with drbdmeta while the resource is down).
  metaData: 'drbdadm dstate "$1" >/dev/null 2>&1',
  up: 'drbdadm role "$1" >/dev/null 2>&1',
  // Nothing left for adjust to do.
  adjusted: 'out=$(drbdadm -d adjust "$1" 2>&1) && [ -z "$out" ]',
  upToDate: 'case "$(drbdadm dstate "$1" 2>/dev/null)" in UpToDate*) exit 0;; esac; exit 1',
  // 8.4 prints "Secondary/Primary", 9 prints "Secondary".
  role: 'case "$(drbdadm role "$1" 2>/dev/null)" in "$2"*) exit 0;; esac; exit 1',
  pv: 'pvs -- "$1" >/dev/null 2>&1',
  vg: 'vgs -- "$1" >/dev/null 2>&1',
} as const;
const check = (script: string, args: string[]) => ({ kind: "command" as const, argv: shScript(script, args) });

export const VG_NAME = /^[A-Za-z0-9+_.][A-Za-z0-9+_.-]*$/;

function effectiveVolumes(m: TDrbdResourceConfig, h: TDrbdResHost): TDrbdResVolume[] {
  return m.volumes.map((v) => ({ ...v, ...h.volumes.find((o) => o.volume === v.volume) }));
}

// The backing disks one host uses (the paths to probe for it).
export function diskPathsFor(m: TDrbdResourceConfig, hostName: string): string[] {
  const host = m.hosts.find((h) => h.name === hostName);
  return host ? effectiveVolumes(m, host).flatMap((v) => (v.disk === null ? [] : [v.disk])) : [];
}

const diskful = (m: TDrbdResourceConfig, h: TDrbdResHost) => effectiveVolumes(m, h).some((v) => v.disk !== null);

export function redactSecret(text: string | null): string | null {
  return text === null ? null : text.replace(/^(\s*shared-secret\s+)("(?:[^"\\]|\\.)*"|[^;\s]+)/gm, '$1"********"');
}

function render(m: TDrbdResourceConfig, generation: "9" | "8.4"): string {
  return generation === "9" ? renderDrbdRes9(m) : renderDrbdRes84(m);
}

type THost = { host: TDrbdResHost; index: number; observed: TDrbdObserved };

function hostReports(m: TDrbdResourceConfig, generation: "9" | "8.4", hosts: THost[]): TReport[] {
  const reports: TReport[] = [];
  const uses: TDiskUse[] = [];
  for (const { host, index, observed } of hosts) {
    const at = { host: host.name, field: `hosts.${index}.name` };
    if (observed.generation === null) {
      reports.push(errorReport("DRBD_MODULE_MISSING", `${host.name} has no DRBD kernel module (neither /proc/drbd nor modinfo drbd answer)`, at));
    } else if (observed.generation !== generation) {
      reports.push(
        errorReport("DRBD_GENERATION_MISMATCH", `${host.name} runs DRBD ${observed.kernelVersion}, the resource is planned for DRBD ${generation}`, {
          ...at,
          kernelVersion: observed.kernelVersion,
        }),
      );
    }
    if (observed.hostname !== null && observed.hostname !== host.name) {
      reports.push(
        errorReport("DRBD_HOSTNAME_MISMATCH", `The 'on ${host.name}' section is for a host whose uname -n is ${host.name}, but this host says ${observed.hostname}`, {
          ...at,
          hostname: observed.hostname,
        }),
      );
    }
    if (observed.resource === null && observed.localDisk === null) {
      effectiveVolumes(m, host).forEach((v, vi) => {
        if (v.disk === null) return;
        const fact = observed.disks.find((d) => d.path === v.disk);
        const override = host.volumes.findIndex((o) => o.volume === v.volume && o.disk !== undefined);
        const field = override >= 0 ? `hosts.${index}.volumes.${override}.disk` : `volumes.${vi}.disk`;
        if (fact) uses.push({ host: host.name, volume: v.volume, field, fact });
        else reports.push(errorReport("DRBD_DISK_NOT_PROBED", `Backing disk ${v.disk} on ${host.name} was not probed`, { field, host: host.name, value: v.disk }));
      });
    }
  }
  return [...reports, ...diskReports(uses)];
}

function writeSteps(m: TDrbdResourceConfig, content: string, hosts: THost[]): { steps: TPlanStep[]; diffs: TFileDiff[] } {
  const secret = m.net.sharedSecret !== null;
  const steps: TPlanStep[] = [];
  const diffs: TFileDiff[] = [];
  for (const { host, observed } of hosts) {
    if (observed.resText === content) continue;
    const id = `drbd-res-${host.name}`;
    const path = resPath(m.name);
    const { step, diff } = writeFileStep({
      id,
      title: `Write ${path} on ${host.name} (checked with drbdadm dump and drbdadm -d up first)`,
      host: host.name,
      path,
      content,
      observed: observed.resText,
      mode: secret ? "0600" : "0644",
      validate: validateArgv(m.name),
      // The file holds the shared secret: its content and the tools' output stay out of the logs.
      sensitive: secret,
    });
    steps.push(step);
    // The admin still sees what changes, with the secret masked.
    diffs.push(secret ? fileDiff({ stepId: id, host: host.name, path, before: redactSecret(observed.resText), after: redactSecret(content) ?? "" }) : diff);
  }
  return { steps, diffs };
}

function lifecycleSteps(m: TDrbdResourceConfig, hosts: THost[], written: Set<string>): TPlanStep[] {
  const steps: TPlanStep[] = [];
  for (const { host, observed } of hosts) {
    if (observed.resource !== null || observed.localDisk !== null || !diskful(m, host)) continue;
    const disks = effectiveVolumes(m, host).flatMap((v) => (v.disk === null ? [] : [`${v.disk} (meta-disk ${v.metaDisk})`]));
    steps.push(
      commandStep({
        id: `drbd-create-md-${host.name}`,
        title: `Create DRBD meta-data for ${m.name} on ${host.name}: ${disks.join(", ")}`,
        host: host.name,
        argv: ["drbdadm", "create-md", m.name],
        check: check(CHECKS.metaData, [m.name]),
        destructive: true,
        reports: [
          report("info", "DRBD_CREATE_MD", `create-md writes DRBD meta-data onto ${disks.join(", ")} on ${host.name}`, { host: host.name }),
        ],
      }),
    );
  }
  for (const { host, observed } of hosts) {
    if (observed.resource === null) {
      steps.push(
        commandStep({
          id: `drbd-up-${host.name}`,
          title: `Bring ${m.name} up on ${host.name} (attach, connect)`,
          host: host.name,
          argv: ["drbdadm", "up", m.name],
          check: check(CHECKS.up, [m.name]),
          undo: { kind: "command", argv: ["drbdadm", "down", m.name] },
        }),
      );
    } else if (written.has(host.name)) {
      steps.push(
        commandStep({
          id: `drbd-adjust-${host.name}`,
          title: `Apply the changed configuration of ${m.name} on ${host.name} (drbdadm adjust)`,
          host: host.name,
          argv: ["drbdadm", "adjust", m.name],
          check: check(CHECKS.adjusted, [m.name]),
        }),
      );
    }
  }
  return steps;
}

// A resource none of whose diskful hosts holds data yet: DRBD has no way to pick a source.
function isNew(m: TDrbdResourceConfig, hosts: THost[]): boolean {
  return hosts
    .filter((h) => diskful(m, h.host))
    .every(({ observed }) => {
      const disks = [observed.localDisk, ...(observed.resource?.volumes.map((v) => v.disk) ?? [])];
      return disks.every((d) => d === null || d === "Inconsistent" || d === "Diskless");
    });
}

function initialSyncSteps(m: TDrbdResourceConfig, hosts: THost[], opts: TDrbdPlanOptions): { steps: TPlanStep[]; reports: TReport[] } {
  const source = opts.initialSyncSource ?? null;
  const candidates = hosts.filter((h) => diskful(m, h.host)).map((h) => h.host.name);
  if (source === null) {
    return {
      steps: [],
      reports: [
        errorReport("DRBD_INITIAL_SYNC_SOURCE_REQUIRED", `${m.name} is new: choose the host whose data is copied to the others (one of ${candidates.join(", ")})`, {
          field: "initialSyncSource",
          candidates,
        }),
      ],
    };
  }
  if (!candidates.includes(source)) {
    return {
      steps: [],
      reports: [
        errorReport("DRBD_INITIAL_SYNC_SOURCE_INVALID", `${source} cannot be the initial sync source of ${m.name}: it must be one of ${candidates.join(", ")}`, {
          field: "initialSyncSource",
          value: source,
        }),
      ],
    };
  }
  const targets = candidates.filter((h) => h !== source);
  const steps: TPlanStep[] = [
    commandStep({
      id: `drbd-initial-sync-${source}`,
      title: `Make ${source} the initial sync source of ${m.name} (drbdadm primary --force): its data overwrites ${targets.join(", ")}`,
      host: source,
      argv: ["drbdadm", "primary", "--force", m.name],
      check: check(CHECKS.upToDate, [m.name]),
      destructive: true,
      reports: [
        warningReport(
          "DRBD_INITIAL_SYNC_OVERWRITES",
          `Everything on the backing disks of ${targets.join(", ")} for ${m.name} is overwritten with ${source}'s data. Only ${source} is forced; run this on exactly one host.`,
          { field: "initialSyncSource", source, targets },
        ),
      ],
    }),
  ];
  const handoff = opts.handoff ?? { kind: "none" };
  if (handoff.kind === "pacemaker") {
    steps.push(
      commandStep({
        id: `drbd-demote-${source}`,
        title: `Demote ${m.name} on ${source} to Secondary, so Pacemaker decides where it is Primary (the resync continues)`,
        host: source,
        argv: ["drbdadm", "secondary", m.name],
        check: check(CHECKS.role, [m.name, "Secondary"]),
        undo: { kind: "command", argv: ["drbdadm", "primary", m.name] },
      }),
    );
  } else if (handoff.kind === "lvm") {
    steps.push(...lvmSteps(m, hosts, source, handoff.vg));
  }
  return { steps, reports: [] };
}

function lvmSteps(m: TDrbdResourceConfig, hosts: THost[], source: string, vg: string): TPlanStep[] {
  const devices = m.volumes.map((v) => v.device);
  const steps: TPlanStep[] = [];
  for (const { host, observed } of hosts) {
    const disks = effectiveVolumes(m, host).flatMap((v) => (v.disk === null ? [] : [v.disk]));
    const content = renderLvmLocalConf(observed.lvmLocalConf, disks);
    if (content === observed.lvmLocalConf) continue;
    steps.push(
      writeFileStep({
        id: `drbd-lvm-filter-${host.name}`,
        title: `Keep LVM on ${host.name} off the backing disks of ${m.name} (global_filter in ${LVM_LOCAL_CONF})`,
        host: host.name,
        path: LVM_LOCAL_CONF,
        content,
        observed: observed.lvmLocalConf,
        mode: "0644",
      }).step,
    );
  }
  const sourceObserved = hosts.find((h) => h.host.name === source)?.observed;
  if (sourceObserved?.vgPresent !== true) {
    steps.push(
      commandStep({
        id: `drbd-pvcreate-${source}`,
        title: `Create LVM physical volumes on ${devices.join(", ")} (on ${source}, replicated by DRBD)`,
        host: source,
        argv: ["pvcreate", "--", ...devices],
        check: check(CHECKS.pv, [devices[0] as string]),
        undo: { kind: "command", argv: ["pvremove", "--", ...devices] },
      }),
      commandStep({
        id: `drbd-vgcreate-${source}`,
        title: `Create volume group ${vg} on ${devices.join(", ")}`,
        host: source,
        argv: ["vgcreate", "--", vg, ...devices],
        check: check(CHECKS.vg, [vg]),
        undo: { kind: "command", argv: ["vgremove", "--", vg] },
      }),
    );
  }
  // Shared LVM for live migration needs every node Primary (seed 001's dual-primary setup).
  if (m.net.allowTwoPrimaries === true) {
    for (const { host } of hosts) {
      if (host.name === source) continue;
      steps.push(
        commandStep({
          id: `drbd-promote-${host.name}`,
          title: `Promote ${m.name} on ${host.name} too (allow-two-primaries), so both nodes can use ${vg}`,
          host: host.name,
          argv: ["drbdadm", "primary", m.name],
          check: check(CHECKS.role, [m.name, "Primary"]),
          undo: { kind: "command", argv: ["drbdadm", "secondary", m.name] },
        }),
      );
    }
  }
  return steps;
}

export function planDrbdResource(
  desired: TDrbdResourceConfig,
  observedByHost: Readonly<Record<string, TDrbdObserved>>,
  opts: TDrbdPlanOptions,
): TPlan {
  const title = `DRBD resource ${desired.name} on ${desired.hosts.map((h) => h.name).join(", ")}`;
  const reports: TReport[] = [...validateDrbdResource(desired, opts.others ?? []), ...validateDrbdOptions(desired, opts.generation)];
  const hosts: THost[] = [];
  desired.hosts.forEach((host, index) => {
    const observed = observedByHost[host.name];
    if (observed) hosts.push({ host, index, observed });
    else reports.push(errorReport("DRBD_HOST_NOT_PROBED", `${host.name} was not probed; probe every host before planning`, { host: host.name, field: `hosts.${index}.name` }));
  });
  const handoff = opts.handoff ?? { kind: "none" };
  if (handoff.kind === "lvm" && !VG_NAME.test(handoff.vg)) {
    reports.push(errorReport("DRBD_VG_NAME_INVALID", `'${handoff.vg}' is not a volume group name`, { field: "handoff.vg", value: handoff.vg }));
  }
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  reports.push(...hostReports(desired, opts.generation, hosts));
  reports.push(...fencingReports(desired, hosts.filter((h) => h.observed.pacemakerActive).map((h) => h.host.name)));
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  try {
    const content = render(desired, opts.generation);
    const writes = writeSteps(desired, content, hosts);
    const steps = [...writes.steps, ...lifecycleSteps(desired, hosts, new Set(writes.steps.map((s) => s.host)))];
    if (isNew(desired, hosts)) {
      const initial = initialSyncSteps(desired, hosts, opts);
      reports.push(...initial.reports);
      if (initial.reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });
      steps.push(...initial.steps);
    }
    return buildPlan({ title, steps, diffs: writes.diffs, reports });
  } catch (err) {
    if (err instanceof ReportError) return buildPlan({ title, steps: [], reports: [...reports, err.report] });
    throw err;
  }
}
