import { spawnSync } from "node:child_process";
import { nodeIp, onlineNodes, quorumOf, realCorosync } from "./corosync";
import { readHaGroups, readHaResources, readHaRules, readReplication, writeReplication } from "./configs";
import {
  confSet,
  editSim,
  findGuest,
  listGuests,
  localNode,
  moveGuest,
  readGuestConf,
  writeGuestConf,
  type TGuestKind,
  type TMigration,
  type TPveSim,
  type TReplState,
} from "./state";

// No daemons run behind the simulator (no pve-ha-crm, pvescheduler, migration workers), so
// every command first "catches up" from timestamps: finishes migrations whose time is up,
// fences and recovers HA services of nodes that left the membership, runs replication jobs
// that fell due. A command run later therefore sees the progress a daemon would have made.

const envSeconds = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && process.env[name] !== undefined && process.env[name] !== "" ? v : fallback;
};
export const migrateSeconds = () => envSeconds("SIM_MIGRATE_SECONDS", 5);
export const fenceSeconds = () => envSeconds("SIM_HA_FENCE_SECONDS", 10);

export function upid(node: string, type: string, id: number, now: number): string {
  const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, "0");
  return `UPID:${node}:${hex(process.pid, 8)}:${hex(now % 0xffffffff, 8)}:${hex(Math.floor(now / 1000), 8)}:${type}:${id}:root@pam:`;
}

export function startMigration(
  s: TPveSim,
  m: { vmid: number; kind: TGuestKind; source: string; target: string; online: boolean; seconds?: number },
  now: number,
): string {
  const id = upid(m.source, m.kind === "qemu" ? "qmigrate" : "vzmigrate", m.vmid, now);
  s.migrations.push({ ...m, seconds: m.seconds ?? migrateSeconds(), startedAt: now, upid: id });
  const g = findGuest(m.vmid);
  if (g) {
    const conf = readGuestConf(g);
    confSet(conf, "lock", "migrate");
    writeGuestConf(g, conf);
  }
  return id;
}

// Whether a node can take part in a migration now: in the membership, and in the lab also
// answering on its SSH port, as PVE's migration tunnel needs it. A crashed lab host refuses
// the connection at once, while corosync takes seconds to drop it.
export function nodeReachable(s: TPveSim, node: string): boolean {
  if (!onlineNodes(s).has(node)) return false;
  if (!realCorosync()) return true;
  const ip = nodeIp(s, node);
  if (!ip) return false;
  return spawnSync("bash", ["-c", 'exec 3<>"/dev/tcp/$0/22"', ip], { timeout: 2_000, stdio: "ignore" }).status === 0;
}

// What PVE's cleanup leaves after a failed migration: the guest on its source, unlocked.
export function abortMigration(s: TPveSim, m: TMigration, exitstatus: string): void {
  s.migrations = s.migrations.filter((x) => x.upid !== m.upid);
  s.taskErrors[m.upid] = exitstatus;
  const g = findGuest(m.vmid);
  if (g) {
    const conf = readGuestConf(g);
    confSet(conf, "lock", null);
    writeGuestConf(g, conf);
  }
  delete s.ha.transient[sidOf(m.kind, m.vmid)];
}

// The end of a migration: the config moves to the target when both ends are still there,
// else the migration aborts. True when it moved.
export function endMigration(s: TPveSim, m: TMigration): boolean {
  if (!nodeReachable(s, m.source) || !nodeReachable(s, m.target)) {
    abortMigration(s, m, "migration problems");
    return false;
  }
  s.migrations = s.migrations.filter((x) => x.upid !== m.upid);
  const g = findGuest(m.vmid);
  if (!g) return false;
  const conf = readGuestConf(g);
  confSet(conf, "lock", null);
  writeGuestConf(g, conf);
  if (g.node !== m.target) moveGuest(g, m.target);
  // After a migration PVE turns the replication job around: the old source becomes the target.
  const jobs = readReplication();
  let changed = false;
  for (const j of jobs) {
    if (j.guest === m.vmid && j.target === m.target) {
      j.target = m.source;
      j.source = m.target;
      changed = true;
    }
  }
  if (changed) writeReplication(jobs);
  delete s.ha.transient[sidOf(m.kind, m.vmid)];
  return true;
}

