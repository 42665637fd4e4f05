import { commandStep, writeFileStep } from "@/lib/plan/build";
import type { TFileDiff, TPlanStep } from "@/lib/plan/plan";
import { shScript } from "@/lib/ssh/argv";
import type { TLinstorDesired } from "./desired";
import type { TLinstorClusterObserved, TLinstorHostObserved } from "./probe";

// The highly available controller of LINBIT's user guide ("Creating a highly available LINSTOR
// cluster"): the controller's database on a 3-way DRBD resource, linstor_db, that drbd-reactor
// promotes on one node at a time and on which it then mounts /var/lib/linstor and starts
// linstor-controller. auto-promote no (only the promoter makes it Primary), quorum majority and
// on-no-quorum io-error (a node that loses quorum stops writing instead of diverging). The
// satellites keep linstor_db when they start (LS_KEEP_RES), since the controller that would
// tell them about it runs on it. Pure.

export const HA_DB_RESOURCE = "linstor_db";
export const HA_DB_GROUP = "linstor-db-grp";
export const HA_DB_SIZE = "200M";
export const HA_REACTOR_CONF = "/etc/drbd-reactor.d/linstor_db.toml";
export const HA_MOUNT_UNIT = "/etc/systemd/system/var-lib-linstor.mount";
export const HA_SATELLITE_DROPIN = "/etc/systemd/system/linstor-satellite.service.d/panel-keep-res.conf";
export const HA_DB_OPTIONS = [
  ["auto-promote", "no"],
  ["quorum", "majority"],
  ["on-suspended-primary-outdated", "force-secondary"],
  ["on-no-quorum", "io-error"],
  ["on-no-data-accessible", "io-error"],
] as const;

export const HA_REACTOR_TOML = `[[promoter]]
id = "${HA_DB_RESOURCE}"
[promoter.resources.${HA_DB_RESOURCE}]
start = ["var-lib-linstor.mount", "linstor-controller.service"]
`;

export const HA_MOUNT_CONTENT = `[Unit]
Description=Filesystem for the LINSTOR controller

[Mount]
What=/dev/drbd/by-res/${HA_DB_RESOURCE}/0
Where=/var/lib/linstor
`;

export const HA_SATELLITE_DROPIN_CONTENT = `[Service]
Environment=LS_KEEP_RES=${HA_DB_RESOURCE}
`;

// Run once on the controller's host: stop the controller, put a filesystem on the new DRBD
// device and copy the database onto it. The old directory stays as /var/lib/linstor.orig (the
// undo and the check). $1: the DRBD device.
export const HA_MOVE_DB_SCRIPT = [
  "set -e",
  "systemctl disable --now linstor-controller",
  `drbdadm primary ${HA_DB_RESOURCE}`,
  `trap 'umount /var/lib/linstor 2>/dev/null; drbdadm secondary ${HA_DB_RESOURCE}' EXIT`,
  'mkfs.ext4 -q "$1"',
  "mv /var/lib/linstor /var/lib/linstor.orig",
  "mkdir /var/lib/linstor",
  'mount "$1" /var/lib/linstor',
  "cp -a /var/lib/linstor.orig/. /var/lib/linstor/",
].join("\n");
export const HA_UNDO_MOVE_SCRIPT = "set -e\n[ -d /var/lib/linstor.orig ] || exit 0\nrmdir /var/lib/linstor\nmv /var/lib/linstor.orig /var/lib/linstor\nsystemctl enable --now linstor-controller";

const check = (script: string, args: string[] = []) => ({ kind: "command" as const, argv: shScript(script, args) });

// The storage pool linstor_db goes to: the one asked for, else the first pool on every node.
export function haDbStoragePool(d: TLinstorDesired): string | null {
  return d.controller.dbStoragePool ?? d.storagePools.find((p) => p.nodes === null)?.name ?? null;
}

