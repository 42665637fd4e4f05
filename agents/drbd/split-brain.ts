import { buildPlan, commandStep } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, report, warningReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import type { TDrbdLogEvent } from "./kernel-log";
import type { TDrbdRole } from "./model";
import { NO_UUID, type TDrbdGi } from "./parse-gi";
import type { TDrbdObserved } from "./probe";
import { RESOURCE_NAME } from "./validate";

// The split-brain assistant: detect it from what each node shows, lay the evidence side by
// side, recommend a victim, and build DRBD's documented manual recovery — on the victim
// `secondary` and `connect --discard-my-data`, on the survivor `connect` — only after the admin
// typed the resource name. Pure.

export type TSplitBrainNode = {
  host: string;
  // null: the resource is not up on this host.
  role: TDrbdRole | null;
  connection: string | null;
  disk: string | null;
  // What this node changed that its peer does not have (its bitmap toward the peer).
  outOfSyncKiB: number | null;
  gi: TDrbdGi | null;
  // The kernel said "Split-Brain detected but unresolved" and has not connected since.
  splitBrainLogged: boolean;
  splitBrainLoggedAt: string | null;
  // When this node last became Primary, from the kernel log (null when the log does not say).
  lastPromotedAt: string | null;
};

export type TSplitBrainDetection = {
  resource: string;
  splitBrain: boolean;
  // Each sign as a report, so the page lists why it thinks so.
  signs: TReport[];
  nodes: TSplitBrainNode[];
  recommendedVictim: string | null;
  recommendation: string;
};

function unresolvedSince(events: readonly TDrbdLogEvent[]): TDrbdLogEvent | null {
  let last: TDrbdLogEvent | null = null;
  for (const e of events) {
    if (e.kind === "split-brain-unresolved") last = e;
    else if (e.kind === "split-brain-resolved" || (e.kind === "connection" && e.to === "Connected")) last = null;
  }
  return last;
}

function nodeOf(host: string, o: TDrbdObserved): TSplitBrainNode {
  const r = o.resource;
  const conn = r?.connections[0] ?? null;
  const oos = conn ? conn.volumes.map((v) => v.outOfSyncKiB).filter((n): n is number => n !== null) : [];
  const sb = unresolvedSince(o.kernelLog);
  const promoted = [...o.kernelLog].reverse().find((e) => e.kind === "role" && e.to === "Primary") ?? null;
  return {
    host,
    role: r?.role ?? null,
    connection: conn?.state ?? null,
    disk: r?.volumes[0]?.disk ?? o.localDisk,
    outOfSyncKiB: oos.length > 0 ? oos.reduce((a, b) => a + b, 0) : null,
    gi: o.gi[0] ?? null,
    splitBrainLogged: sb !== null,
    splitBrainLoggedAt: sb?.time ?? null,
    lastPromotedAt: promoted?.time ?? null,
  };
}

const CONNECTED = new Set(["Connected", "SyncSource", "SyncTarget", "WFBitMapS", "WFBitMapT", "PausedSyncS", "PausedSyncT", "StartingSyncS", "StartingSyncT"]);

export function detectDrbdSplitBrain(resource: string, observedByHost: Readonly<Record<string, TDrbdObserved>>): TSplitBrainDetection {
  const nodes = Object.entries(observedByHost).map(([host, o]) => nodeOf(host, o));
  const signs: TReport[] = [];
  for (const n of nodes) {
    if (n.splitBrainLogged) {
      signs.push(
        errorReport("DRBD_SPLIT_BRAIN_LOGGED", `${n.host}'s kernel log says "Split-Brain detected but unresolved"${n.splitBrainLoggedAt ? ` at ${n.splitBrainLoggedAt}` : ""}`, {
          host: n.host,
          time: n.splitBrainLoggedAt,
        }),
      );
    }
    if (n.connection === "StandAlone") {
      signs.push(warningReport("DRBD_STANDALONE", `${resource} is StandAlone on ${n.host}: it does not try to reach its peer`, { host: n.host }));
    }
  }
  const disconnected = nodes.every((n) => n.connection === null || !CONNECTED.has(n.connection));
  const primaries = nodes.filter((n) => n.role === "Primary");
  if (primaries.length > 1 && disconnected) {
    signs.push(
      errorReport("DRBD_BOTH_PRIMARY", `${resource} is Primary on ${primaries.map((n) => n.host).join(" and ")} without a connection: both take writes`, {
        hosts: primaries.map((n) => n.host),
      }),
    );
  }
  const withGi = nodes.filter((n) => n.gi !== null);
  const diverged =
    withGi.length >= 2 && new Set(withGi.map((n) => n.gi?.current)).size === withGi.length && withGi.every((n) => n.gi?.bitmap !== NO_UUID);
  if (diverged && disconnected) {
    signs.push(
      errorReport("DRBD_DATA_DIVERGED", `The nodes' current generation identifiers differ and each has changes the other lacks (${withGi.map((n) => `${n.host} ${n.gi?.current}`).join(", ")})`, {
        hosts: withGi.map((n) => n.host),
      }),
    );
  }
  const splitBrain = nodes.some((n) => n.splitBrainLogged) || (disconnected && (primaries.length > 1 || diverged));
  return { resource, splitBrain, signs, nodes, ...recommend(nodes, splitBrain) };
}

