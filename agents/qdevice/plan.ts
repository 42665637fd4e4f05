import type { TCorosyncPlanOptions } from "@/agents/corosync/plan";
import { planCorosyncCluster } from "@/agents/corosync/plan";
import type { TCorosyncObserved } from "@/agents/corosync/probe";
import type { TCorosyncConfig, TQuorumDeviceConfig } from "@/agents/corosync/model";
import { buildPlan, commandStep } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { NODE_DB, NODE_P12, PACKAGE_INSTALLED_SCRIPT, QNETD_DB, type TQdeviceObserved } from "./probe";

// A QDevice for a two-node cluster: corosync-qnetd on a third machine (the witness), TLS
// certificates made by corosync-qdevice-net-certutil's quick start (-Q) on the first node,
// corosync-qdevice on the nodes. The device block in corosync.conf is the corosync planner's
// job (withQdevice); planCorosyncWithQdevice puts both plans in the order that works:
// corosync first (a configured but absent device leaves 2 of 3 votes: still quorate), then
// qnetd, certificates and qdevice. Pure.

export type TQdeviceDesired = {
  clusterName: string;
  // Inventory host that runs qnetd; the nodes reach it over SSH by this name for -Q.
  witness: string;
  // What corosync-qdevice connects to (device.net.host): the witness's address.
  witnessAddress: string;
  // Inventory host names of the nodes, first one runs the quick start. Equal to corosync node names.
  nodes: string[];
};

// ffsplit gives the vote to the half that keeps the most nodes (for two nodes: the one the
// witness still sees); TLS on is the default that needs the certificates made below.
export function qdeviceConfig(witnessAddress: string): TQuorumDeviceConfig {
  return { model: "net", votes: 1, host: witnessAddress, port: null, algorithm: "ffsplit", tls: "on" };
}

// votequorum refuses two_node together with a device, and wait_for_all goes with two_node.
export function withQdevice(config: TCorosyncConfig, witnessAddress: string): TCorosyncConfig {
  return { ...config, quorum: { ...config.quorum, twoNode: false, waitForAll: null, device: qdeviceConfig(witnessAddress) } };
}

const installScript = 'DEBIAN_FRONTEND=noninteractive exec apt-get install -y --no-install-recommends "$1"';
const removeScript = 'DEBIAN_FRONTEND=noninteractive exec apt-get remove -y "$1"';

function installStep(host: string, pkg: string): TPlanStep {
  return commandStep({
    id: `qdevice-install-${pkg}-${host}`,
    title: `Install ${pkg} on ${host}`,
    host,
    argv: shScript(installScript, [pkg]),
    check: { kind: "command", argv: shScript(PACKAGE_INSTALLED_SCRIPT, [pkg]) },
    undo: { kind: "command", argv: shScript(removeScript, [pkg]) },
  });
}

function serviceSteps(host: string, unit: string, o: { enabled: boolean; active: boolean }): TPlanStep[] {
  const step = (verb: "enable" | "start", query: string, undo: string, title: string) =>
    commandStep({
      id: `qdevice-${verb}-${unit}-${host}`,
      title,
      host,
      argv: ["systemctl", verb, unit],
      check: { kind: "command", argv: ["systemctl", query, unit] },
      undo: { kind: "command", argv: ["systemctl", undo, unit] },
    });
  return [
    ...(o.enabled ? [] : [step("enable", "is-enabled", "disable", `Start ${unit} at boot on ${host}`)]),
    ...(o.active ? [] : [step("start", "is-active", "stop", `Start ${unit} on ${host}`)]),
  ];
}

// Debian's postinst makes this database; a witness set up by hand may lack it. qnetd runs as
// coroqnetd, which must read it.
export const QNETD_DB_SCRIPT = 'set -e; corosync-qnetd-certutil -i -G; chgrp coroqnetd "$1" "$1/cert9.db" "$1/key4.db"';

function qnetdDbStep(host: string): TPlanStep {
  return commandStep({
    id: `qdevice-qnetd-db-${host}`,
    title: `Create the QNetd certificate authority on ${host}`,
    host,
    argv: shScript(QNETD_DB_SCRIPT, [QNETD_DB]),
    check: { kind: "command", argv: ["test", "-e", `${QNETD_DB}/cert9.db`] },
    undo: { kind: "command", argv: ["rm", "-rf", QNETD_DB] },
  });
}

// The quick start needs root SSH from the first node to the witness and the other nodes (as on
// Proxmox VE). Its check asks every node, over the same SSH, for the client certificate.
export const CERTS_CHECK_SCRIPT = 'for h in "$@"; do ssh -o BatchMode=yes "root@$h" test -f "$0" || exit 1; done';
export const CERTS_UNDO_SCRIPT = 'for h in "$@"; do ssh -o BatchMode=yes "root@$h" rm -rf "$0" || exit 1; done';