export function haControllerSteps(
  d: TLinstorDesired,
  hosts: Readonly<Record<string, TLinstorHostObserved>>,
  cluster: TLinstorClusterObserved,
  at: string,
): { steps: TPlanStep[]; diffs: TFileDiff[] } {
  if (d.controller.ha !== "drbd-reactor") return { steps: [], diffs: [] };
  const pool = haDbStoragePool(d) ?? "";
  const steps: TPlanStep[] = [];
  const diffs: TFileDiff[] = [];
  const dbExists = (cluster.definitions ?? []).some((r) => r.name === HA_DB_RESOURCE);
  const groupExists = (cluster.groups ?? []).some((g) => g.name === HA_DB_GROUP) || (cluster.definitions ?? []).some((r) => r.resourceGroup === HA_DB_GROUP);
  if (!groupExists) {
    steps.push(
      commandStep({
        id: "linstor-ha-db-group",
        title: `Create resource group ${HA_DB_GROUP} for the controller's database: 3 replicas in ${pool}, promoted only by drbd-reactor`,
        host: at,
        argv: ["linstor", "resource-group", "create", HA_DB_GROUP, "--place-count", "3", "--storage-pool", pool],
        check: check('linstor -m resource-group list 2>/dev/null | grep -qF -- "\\"name\\": \\"$1\\""', [HA_DB_GROUP]),
        undo: { kind: "command", argv: ["linstor", "resource-group", "delete", HA_DB_GROUP] },
      }),
      commandStep({
        id: "linstor-ha-db-options",
        title: `Set ${HA_DB_OPTIONS.map(([k, v]) => `${k} ${v}`).join(", ")} on ${HA_DB_GROUP}`,
        host: at,
        argv: ["linstor", "resource-group", "drbd-options", ...HA_DB_OPTIONS.flatMap(([k, v]) => [`--${k}`, v]), HA_DB_GROUP],
        check: check('linstor resource-group list-properties "$1" 2>/dev/null | grep -F -- "auto-promote" | grep -qw no', [HA_DB_GROUP]),
      }),
    );
  }
  if (!dbExists) {
    steps.push(
      commandStep({
        id: "linstor-ha-db-resource",
        title: `Create the ${HA_DB_SIZE} resource ${HA_DB_RESOURCE} from ${HA_DB_GROUP}`,
        host: at,
        argv: ["linstor", "resource-group", "spawn-resources", HA_DB_GROUP, HA_DB_RESOURCE, HA_DB_SIZE],
        check: check('linstor -m resource-definition list 2>/dev/null | grep -qF -- "\\"name\\": \\"$1\\""', [HA_DB_RESOURCE]),
        undo: { kind: "command", argv: ["linstor", "resource-definition", "delete", HA_DB_RESOURCE] },
      }),
    );
  }
  for (const n of d.nodes) {
    const o = hosts[n.name];
    if (o?.satelliteDropIn === HA_SATELLITE_DROPIN_CONTENT) continue;
    if (o?.satelliteDropIn === null) {
      steps.push(
        commandStep({
          id: `linstor-ha-dropin-dir-${n.name}`,
          title: `Create the linstor-satellite drop-in directory on ${n.name}`,
          host: n.name,
          argv: ["mkdir", "-p", "/etc/systemd/system/linstor-satellite.service.d"],
          check: check('[ -d "$1" ]', ["/etc/systemd/system/linstor-satellite.service.d"]),
        }),
      );
    }
    const w = writeFileStep({
      id: `linstor-ha-keep-res-${n.name}`,
      title: `Make ${n.name}'s satellite keep ${HA_DB_RESOURCE} when it starts`,
      host: n.name,
      path: HA_SATELLITE_DROPIN,
      content: HA_SATELLITE_DROPIN_CONTENT,
      observed: o?.satelliteDropIn ?? null,
      mode: "0644",
    });
    steps.push(
      w.step,
      commandStep({
        id: `linstor-ha-satellite-restart-${n.name}`,
        title: `Restart ${n.name}'s satellite with LS_KEEP_RES`,
        host: n.name,
        argv: shScript("systemctl daemon-reload && systemctl restart linstor-satellite", []),
        check: check('systemctl show -p Environment linstor-satellite 2>/dev/null | grep -qF -- "LS_KEEP_RES=$1"', [HA_DB_RESOURCE]),
      }),
    );
    diffs.push(w.diff);
  }
  if (!hosts[at]?.dbMoved) {
    steps.push(
      commandStep({
        id: "linstor-ha-move-db",
        title: `Stop the controller on ${at} and move its database onto ${HA_DB_RESOURCE} (the old one stays in /var/lib/linstor.orig)`,
        host: at,
        argv: shScript(HA_MOVE_DB_SCRIPT, [`/dev/drbd/by-res/${HA_DB_RESOURCE}/0`]),
        check: check("[ -d /var/lib/linstor.orig ]"),
        undo: { kind: "command", argv: shScript(HA_UNDO_MOVE_SCRIPT, []) },
        destructive: true,
      }),
    );
  }
  for (const n of d.nodes) {
    const o = hosts[n.name];
    for (const [key, path, content, what] of [
      ["mount", HA_MOUNT_UNIT, HA_MOUNT_CONTENT, "the /var/lib/linstor mount unit"],
      ["reactor-conf", HA_REACTOR_CONF, HA_REACTOR_TOML, "drbd-reactor's promoter for the controller"],
    ] as const) {
      const observed = key === "mount" ? (o?.mountUnit ?? null) : (o?.reactorConf ?? null);
      if (observed === content) continue;
      const w = writeFileStep({ id: `linstor-ha-${key}-${n.name}`, title: `Write ${what} on ${n.name}`, host: n.name, path, content, observed, mode: "0644" });
      steps.push(w.step);
      diffs.push(w.diff);
    }
    if (!o?.reactorActive) {
      steps.push(
        commandStep({
          id: `linstor-ha-reactor-${n.name}`,
          title: `Hand the controller on ${n.name} to drbd-reactor (controller unit disabled, drbd-reactor enabled and reloaded)`,
          host: n.name,
          argv: shScript("systemctl daemon-reload && systemctl disable linstor-controller && systemctl enable --now drbd-reactor && systemctl reload drbd-reactor", []),
          check: check("systemctl is-active --quiet drbd-reactor && systemctl is-enabled --quiet drbd-reactor && ! systemctl is-enabled --quiet linstor-controller"),
        }),
      );
    }
  }
  return { steps, diffs };
}