function recommend(nodes: TSplitBrainNode[], splitBrain: boolean): { recommendedVictim: string | null; recommendation: string } {
  if (!splitBrain) return { recommendedVictim: null, recommendation: "No split brain: nothing to recover." };
  const primaries = nodes.filter((n) => n.role === "Primary");
  const only = primaries[0];
  if (primaries.length === 1 && only) {
    const victim = nodes.find((n) => n !== only);
    if (victim) {
      return {
        recommendedVictim: victim.host,
        recommendation: `${only.host} is the Primary (its data is in use); discard the changes of ${victim.host}${victim.outOfSyncKiB ? ` (${victim.outOfSyncKiB} KiB)` : ""}.`,
      };
    }
  }
  const sized = nodes.filter((n) => n.outOfSyncKiB !== null).sort((a, b) => (a.outOfSyncKiB as number) - (b.outOfSyncKiB as number));
  const [fewest, next] = sized;
  if (fewest && next && sized.length === nodes.length && (fewest.outOfSyncKiB as number) < (next.outOfSyncKiB as number)) {
    return {
      recommendedVictim: fewest.host,
      recommendation: `${fewest.host} changed the least since the split (${fewest.outOfSyncKiB} KiB against ${next.outOfSyncKiB} KiB on ${next.host}); discarding its changes loses the least. Check which node your services wrote to before you confirm.`,
    };
  }
  return {
    recommendedVictim: null,
    recommendation: "The evidence does not point at a victim: decide which node's changes since the split you keep.",
  };
}

const CHECKS = {
  role: 'case "$(drbdadm role "$1" 2>/dev/null)" in "$2"*) exit 0;; esac; exit 1',
  standAlone: '[ "$(drbdadm cstate "$1" 2>/dev/null)" = StandAlone ]',
  // Connected, Connecting or syncing: anything but StandAlone means `connect` has been done.
  connecting: 'case "$(drbdadm cstate "$1" 2>/dev/null)" in StandAlone|"") exit 1;; esac; exit 0',
} as const;
const check = (script: string, args: string[]) => ({ kind: "command" as const, argv: shScript(script, args) });

export type TSplitBrainChoice = { victim: string; confirmation: string };

export function planDrbdSplitBrainRecovery(d: TSplitBrainDetection, choice: TSplitBrainChoice): TPlan {
  const name = d.resource;
  const title = `Recover ${name} from split brain: discard the changes on ${choice.victim}`;
  const refuse = (r: TReport) => buildPlan({ title, steps: [], reports: [r] });
  if (!RESOURCE_NAME.test(name)) return refuse(errorReport("DRBD_RESOURCE_NAME_INVALID", `'${name}' is not a DRBD resource name`, { field: "name", value: name }));
  if (!d.splitBrain) return refuse(errorReport("DRBD_NO_SPLIT_BRAIN", `${name} shows no split brain; nothing is discarded`, { resource: name }));
  const victim = d.nodes.find((n) => n.host === choice.victim);
  if (!victim) {
    return refuse(
      errorReport("DRBD_SPLIT_BRAIN_VICTIM_INVALID", `${choice.victim} is not a node of ${name} (${d.nodes.map((n) => n.host).join(", ")})`, {
        field: "victim",
        value: choice.victim,
      }),
    );
  }
  if (choice.confirmation !== name) {
    return refuse(
      errorReport("DRBD_SPLIT_BRAIN_CONFIRMATION_MISMATCH", `Type the resource name ${name} to confirm that the changes on ${victim.host} are discarded`, {
        field: "confirmation",
        expected: name,
      }),
    );
  }
  const survivors = d.nodes.filter((n) => n !== victim);
  const steps: TPlanStep[] = [];
  if (victim.role === "Primary") {
    steps.push(
      commandStep({
        id: `drbd-sb-secondary-${victim.host}`,
        title: `Demote ${name} on ${victim.host} (stop what uses it there first: a mounted filesystem or a running VM makes this fail)`,
        host: victim.host,
        argv: ["drbdadm", "secondary", name],
        check: check(CHECKS.role, [name, "Secondary"]),
      }),
    );
  }
  if (victim.connection !== null && victim.connection !== "StandAlone") {
    steps.push(
      commandStep({
        id: `drbd-sb-disconnect-${victim.host}`,
        title: `Disconnect ${name} on ${victim.host}`,
        host: victim.host,
        argv: ["drbdadm", "disconnect", name],
        check: check(CHECKS.standAlone, [name]),
      }),
    );
  }
  steps.push(
    commandStep({
      id: `drbd-sb-discard-${victim.host}`,
      title: `Reconnect ${name} on ${victim.host}, discarding its changes since the split (drbdadm connect --discard-my-data)`,
      host: victim.host,
      argv: ["drbdadm", "connect", "--discard-my-data", name],
      check: check(CHECKS.connecting, [name]),
      destructive: true,
      reports: [
        report(
          "info",
          "DRBD_SPLIT_BRAIN_DISCARD",
          `The changes made on ${victim.host} since the split${victim.outOfSyncKiB ? ` (${victim.outOfSyncKiB} KiB)` : ""} are discarded and overwritten from ${survivors.map((s) => s.host).join(", ")}`,
          { host: victim.host, outOfSyncKiB: victim.outOfSyncKiB },
        ),
      ],
    }),
  );
  for (const s of survivors) {
    if (s.connection !== "StandAlone") continue;
    steps.push(
      commandStep({
        id: `drbd-sb-connect-${s.host}`,
        title: `Reconnect ${name} on ${s.host}; it becomes the resync source`,
        host: s.host,
        argv: ["drbdadm", "connect", name],
        check: check(CHECKS.connecting, [name]),
      }),
    );
  }
  // The signs describe the state being repaired; they are evidence, not objections to the plan.
  return buildPlan({ title, steps, reports: [] });
}
