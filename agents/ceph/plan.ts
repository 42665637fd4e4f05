import { buildPlan, commandStep } from "@/lib/plan/build";
import { ZPlanStep, type TPlan, type TPlanStep } from "@/lib/plan/plan";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { capacityReports, projectedTree } from "./capacity-report";
import { cephClusterView, type TCephClusterView } from "./cluster-view";
import type { TCephDesired, TCephPoolDesired } from "./desired";
import { osdDiskVerdicts } from "./osd-disks";
import { PVE_CEPH_CONF, PVE_STORAGE_CFG, type TCephHostObserved } from "./probe";
import { validateCephDesired } from "./validate";

// (desired Ceph cluster, every node's probe) → the steps Proxmox's own tooling takes, in the
// order the admin guide gives: `pveceph install` on each node, `pveceph init --network` once,
// monitors, managers, OSDs on the chosen empty disks, pools, and the RBD storage entry. The
// cluster-wide steps run on the first node. Each step's check reads what the probe read, so a
// re-run plans nothing and a resumed job skips what is done. Pure.

// Shell checks: constant scripts, every variable part a positional argument.
export const CEPH_CHECKS = {
  installed: 'out=$(pveceph status 2>&1); case "$out" in *"binary not installed"*) exit 1;; esac; exit 0',
  initialized: `[ -f ${PVE_CEPH_CONF} ]`,
  monitor: `awk -v s="[mon.$1]" '$0 == s { f = 1 } END { exit !f }' ${PVE_CEPH_CONF}`,
  manager: '[ -d "/var/lib/ceph/mgr/ceph-$1" ] && exit 0; ceph -s --connect-timeout 10 2>/dev/null | grep -E "^ +mgr:" | grep -qwF -- "$1"',
  // ceph-volume turns the disk into an LVM physical volume.
  osd: [
    'lsblk -J -o NAME,PATH,FSTYPE | python3 -c \'',
    "import json, sys",
    "want = sys.argv[1]",
    'devs = json.load(sys.stdin)["blockdevices"]',
    'hit = [d for d in devs if want in (d.get("path"), "/dev/" + str(d.get("name")))]',
    'sys.exit(0 if hit and hit[0].get("fstype") == "LVM2_member" else 1)',
    '\' "$(readlink -f -- "$1")"',
  ].join("\n"),
  pool: 'ceph osd pool ls --connect-timeout 10 2>/dev/null | grep -qxF -- "$1"',
  storage: `awk -v h="$1: $2" '$0 == h { f = 1 } END { exit !f }' ${PVE_STORAGE_CFG}`,
} as const;

const check = (script: string, args: string[] = []) => ({ kind: "command" as const, argv: shScript(script, args) });

// commandStep with the action fields it does not take: package installs run for minutes.
function step(s: Parameters<typeof commandStep>[0] & { timeoutMs?: number }): TPlanStep {
  const { timeoutMs, ...rest } = s;
  const built = commandStep(rest);
  return timeoutMs === undefined || built.action.kind !== "command" ? built : ZPlanStep.parse({ ...built, action: { ...built.action, timeoutMs } });
}

export function poolCreateArgv(p: TCephPoolDesired): string[] {
  return [
    "pveceph",
    "pool",
    "create",
    p.name,
    "--size",
    String(p.size),
    "--min_size",
    String(p.minSize),
    "--pg_autoscale_mode",
    p.pgAutoscaleMode,
    "--application",
    p.application,
    ...(p.pgNum === null ? [] : ["--pg_num", String(p.pgNum)]),
  ];
}

function softwareSteps(d: TCephDesired, observed: Readonly<Record<string, TCephHostObserved>>, view: TCephClusterView): { steps: TPlanStep[]; reports: TReport[] } {
  const primary = d.nodes[0] ?? "";
  const steps: TPlanStep[] = [];
  const reports: TReport[] = [];
  for (const host of d.nodes) {
    if (observed[host]?.pveceph !== "not-installed") continue;
    steps.push(
      step({
        id: `ceph-install-${host}`,
        title: `Install Ceph ${d.version} packages on ${host} (${d.repository} repository)`,
        host,
        argv: ["pveceph", "install", "--repository", d.repository, "--version", d.version],
        // pveceph asks "continue (y/N)?" before it installs.
        stdin: "y\n",
        timeoutMs: 30 * 60_000,
        check: check(CEPH_CHECKS.installed),
      }),
    );
  }
  if (view.conf === null) {
    steps.push(
      step({
        id: "ceph-init",
        title: `Write the cluster's Ceph configuration (${PVE_CEPH_CONF}) with public network ${d.network}${d.clusterNetwork ? ` and cluster network ${d.clusterNetwork}` : ""}`,
        host: primary,
        argv: ["pveceph", "init", "--network", d.network, ...(d.clusterNetwork ? ["--cluster-network", d.clusterNetwork] : [])],
        check: check(CEPH_CHECKS.initialized),
      }),
    );
  } else if (view.conf.publicNetwork !== null && view.conf.publicNetwork !== d.network) {
    reports.push(
      warningReport(
        "CEPH_NETWORK_DIFFERS",
        `${PVE_CEPH_CONF} already sets public_network ${view.conf.publicNetwork}, not ${d.network}. It is kept: moving monitors to another network is not done by this plan.`,
        { field: "network", current: view.conf.publicNetwork, desired: d.network },
      ),
    );
  }
  return { steps, reports };
}

