import { buildPlan, commandStep, writeFileStep } from "@/lib/plan/build";
import type { TFileDiff, TPlan, TPlanStep } from "@/lib/plan/plan";
import { TEMP_PATH } from "@/lib/ssh/write-file";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { authkeySha256, authkeyStep, isValidAuthkey } from "./authkey";
import { ZCorosyncConfig, type TCorosyncConfig } from "./model";
import { CONF_PATH, type TCorosyncObserved } from "./probe";
import { renderCorosyncConf } from "./render-conf";
import { ringAddressReports, validateCorosyncDesired } from "./validate";

// (desired cluster, what each host has) → the steps that make the hosts match, in this order:
// authkey on every node, corosync.conf on every node, enable, then a reload of the running
// cluster (corosync-cfgtool -R) or, for changes it refuses, a restart of each running node,
// then a start of the nodes that are down. Nothing starts before every node has its
// files, so a node that fails mid-way leaves no half-formed cluster running. Pure.
//
// Each node's inventory host name is its corosync node name.

export type TCorosyncPlanOptions = {
  // base64 of a fresh 256-byte key (generateAuthkey); used only when a node lacks the
  // cluster's key. It rides in the step's stdin, so it is stored with the plan in the Job row
  // until lib/plan has secret references (docs/jobs.md); the step is sensitive, so never logged.
  authkey?: string;
};

// `corosync -t` (corosync 3.1) reads the config, checks its values, that the authkey can be
// read and that some nodelist entry is this host, without starting anything. It matches the
// entry by address or by name = hostname, so a wrong ring address of a node named like its
// host passes: ringAddressReports (from `ip -j addr`) is the check that catches that.
export const CONF_VALIDATE = ["corosync", "-t", "-c", TEMP_PATH];

// Settings corosync-cfgtool -R cannot change in a running cluster.
const RESTART_ONLY: (keyof TCorosyncConfig)[] = ["clusterName", "transport", "ipVersion"];

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

const sameConfig = (a: TCorosyncConfig, b: TCorosyncConfig) => canonical({ ...a, configVersion: null }) === canonical({ ...b, configVersion: null });

type THostState = { host: string; observed: TCorosyncObserved };

function observedReports(desired: TCorosyncConfig, hosts: (THostState | { host: string; observed: null })[]): TReport[] {
  const out: TReport[] = [];
  for (const { host, observed } of hosts) {
    if (!observed) {
      out.push(errorReport("COROSYNC_HOST_NOT_PROBED", `${host} was not probed; probe every node before planning.`, { host }));
      continue;
    }
    if (observed.corosyncActive && observed.conf) {
      const running = observed.conf;
      for (const key of RESTART_ONLY) {
        if (running[key] !== desired[key]) {
          out.push(
            errorReport(
              "COROSYNC_RESTART_REQUIRED",
              `${host} runs corosync with ${key} ${String(running[key])}; changing it to ${String(desired[key])} needs a restart of the whole cluster, which this plan does not do.`,
              { host, field: key, running: running[key], desired: desired[key] },
            ),
          );
        }
      }
    }
  }
  return out;
}

function authkeySteps(hosts: THostState[], opts: TCorosyncPlanOptions): { steps: TPlanStep[]; reports: TReport[] } {
  const hashes = hosts.map((h) => h.observed.authkeySha256);
  const first = hashes[0];
  if (first && hashes.every((h) => h === first)) return { steps: [], reports: [] };
  const key = opts.authkey;
  if (key === undefined || !isValidAuthkey(key)) {
    return {
      steps: [],
      reports: [
        errorReport(
          "COROSYNC_AUTHKEY_REQUIRED",
          key === undefined ? "Some nodes lack the cluster's authkey and no new key was supplied." : "The supplied authkey is not 256 bytes in base64.",
          { hosts: hosts.filter((h) => h.observed.authkeySha256 !== first || !first).map((h) => h.host) },
        ),
      ],
    };
  }
  const wanted = authkeySha256(key);
  const toWrite = hosts.filter((h) => h.observed.authkeySha256 !== wanted);
  const running = toWrite.filter((h) => h.observed.corosyncActive).map((h) => h.host);
  if (running.length > 0) {
    return {
      steps: [],
      reports: [
        errorReport(
          "COROSYNC_AUTHKEY_RUNNING",
          `The nodes do not share one authkey and corosync runs on ${running.join(", ")}: a new key needs the whole cluster restarted, ` +
            "and joining a node to a running cluster means copying its existing key. Neither is done by this plan.",
          { hosts: running },
        ),
      ],
    };
  }
  return { steps: toWrite.map((h) => authkeyStep(h.host, key, h.observed.authkeyPresent)), reports: [] };
}

// The version to write: unchanged when every node already has the desired config at one
// version, else one above the highest any node has (a node's stale file must never win).
function targetVersion(desired: TCorosyncConfig, hosts: THostState[]): { version: number; changed: boolean } {
  const versions = hosts.map((h) => h.observed.conf?.configVersion ?? 0);
  const max = Math.max(0, ...versions);
  const allMatch = hosts.every((h) => h.observed.conf !== null && sameConfig(h.observed.conf, desired));
  if (allMatch && versions.every((v) => v === versions[0])) return { version: max, changed: false };
  return { version: max + 1, changed: true };
}

function serviceStep(host: string, verb: "enable" | "start"): TPlanStep {
  const enable = verb === "enable";
  return commandStep({
    id: `corosync-${verb}-${host}`,
    title: enable ? `Start corosync at boot on ${host}` : `Start corosync on ${host}`,
    host,
    argv: ["systemctl", verb, "corosync"],
    check: { kind: "command", argv: ["systemctl", enable ? "is-enabled" : "is-active", "corosync"] },
    undo: { kind: "command", argv: ["systemctl", enable ? "disable" : "stop", "corosync"] },
  });
}

