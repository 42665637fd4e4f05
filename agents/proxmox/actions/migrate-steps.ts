import type { TPlanStep } from "@/lib/plan/plan";
import { shScript } from "@/lib/ssh/argv";
import { ZPveNodeName, ZVmid } from "../ids";
import { migrateArgv, migrationLogPath, START_DETACHED_SCRIPT, type TMigrationKind } from "../migrate/run";
import { pveStep } from "../steps";

// A migration as two plan steps on the guest's node: start `qm/pct migrate` detached (its task
// log goes to migrationLogPath, which the panel polls for the progress bar), then wait for it
// to end. The wait prints the whole task log and exits with the migration's exit code, so a
// failure's explaining lines land in the job log. Both steps count as done once the guest's
// config sits under the target node, so a resumed job does not migrate twice. Pure.

// $1 target node, $2 config dir (qemu-server|lxc), $3 VMID: exit 0 when the guest lives there.
export const GUEST_ON_NODE_SCRIPT = '[ -e "/etc/pve/nodes/$1/$2/$3.conf" ]';

// $1 log file, $2 target, $3 config dir, $4 VMID, $5 seconds to wait for an HA-managed guest
// (qm only hands those to the HA manager, which moves them on its own; asking ha-manager for
// its status keeps a CRM that acts on commands going).
export const WAIT_MIGRATION_SCRIPT = [
  'while [ ! -f "$1.rc" ]; do sleep 1; done',
  'cat "$1"',
  // A failed migration's ERROR lines go to stderr too, so the step's report carries the reason.
  'rc=$(cat "$1.rc"); [ "$rc" = 0 ] || { grep -E "ERROR" "$1" | tail -n 5 >&2; exit "$rc"; }',
  'end=$(( $(date +%s) + $5 ))',
  'until [ -e "/etc/pve/nodes/$2/$3/$4.conf" ]; do',
  '  [ "$(date +%s)" -ge "$end" ] && { echo "guest $4 is not on $2 yet" >&2; exit 1; }',
  "  ha-manager status >/dev/null 2>&1; sleep 1",
  "done",
].join("\n");

export const configDir = (kind: TMigrationKind) => (kind === "lxc" ? "lxc" : "qemu-server");

export const MIGRATION_TIMEOUT_MS = 3_600_000;

export function migrationSteps(req: { vmid: number; kind: TMigrationKind; source: string; target: string; online: boolean; haManaged?: boolean }): TPlanStep[] {
  const vmid = ZVmid.parse(req.vmid);
  const target = ZPveNodeName.parse(req.target);
  const source = ZPveNodeName.parse(req.source);
  const log = migrationLogPath(vmid);
  const argv = migrateArgv(req.kind, vmid, target, { online: req.online });
  const check = { kind: "command" as const, argv: shScript(GUEST_ON_NODE_SCRIPT, [target, configDir(req.kind), String(vmid)]) };
  const how = req.kind === "lxc" ? (req.online ? "restart migration" : "offline") : req.online ? "online, live" : "offline";
  return [
    pveStep({
      id: `migrate-${vmid}-start`,
      title: `Start migrating ${req.kind === "lxc" ? "container" : "VM"} ${vmid} from ${source} to ${target} (${how}): ${argv.join(" ")}`,
      host: source,
      argv: shScript(START_DETACHED_SCRIPT, [log, ...argv]),
      check,
    }),
    pveStep({
      id: `migrate-${vmid}-wait`,
      title: `Wait for guest ${vmid} to arrive on ${target}${req.haManaged ? " (the HA manager moves it)" : ""}`,
      host: source,
      argv: shScript(WAIT_MIGRATION_SCRIPT, [log, target, configDir(req.kind), String(vmid), req.haManaged ? "300" : "30"]),
      check,
      timeoutMs: MIGRATION_TIMEOUT_MS,
    }),
  ];
}

// $1 node, then config paths relative to its directory: waits until none is left there.
export const HA_GUESTS_GONE_SCRIPT = [
  "n=$1; shift; end=$(( $(date +%s) + 600 ))",
  "while :; do",
  '  left=""; for p in "$@"; do [ -e "/etc/pve/nodes/$n/$p" ] && left="$left $p"; done',
  '  [ -z "$left" ] && exit 0',
  '  [ "$(date +%s)" -ge "$end" ] && { echo "still on $n:$left" >&2; exit 1; }',
  '  echo "waiting for the HA manager to move:$left"; ha-manager status >/dev/null 2>&1; sleep 2',
  "done",
].join("\n");
export const HA_GUESTS_GONE_CHECK = 'n=$1; shift; for p in "$@"; do [ -e "/etc/pve/nodes/$n/$p" ] && exit 1; done; exit 0';

export function waitHaGuestsGoneStep(node: string, guests: { vmid: number; kind: TMigrationKind }[], host: string): TPlanStep {
  const n = ZPveNodeName.parse(node);
  const paths = guests.map((g) => `${configDir(g.kind)}/${ZVmid.parse(g.vmid)}.conf`);
  return pveStep({
    id: `ha-guests-gone-${n}`,
    title: `Wait for the HA manager to move ${guests.map((g) => g.vmid).join(", ")} off ${n}`,
    host,
    argv: shScript(HA_GUESTS_GONE_SCRIPT, [n, ...paths]),
    check: { kind: "command", argv: shScript(HA_GUESTS_GONE_CHECK, [n, ...paths]) },
    timeoutMs: 660_000,
  });
}