function daemonSteps(d: TCephDesired, view: TCephClusterView): TPlanStep[] {
  const mons = d.monitors
    .filter((h) => !view.monitors.has(h))
    .map((host) =>
      step({
        id: `ceph-mon-${host}`,
        title: `Create a Ceph monitor on ${host}`,
        host,
        argv: ["pveceph", "mon", "create"],
        timeoutMs: 10 * 60_000,
        check: check(CEPH_CHECKS.monitor, [host]),
        undo: { kind: "command", argv: ["pveceph", "mon", "destroy", host] },
      }),
    );
  const mgrs = d.managers
    .filter((h) => !view.managers.has(h))
    .map((host) =>
      step({
        id: `ceph-mgr-${host}`,
        title: `Create a Ceph manager on ${host}`,
        host,
        argv: ["pveceph", "mgr", "create"],
        timeoutMs: 10 * 60_000,
        check: check(CEPH_CHECKS.manager, [host]),
        undo: { kind: "command", argv: ["pveceph", "mgr", "destroy", host] },
      }),
    );
  return [...mons, ...mgrs];
}

function poolSteps(d: TCephDesired, view: TCephClusterView): { steps: TPlanStep[]; reports: TReport[] } {
  const primary = d.nodes[0] ?? "";
  const steps: TPlanStep[] = [];
  const reports: TReport[] = [];
  d.pools.forEach((p, i) => {
    const existing = view.pools?.find((x) => x.name === p.name);
    if (existing) {
      const same = existing.size === p.size && existing.minSize === p.minSize && (existing.autoscaleMode === null || existing.autoscaleMode === p.pgAutoscaleMode);
      if (!same) {
        reports.push(
          errorReport(
            "CEPH_POOL_EXISTS",
            `A pool named ${p.name} already exists (size ${existing.size ?? "?"}, min_size ${existing.minSize ?? "?"}, autoscale ${existing.autoscaleMode ?? "?"}). ` +
              "Choose another name; this plan does not change existing pools.",
            { field: `pools.${i}.name`, pool: p.name, size: existing.size, minSize: existing.minSize, autoscaleMode: existing.autoscaleMode },
          ),
        );
        return;
      }
    } else {
      steps.push(
        step({
          id: `ceph-pool-${p.name}`,
          title: `Create pool ${p.name} (size ${p.size}, min_size ${p.minSize}, PG autoscaler ${p.pgAutoscaleMode}, ${p.application})`,
          host: primary,
          argv: poolCreateArgv(p),
          timeoutMs: 5 * 60_000,
          check: check(CEPH_CHECKS.pool, [p.name]),
          undo: { kind: "command", argv: ["pveceph", "pool", "destroy", p.name] },
        }),
      );
    }
    const s = p.storage;
    if (!s) return;
    const entry = view.storages?.find((e) => e.id === s.id);
    if (entry) {
      if (entry.type !== "rbd" || entry.pool !== p.name) {
        reports.push(
          errorReport("CEPH_STORAGE_ID_EXISTS", `Storage ${s.id} already exists in storage.cfg as ${entry.type}${entry.pool ? ` on pool ${entry.pool}` : ""}; choose another storage id.`, {
            field: `pools.${i}.storage.id`,
            storage: s.id,
            type: entry.type,
          }),
        );
      }
      return;
    }
    steps.push(
      step({
        id: `ceph-storage-${s.id}`,
        title: `Add RBD storage ${s.id} on pool ${p.name} to Proxmox (content ${s.content.join(",")})`,
        host: primary,
        argv: ["pvesm", "add", "rbd", s.id, "--pool", p.name, "--content", [...s.content].sort().join(","), "--krbd", s.krbd ? "1" : "0"],
        check: check(CEPH_CHECKS.storage, ["rbd", s.id]),
        undo: { kind: "command", argv: ["pvesm", "remove", s.id] },
      }),
    );
  });
  return { steps, reports };
}

export function planCephCluster(d: TCephDesired, observedByHost: Readonly<Record<string, TCephHostObserved>>): TPlan {
  const title = `Ceph on ${d.nodes.join(", ")}`;
  const reports = validateCephDesired(d);
  for (const host of d.nodes) {
    if (!observedByHost[host]) reports.push(errorReport("CEPH_HOST_NOT_PROBED", `${host} was not probed; probe every node before planning.`, { host }));
  }
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  const view = cephClusterView(d.nodes, observedByHost);
  const osdCount = new Map((view.tree?.hosts ?? []).map((h) => [h.name, h.osds.length]));
  const disks = Object.fromEntries(d.nodes.map((h) => [h, observedByHost[h]?.disks ?? null]));
  const osd = osdDiskVerdicts(d.osds, disks, osdCount);
  const software = softwareSteps(d, observedByHost, view);
  const pools = poolSteps(d, view);
  reports.push(...software.reports, ...osd.reports, ...pools.reports);
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  const toCreate = osd.verdicts.flatMap((v) => (v.kind === "create" ? [v] : []));
  const osdSteps = toCreate.map((v) =>
    step({
      id: `ceph-osd-${v.osd.host}-${v.osd.disk.replace(/^\/dev\//, "").replace(/\//g, "-")}`,
      title: `Create an OSD on ${v.osd.disk} of ${v.osd.host} (the disk is wiped)`,
      host: v.osd.host,
      argv: ["pveceph", "osd", "create", v.osd.disk],
      timeoutMs: 10 * 60_000,
      check: check(CEPH_CHECKS.osd, [v.osd.disk]),
      destructive: true,
    }),
  );
  const tree = projectedTree(view.tree, toCreate.map((v) => ({ host: v.osd.host, sizeBytes: v.disk.sizeBytes })));
  reports.push(...capacityReports(tree, d.pools));
  const steps = [...software.steps, ...daemonSteps(d, view), ...osdSteps, ...pools.steps];
  return buildPlan({ title, steps, reports });
}