// corosync-cfgtool -R refuses (CS_ERR_INVALID_PARAM) to move an existing node to another
// address or to change the set of links: the running nodes have to be restarted. Why a node
// needs that, or null when a reload is enough.
function restartReason(desired: TCorosyncConfig, running: TCorosyncConfig): string | null {
  const links = (c: TCorosyncConfig) => c.links.map((l) => l.linknumber).join(",");
  if (links(desired) !== links(running)) return `the links change (${links(running) || "none"} → ${links(desired) || "none"})`;
  for (const node of desired.nodes) {
    const before = running.nodes.find((n) => n.nodeid === node.nodeid);
    if (before && before.addrs.join(",") !== node.addrs.join(",")) return `${node.name} moves from ${before.addrs.join(", ")} to ${node.addrs.join(", ")}`;
  }
  return null;
}

// Done once corosync on the host runs the version just written.
const runsVersion = (version: number) => ({
  kind: "command" as const,
  argv: ["/bin/sh", "-c", '[ "$(corosync-cmapctl -g totem.config_version 2>/dev/null | sed "s/.*= //")" = "$1" ]', "--", String(version)],
});

// No undo: restoring the files and restarting again is what takes a restart back.
function restartStep(host: string, version: number): TPlanStep {
  return commandStep({
    id: `corosync-restart-${host}`,
    title: `Restart corosync on ${host} to load config_version ${version}`,
    host,
    argv: ["systemctl", "restart", "corosync"],
    check: runsVersion(version),
    destructive: true,
  });
}

// Reloads corosync.conf on every running node at once. Done once the running cluster reports
// the version just written. No undo: when the files are restored, reload again by hand.
function reloadStep(host: string, version: number): TPlanStep {
  return commandStep({
    id: "corosync-reload",
    title: `Reload corosync.conf (config_version ${version}) in the running cluster`,
    host,
    argv: ["corosync-cfgtool", "-R"],
    check: runsVersion(version),
  });
}

export function planCorosyncCluster(
  desired: TCorosyncConfig,
  observedByHost: Readonly<Record<string, TCorosyncObserved>>,
  opts: TCorosyncPlanOptions = {},
): TPlan {
  const title = `Corosync cluster ${desired.clusterName} on ${desired.nodes.map((n) => n.name).join(", ")}`;
  const probed = desired.nodes.map((n) => ({ host: n.name, observed: observedByHost[n.name] ?? null }));
  const addresses = Object.fromEntries(probed.map((p) => [p.host, p.observed?.addresses ?? null]));
  const reports = [...validateCorosyncDesired(desired), ...ringAddressReports(desired, addresses), ...observedReports(desired, probed)];
  const hosts = probed.filter((p): p is THostState => p.observed !== null);
  if (reports.some((r) => r.severity === "error") || hosts.length !== probed.length) return buildPlan({ title, steps: [], reports });

  const config = ZCorosyncConfig.parse(desired);
  const key = authkeySteps(hosts, opts);
  reports.push(...key.reports);
  if (key.reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  const { version, changed } = targetVersion(config, hosts);
  const content = renderCorosyncConf({ ...config, configVersion: version });
  const writes = changed
    ? hosts
        .filter((h) => h.observed.confText !== content)
        .map((h) =>
          writeFileStep({
            id: `corosync-conf-${h.host}`,
            title: `Write corosync.conf (config_version ${version}) on ${h.host}`,
            host: h.host,
            path: CONF_PATH,
            content,
            observed: h.observed.confText,
            mode: "0644",
            validate: CONF_VALIDATE,
          }),
        )
    : [];
  const diffs: TFileDiff[] = writes.map((w) => w.diff);
  const running = hosts.filter((h) => h.observed.corosyncActive);
  const firstRunning = running[0];
  const reasons = [...new Set(running.flatMap((h) => (h.observed.conf ? [restartReason(config, h.observed.conf)] : [])).filter((r) => r !== null))];
  const restart = writes.length > 0 && reasons.length > 0;
  if (restart) {
    const withPacemaker = running.filter((h) => h.observed.pacemakerActive).map((h) => h.host);
    if (withPacemaker.length > 0) {
      reports.push(
        errorReport(
          "COROSYNC_RESTART_UNDER_PACEMAKER",
          `This change needs corosync restarted on every node (${reasons.join("; ")}), and Pacemaker runs on ${withPacemaker.join(", ")}: ` +
            "put the cluster in maintenance mode first. This plan does not restart under Pacemaker.",
          { hosts: withPacemaker, reasons },
        ),
      );
      return buildPlan({ title, steps: [], reports });
    }
    reports.push(
      warningReport(
        "COROSYNC_RESTART_REQUIRED",
        `corosync-cfgtool -R cannot apply this change (${reasons.join("; ")}): corosync is restarted on ${running.map((h) => h.host).join(", ")} one after the other, ` +
          "and the cluster may be without quorum for a few seconds while old and new configs meet.",
        { hosts: running.map((h) => h.host), reasons },
      ),
    );
  }
  const steps = [
    ...key.steps,
    ...writes.map((w) => w.step),
    ...hosts.filter((h) => !h.observed.corosyncEnabled).map((h) => serviceStep(h.host, "enable")),
    ...(restart ? running.map((h) => restartStep(h.host, version)) : firstRunning && writes.length > 0 ? [reloadStep(firstRunning.host, version)] : []),
    ...hosts.filter((h) => !h.observed.corosyncActive).map((h) => serviceStep(h.host, "start")),
  ];
  return buildPlan({ title, steps, diffs, reports });
}
