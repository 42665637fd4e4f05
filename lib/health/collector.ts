import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { logWriteFailure } from "@/lib/db-errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runnerForHost, type TRunnerHost } from "@/lib/jobs/runner-for-host";
import { SshPool } from "@/lib/ssh/pool";
import type { Runner } from "@/lib/ssh/runner";
import { pruneAlerts, recordAlerts } from "./alerts";
import { deriveClusterHealth } from "./derive";
import { claimClusterLease, releaseClusterLease } from "./lease";
import { pruneLongHistory, recordLongHistory } from "./long-history-store";
import { notifyAlertEvents } from "./notify";
import { dropUnusedPacemaker } from "./optional-pacemaker";
import { probeHost } from "./probe";
import { DEFAULT_RETENTION, pruneSnapshots, type TRetention } from "./retention";
import { hostTimeoutMs, leaseMs } from "./settings";
import { saveSnapshot } from "./snapshot";

export type THealthManagerOptions = {
  db: PrismaClient;
  owner?: string;
  intervalMs?: number;
  retention?: TRetention;
  // Tests may pass their own; the panel builds runners from Host rows on a pool without audit.
  runnerFor?: (host: TRunnerHost) => Promise<Runner>;
};

// Pruning costs two queries; once a minute at the default interval is plenty.
const PRUNE_EVERY_ROUNDS = 12;

// Only hosts the panel may log in to are probed: a pinned key and a credential.
const probeable = { hostKeyPinnedAt: { not: null }, credentialId: { not: null } } as const;

// Probe commands are read-only and run every few seconds: auditing them would write about
// 200,000 AuditEvent rows a day per cluster and drown what admins and jobs did. So the
// collector has its own pool without an audit listener, with short timeouts and fast
// keepalives, so a dead host is noticed within a round and its connection dropped.
export function healthPool(intervalMs: number): SshPool {
  const timeout = hostTimeoutMs(intervalMs);
  return new SshPool({ connectAttempts: 1, connectTimeoutMs: timeout, commandTimeoutMs: timeout, keepaliveIntervalMs: 2_000, keepaliveCountMax: 2 });
}

// One cluster's loop: renew the lease, probe every host in parallel, store a snapshot.
class ClusterCollector {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private rounds = 0;
  // Hosts that answered last round: the cluster-wide layers are read from one of them.
  private lastReachable = new Set<string>();

  constructor(
    readonly clusterId: string,
    private readonly m: HealthManager,
    private readonly onLost: () => void,
  ) {}

  start(): void {
    const loop = () => {
      const started = Date.now();
      this.running = this.round()
        .catch((err: unknown) => logWriteFailure(`health collector for cluster ${this.clusterId}`, "the health snapshot", err))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(loop, Math.max(0, this.m.intervalMs - (Date.now() - started)));
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async round(): Promise<void> {
    const { db } = this.m;
    if (!(await claimClusterLease(db, this.clusterId, this.m.owner, new Date(), leaseMs(this.m.intervalMs)))) {
      this.stopped = true;
      this.onLost();
      return;
    }
    const [hosts, cluster] = await Promise.all([
      db.host.findMany({ where: { clusterId: this.clusterId, ...probeable }, orderBy: { name: "asc" } }),
      db.cluster.findUnique({ where: { id: this.clusterId }, select: { kind: true } }),
    ]);
    const timeout = hostTimeoutMs(this.m.intervalMs);
    const names = hosts.map((h) => h.name);
    // Proxmox HA, replication and Ceph read the same from every member: ask one per round.
    const reader = cluster?.kind === "pve" ? (names.find((n) => this.lastReachable.has(n)) ?? names[0]) : undefined;
    const probed = await Promise.all(hosts.map((h) => probeHost(h.name, this.m.runnerFor(h), timeout, h.name === reader ? { clusterWide: { nodes: names } } : {})));
    const probes = cluster?.kind === "pve" ? dropUnusedPacemaker(probed) : probed;
    this.lastReachable = new Set(probes.filter((p) => p.reachable).map((p) => p.host));
    if (this.stopped) return;
    const takenAt = new Date();
    const model = deriveClusterHealth(probes);
    await saveSnapshot(db, this.clusterId, takenAt, { intervalMs: this.m.intervalMs, collector: this.m.owner, model });
    await recordLongHistory(db, this.clusterId, takenAt, model);
    const events = await recordAlerts(db, this.clusterId, model, takenAt);
    // Deliveries may take seconds (a slow SMTP server); the next round does not wait for them.
    void notifyAlertEvents(db, this.clusterId, events, takenAt).catch((err: unknown) => console.error(`notifications for cluster ${this.clusterId}:`, err));
    if (++this.rounds % PRUNE_EVERY_ROUNDS === 1) {
      await pruneSnapshots(db, this.clusterId, takenAt, this.m.retention);
      await pruneAlerts(db, this.clusterId, takenAt);
      await pruneLongHistory(db, this.clusterId, takenAt);
    }
  }
}

// One per panel process: finds clusters, claims the ones nobody polls, runs a collector for
// each lease it holds. Several instances sharing a database split the clusters between them.
export class HealthManager {
  readonly db: PrismaClient;
  readonly owner: string;
  readonly intervalMs: number;
  readonly retention: TRetention;
  readonly runnerFor: (host: TRunnerHost) => Promise<Runner>;
  private readonly pool: SshPool | null;
  private readonly collectors = new Map<string, ClusterCollector>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopping = false;

  constructor(opts: THealthManagerOptions) {
    this.db = opts.db;
    this.owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.intervalMs = opts.intervalMs ?? 5_000;
    this.retention = opts.retention ?? DEFAULT_RETENTION;
    const pool = opts.runnerFor ? null : healthPool(this.intervalMs);
    this.pool = pool;
    this.runnerFor = opts.runnerFor ?? ((host) => runnerForHost(this.db, host, {}, pool ?? undefined));
  }

  // Clusters this instance polls right now.
  polling(): string[] {
    return [...this.collectors.keys()];
  }

  start(): void {
    if (this.timer || this.stopping) return;
    const loop = () => {
      this.ticking = this.discover()
        .catch((err: unknown) => console.error(`health manager ${this.owner}:`, err))
        .finally(() => {
          this.ticking = null;
          if (!this.stopping) this.timer = setTimeout(loop, this.intervalMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    const ids = [...this.collectors.keys()];
    await Promise.all([...this.collectors.values()].map((c) => c.stop()));
    this.collectors.clear();
    await Promise.all(ids.map((id) => releaseClusterLease(this.db, id, this.owner)));
    this.pool?.closeAll();
  }

  private async discover(): Promise<void> {
    const clusters = await this.db.cluster.findMany({ where: { hosts: { some: probeable } }, select: { id: true } });
    for (const { id } of clusters) {
      if (this.stopping || this.collectors.has(id)) continue;
      if (!(await claimClusterLease(this.db, id, this.owner, new Date(), leaseMs(this.intervalMs)))) continue;
      const c = new ClusterCollector(id, this, () => this.collectors.delete(id));
      this.collectors.set(id, c);
      c.start();
    }
  }
}