function certsStep(d: TQdeviceDesired, first: string): TPlanStep {
  return commandStep({
    id: "qdevice-certificates",
    title: `Make the QDevice TLS certificates for cluster ${d.clusterName} (signed by ${d.witness}) on ${d.nodes.join(", ")}`,
    host: first,
    argv: ["corosync-qdevice-net-certutil", "-Q", "-n", d.clusterName, d.witness, ...d.nodes],
    check: { kind: "command", argv: ["/bin/sh", "-c", CERTS_CHECK_SCRIPT, NODE_P12, ...d.nodes] },
    undo: { kind: "command", argv: ["/bin/sh", "-c", CERTS_UNDO_SCRIPT, NODE_DB, ...d.nodes] },
  });
}

export function planQdevice(d: TQdeviceDesired, observedByHost: Readonly<Record<string, TQdeviceObserved>>): TPlan {
  const title = `QDevice on ${d.witness} for cluster ${d.clusterName}`;
  const reports: TReport[] = [];
  const missing = [d.witness, ...d.nodes].filter((h) => !observedByHost[h]);
  if (missing.length > 0) reports.push(errorReport("QDEVICE_HOST_NOT_PROBED", `Not probed: ${missing.join(", ")}. Probe every host before planning.`, { hosts: missing }));
  if (d.nodes.includes(d.witness)) reports.push(errorReport("QDEVICE_WITNESS_IS_NODE", `${d.witness} is a cluster node; the witness must be a third machine.`, { field: "witness" }));
  if (d.nodes.length !== 2) {
    reports.push(errorReport("QDEVICE_NODE_COUNT", `The panel sets up a QDevice for two-node clusters; this one has ${d.nodes.length} nodes.`, { field: "nodes" }));
  }
  const first = d.nodes[0];
  const w = observedByHost[d.witness];
  if (reports.length > 0 || !w || !first) return buildPlan({ title, steps: [], reports });
  const nodes = d.nodes.map((host) => ({ host, o: observedByHost[host] as TQdeviceObserved }));

  // -Q refuses to touch a node that already has a database; a half-made set needs a person.
  const withCert = nodes.filter((n) => n.o.nodeCertPresent);
  const withDb = nodes.filter((n) => n.o.nodeDbPresent);
  const certsDone = withCert.length === nodes.length;
  if (!certsDone && withDb.length > 0) {
    return buildPlan({
      title,
      steps: [],
      reports: [
        errorReport(
          "QDEVICE_CERTS_PARTIAL",
          `${withDb.map((n) => n.host).join(", ")} already ha${withDb.length === 1 ? "s" : "ve"} a QDevice certificate database but not every node has the cluster certificate. ` +
            `Remove ${NODE_DB} on those nodes (rm -rf ${NODE_DB}) and plan again.`,
          { hosts: withDb.map((n) => n.host), path: NODE_DB },
        ),
      ],
    });
  }
  const steps = [
    ...(w.qnetdInstalled ? [] : [installStep(d.witness, "corosync-qnetd")]),
    ...(w.qnetdDbPresent ? [] : [qnetdDbStep(d.witness)]),
    ...serviceSteps(d.witness, "corosync-qnetd", { enabled: w.qnetdEnabled, active: w.qnetdActive }),
    ...nodes.flatMap((n) => (n.o.qdeviceInstalled ? [] : [installStep(n.host, "corosync-qdevice")])),
    ...(certsDone ? [] : [certsStep(d, first)]),
    ...nodes.flatMap((n) => serviceSteps(n.host, "corosync-qdevice", { enabled: n.o.qdeviceEnabled, active: n.o.qdeviceActive })),
  ];
  return buildPlan({ title, steps, reports });
}

// Two nodes plus a witness in one plan: corosync with the device block, then the QDevice.
export function planCorosyncWithQdevice(
  desired: TCorosyncConfig,
  qdevice: Omit<TQdeviceDesired, "clusterName" | "nodes">,
  observed: { corosync: Readonly<Record<string, TCorosyncObserved>>; qdevice: Readonly<Record<string, TQdeviceObserved>> },
  opts: TCorosyncPlanOptions = {},
): TPlan {
  const corosync = planCorosyncCluster(withQdevice(desired, qdevice.witnessAddress), observed.corosync, opts);
  const hasError = corosync.reports.some((r) => r.severity === "error");
  const q = hasError ? null : planQdevice({ ...qdevice, clusterName: desired.clusterName, nodes: desired.nodes.map((n) => n.name) }, observed.qdevice);
  return buildPlan({
    title: `Corosync cluster ${desired.clusterName} on ${desired.nodes.map((n) => n.name).join(", ")} with a QDevice on ${qdevice.witness}`,
    steps: [...corosync.steps, ...(q?.steps ?? [])],
    diffs: corosync.diffs,
    reports: [...corosync.reports, ...(q?.reports ?? [])],
  });
}