function finishMigrations(s: TPveSim, now: number): void {
  for (const m of s.migrations.filter((x) => x.startedAt + x.seconds * 1000 <= now)) endMigration(s, m);
}

export const sidOf = (kind: TGuestKind, vmid: number) => `${kind === "qemu" ? "vm" : "ct"}:${vmid}`;

// Where the CRM would put a service: group / node-affinity priorities first, then by name.
export function pickNode(sid: string, candidates: string[]): string | null {
  const res = readHaResources().find((r) => r.sid === sid);
  let prio = new Map<string, number>();
  let restricted = false;
  const group = res?.group ? readHaGroups().find((g) => g.group === res.group) : undefined;
  const rule = readHaRules().find((r) => r.type === "node-affinity" && r.resources.includes(sid) && r.disable !== true);
  const nodes = group?.nodes ?? rule?.nodes ?? null;
  if (nodes) {
    prio = new Map(nodes.map((n) => [n.node, n.priority ?? 0]));
    restricted = group ? group.restricted === true : rule?.strict === true;
  }
  const ok = candidates.filter((n) => !restricted || prio.has(n));
  ok.sort((a, b) => (prio.get(b) ?? -1) - (prio.get(a) ?? -1) || a.localeCompare(b));
  return ok[0] ?? null;
}

function settleHa(s: TPveSim, now: number): void {
  if (!s.cluster) return;
  const online = onlineNodes(s);
  if (!online.has(localNode()) || !quorumOf(s, online).quorate) return; // the CRM needs quorum
  for (const n of s.nodes) {
    if (online.has(n.name)) delete s.ha.downSince[n.name];
    else s.ha.downSince[n.name] ??= now;
  }
  const resources = readHaResources();
  const guests = listGuests();
  const usable = s.nodes.map((n) => n.name).filter((n) => online.has(n) && !s.ha.maintenance.includes(n));
  const fenceMs = fenceSeconds() * 1000;
  for (const r of resources) {
    if (r.vmid === null) continue;
    const g = guests.find((x) => x.vmid === r.vmid);
    if (!g) continue;
    const sid = r.sid;
    const busy = s.migrations.some((m) => m.vmid === g.vmid);
    const since = s.ha.downSince[g.node];
    if (since !== undefined) {
      // Node lost: fence it, then recover its services on a surviving node.
      const elapsed = now - since;
      if (elapsed < fenceMs) s.ha.transient[sid] = { state: "fence", node: g.node };
      else if (elapsed < fenceMs * 1.5) s.ha.transient[sid] = { state: "recovery", node: g.node };
      else {
        const target = pickNode(sid, usable);
        if (!target) {
          s.ha.transient[sid] = { state: "recovery", node: g.node };
          continue;
        }
        s.migrations = s.migrations.filter((m) => m.vmid !== g.vmid);
        const conf = readGuestConf(g);
        confSet(conf, "lock", null);
        writeGuestConf(g, conf);
        moveGuest(g, target);
        delete s.ha.transient[sid];
        if (r.state === null || r.state === "started") s.running[String(g.vmid)] = now;
      }
      continue;
    }
    if (s.ha.transient[sid]?.state === "fence" || s.ha.transient[sid]?.state === "recovery") delete s.ha.transient[sid];
    if (busy) continue;
    if (s.ha.maintenance.includes(g.node) && (r.state === null || r.state === "started")) {
      const target = pickNode(sid, usable.filter((n) => n !== g.node));
      if (target) {
        s.ha.maintOrigin[sid] = g.node;
        s.ha.transient[sid] = { state: "migrate", node: g.node };
        startMigration(s, { vmid: g.vmid, kind: g.kind, source: g.node, target, online: g.kind === "qemu" }, now);
      }
      continue;
    }
    const origin = s.ha.maintOrigin[sid];
    if (origin && !s.ha.maintenance.includes(origin) && online.has(origin)) {
      delete s.ha.maintOrigin[sid];
      if (origin !== g.node) {
        s.ha.transient[sid] = { state: "migrate", node: g.node };
        startMigration(s, { vmid: g.vmid, kind: g.kind, source: g.node, target: origin, online: g.kind === "qemu" }, now);
      }
    }
  }
}

// Calendar events as pvesr uses them; `*/N` (every N minutes) and `HH:MM` (daily) are modelled,
// anything else runs every 15 minutes.
export function nextEvent(schedule: string, afterMs: number): number {
  const d = new Date(afterMs);
  d.setSeconds(0, 0);
  const every = /^\*\/(\d+)$/.exec(schedule.trim()) ?? (/^(\d+)$/.test(schedule.trim()) ? [schedule, schedule] : null);
  const daily = /^(\d{1,2}):(\d{2})$/.exec(schedule.trim());
  if (daily) {
    d.setHours(Number(daily[1]), Number(daily[2]), 0, 0);
    if (d.getTime() <= afterMs) d.setDate(d.getDate() + 1);
    return d.getTime();
  }
  const n = Math.max(1, Number(every?.[1] ?? 15));
  for (;;) {
    d.setMinutes(d.getMinutes() + 1);
    if (d.getMinutes() % n === 0 && d.getTime() > afterMs) return d.getTime();
  }
}

export function nextSync(st: TReplState, schedule: string, createdAt: number): number {
  if (st.failCount > 0 && st.lastTry !== null) return st.lastTry + 60_000 * (st.failCount < 3 ? 5 * st.failCount : 30);
  // A new job first runs at the first calendar event after it was created: counting from a
  // minute earlier made a job created just after a boundary "sync" before it existed.
  return nextEvent(schedule, st.lastSync ?? createdAt);
}

// One replication run: succeeds unless a failure was injected or the target is unreachable.
export function runReplication(s: TPveSim, jobId: string, now: number): string | null {
  const job = readReplication().find((j) => j.id === jobId);
  if (!job) return null;
  const st = (s.repl[jobId] ??= { lastSync: null, lastTry: null, duration: null, failCount: 0, error: null, forcedError: null, syncingUntil: null });
  const online = onlineNodes(s);
  const targetDown = job.target !== null && s.cluster !== null && !online.has(job.target);
  const error =
    st.forcedError ??
    (targetDown
      ? `command '/usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=${job.target}' root@${s.nodes.find((n) => n.name === job.target)?.addrs[0] ?? job.target} -- pvesr prepare-local-job ${jobId} --last_sync 0' failed: exit code 255`
      : null);
  st.lastTry = now;
  if (error) {
    st.failCount++;
    st.error = error;
    return error;
  }
  st.lastSync = now;
  st.duration = Math.round((2 + (now % 3000) / 1000) * 1e6) / 1e6;
  st.failCount = 0;
  st.error = null;
  return null;
}

function settleReplication(s: TPveSim, now: number): void {
  const guests = listGuests();
  for (const job of readReplication()) {
    if (job.disable === true || job.guest === null) continue;
    const g = guests.find((x) => x.vmid === job.guest);
    if (!g || g.node !== localNode()) continue; // jobs run on the guest's node
    const st = s.repl[job.id] ?? { lastSync: null, lastTry: null, duration: null, failCount: 0, error: null, forcedError: null, syncingUntil: null };
    const created = s.replCreated[job.id] ?? now;
    s.replCreated[job.id] ??= now;
    if (nextSync(st, job.schedule ?? "*/15", created) <= now) runReplication(s, job.id, nextSync(st, job.schedule ?? "*/15", created));
  }
}

export function settle(now = Date.now()): void {
  editSim((s) => {
    finishMigrations(s, now);
    settleHa(s, now);
    settleReplication(s, now);
  });
}
