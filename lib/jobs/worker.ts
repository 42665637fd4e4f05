import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { applyPlan, undoFinished, type TApplyEvent } from "@/lib/plan/apply";
import { sealSensitiveSteps } from "@/lib/plan/seal";
import { openSealedTokens, sealSecret } from "@/lib/secrets/secrets";
import { buildPlan } from "@/lib/plan/build";
import { isPlanEmpty, planReports, ZPlan, type TPlan } from "@/lib/plan/plan";
import { pendingState, ZStepUndoData, type TStepState } from "@/lib/plan/step-state";
import { logWriteFailure } from "@/lib/db-errors";
import { blockingReports, errorReport, ReportError, ZReport, type TReport } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import { claimJobs, expireLeases, releaseClusterLock, renewLease, type TClaimedJob } from "./claim";
import type { TJobHost } from "./kind";
import { JobLogWriter } from "./log-writer";
import { getJobKind, isMutatingKind } from "./registry";
import type { TRunnerHost } from "./runner-for-host";

// Runs jobs. The database is the source of truth: a worker claims a job with a lease, renews
// it while working, and any instance that sees a lease run out marks the job interrupted.
// Several workers (in one process for tests, or one per panel instance) can share a database.

export type TRunnerFactory = (host: TRunnerHost, ctx: { userId: string | null; jobId: string; sensitive: boolean }) => Runner | Promise<Runner>;

export type TWorkerOptions = {
  db: PrismaClient;
  runnerFactory: TRunnerFactory;
  owner?: string;
  leaseMs?: number;
  pollMs?: number;
  flushMs?: number;
  maxConcurrent?: number;
};

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

function reportOf(err: unknown, code: string): TReport {
  if (err instanceof ReportError) return err.report;
  return errorReport(code, err instanceof Error ? err.message : String(err));
}

function stepStateOf(row: { state: string; note: string | null; undo: unknown; report: unknown }): TStepState {
  const status = ["pending", "running", "done", "skipped", "failed", "undone"].includes(row.state) ? (row.state as TStepState["status"]) : "pending";
  const undo = ZStepUndoData.safeParse(row.undo);
  const report = ZReport.safeParse(row.report);
  return { status, note: row.note, undo: undo.success ? undo.data : null, report: report.success ? report.data : null };
}

export class JobWorker {
  readonly owner: string;
  private readonly db: PrismaClient;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly flushMs: number;
  private readonly maxConcurrent: number;
  private readonly active = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopping = false;

  constructor(private readonly opts: TWorkerOptions) {
    this.db = opts.db;
    this.owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.pollMs = opts.pollMs ?? 1_000;
    this.flushMs = opts.flushMs ?? 200;
    this.maxConcurrent = opts.maxConcurrent ?? 4;
  }

  start(): void {
    if (this.timer || this.stopping) return;
    const loop = () => {
      this.ticking = this.tick()
        .catch((err: unknown) => logWriteFailure(`job worker ${this.owner}`, "the job queue's state", err))
        .finally(() => {
          this.ticking = null;
          if (!this.stopping) this.timer = setTimeout(loop, this.pollMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  // Stops claiming, lets running jobs stop at their next step boundary, and hands them back
  // as interrupted so another instance (or this one after a restart) can resume them.
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    await this.idle();
  }

  // One round: expire dead leases, claim what we have room for, start it. Returns once the
  // claimed jobs have started (not finished): see idle().
  async tick(): Promise<void> {
    const now = new Date();
    for (const expired of await expireLeases(this.db, now)) {
      if (expired.to === "interrupted") await this.markInterruptedSteps(expired.id);
    }
    if (this.stopping) return;
    const claimed = await claimJobs(this.db, {
      owner: this.owner,
      now,
      leaseMs: this.leaseMs,
      limit: this.maxConcurrent - this.active.size,
      isMutating: isMutatingKind,
    });
    for (const job of claimed) {
      const run = this.process(job)
        .catch((err: unknown) => logWriteFailure(`job ${job.id} (${job.kind}) crashed the worker loop`, `the state of job ${job.id}`, err))
        .finally(() => this.active.delete(job.id));
      this.active.set(job.id, run);
    }
  }

  // Resolves when no job is being processed by this worker.
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()]);
  }

  private async markInterruptedSteps(jobId: string): Promise<void> {
    await this.db.jobStep.updateMany({
      where: { jobId, state: "running" },
      data: { state: "pending", note: "interrupted while running; on resume it runs again unless its check says it is done" },
    });
    const log = await JobLogWriter.open(this.db, jobId, this.flushMs);
    log.append("error", "Interrupted: the worker running this job stopped. Resume it or undo the finished steps.");
    await log.flush();
  }

  private async process(job: TClaimedJob): Promise<void> {
    const log = await JobLogWriter.open(this.db, job.id, this.flushMs);
    const lease = { lost: false };
    const renew = setInterval(() => {
      renewLease(this.db, job, this.owner, new Date(Date.now() + this.leaseMs))
        .then((ok) => {
          if (!ok) lease.lost = true;
        })
        .catch((err: unknown) => logWriteFailure(`job ${job.id}: renewing its lease failed`, `the lease of job ${job.id}`, err));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    try {
      if (job.state === "planning") await this.plan(job, log);
      else await this.execute(job, log, lease);
    } catch (err) {
      const report = reportOf(err, "JOB_WORKER_ERROR");
      log.append("error", report.message);
      await this.finish(job, "failed", [report]);
    } finally {
      clearInterval(renew);
      await log.flush();
      if (job.holdsClusterLock && job.clusterId) await releaseClusterLock(this.db, job.clusterId, job.id);
    }
  }

  // Conditional on still owning the lease: a worker that lost its job must not overwrite
  // what another instance decided.
  private async finish(job: TClaimedJob, state: string, reports: TReport[], extra: Prisma.JobUpdateManyMutationInput = {}): Promise<boolean> {
    const row = await this.db.job.findUnique({ where: { id: job.id }, select: { reports: true } });
    const previous = Array.isArray(row?.reports) ? row.reports : [];
    const r = await this.db.job.updateMany({
      where: { id: job.id, leaseOwner: this.owner, state: job.state },
      data: {
        state,
        leaseOwner: null,
        leaseUntil: null,
        reports: json([...previous, ...reports]),
        ...(["succeeded", "failed", "undone", "cancelled"].includes(state) ? { finishedAt: new Date() } : {}),
        ...extra,
      },
    });
    return r.count === 1;
  }

  private async jobContext(job: TClaimedJob) {
    const row = await this.db.job.findUniqueOrThrow({
      where: { id: job.id },
      include: { cluster: { select: { id: true, name: true, hosts: { orderBy: { name: "asc" } } } } },
    });
    const userId = job.state === "planning" ? row.createdById : (row.confirmedById ?? row.createdById);
    const runnerFor = async (hostName: string, sensitive: boolean): Promise<Runner> => {
      const host = row.cluster?.hosts.find((h) => h.name === hostName) ?? (await this.db.host.findUnique({ where: { name: hostName } }));
      if (!host) throw new ReportError(errorReport("HOST_UNKNOWN", `There is no host called ${hostName} in the inventory.`, { host: hostName }));
      return this.opts.runnerFactory(host, { userId, jobId: job.id, sensitive });
    };
    return { row, userId, runnerFor };
  }

  private async plan(job: TClaimedJob, log: JobLogWriter): Promise<void> {
    const kind = getJobKind(job.kind);
    if (!kind) throw new ReportError(errorReport("JOB_KIND_UNKNOWN", `This panel does not know the job kind ${job.kind}.`, { kind: job.kind }));
    const { row, runnerFor } = await this.jobContext(job);
    log.append("info", `Planning ${kind.title}…`);
    const hosts: TJobHost[] = (row.cluster?.hosts ?? []).map((h) => ({ id: h.id, name: h.name, address: h.address, clusterId: h.clusterId }));
    const plan = buildPlan(
      await kind.plan({
        jobId: job.id,
        input: row.input,
        cluster: row.cluster ? { id: row.cluster.id, name: row.cluster.name } : null,
        hosts,
        runnerFor: (name) => runnerFor(name, false),
        log: (line) => log.append("info", line),
      }),
    );
    const reports = planReports(plan);
    const errors = reports.filter((r) => r.severity === "error");
    let next: string;
    if (isPlanEmpty(plan)) next = "succeeded";
    else if (kind.requiresConfirmation) next = "awaiting-confirmation";
    else if (blockingReports(reports, false).length > 0) next = "failed";
    else next = "confirmed";
    await this.db.$transaction([
      this.db.jobStep.deleteMany({ where: { jobId: job.id } }),
      this.db.jobStep.createMany({ data: plan.steps.map((s, index) => ({ jobId: job.id, index, title: s.title, host: s.host })) }),
    ]);
    const saved = await this.finish(job, next, [], { plan: json(sealSensitiveSteps(plan, sealSecret)), reports: json(reports), ...(next === "confirmed" ? { confirmedAt: new Date() } : {}) });
    if (!saved) return;
    if (next === "succeeded") log.append("info", "Nothing to change: the hosts already match.");
    else if (next === "awaiting-confirmation") log.append("info", `Plan ready: ${plan.steps.length} step(s). Waiting for confirmation.`);
    else if (next === "failed") log.append("error", `The plan has ${errors.length || "unforced"} blocking report(s); nothing ran.`);
    else log.append("info", "Read-only plan: running it without confirmation.");
  }

  private async execute(job: TClaimedJob, log: JobLogWriter, lease: { lost: boolean }): Promise<void> {
    const shouldStop = () => lease.lost || this.stopping;
    const { row, runnerFor } = await this.jobContext(job);
    const plan: TPlan = ZPlan.parse(row.plan);
    const rows = await this.db.jobStep.findMany({ where: { jobId: job.id }, orderBy: { index: "asc" } });
    const prior = plan.steps.map((_, i) => {
      const r = rows.find((x) => x.index === i);
      return r ? stepStateOf(r) : pendingState();
    });
    const onEvent = (e: TApplyEvent) => this.record(job.id, e, log);
    const secrets = { open: openSealedTokens, seal: sealSecret };
    const opts = { runnerFor: (host: string, o: { sensitive: boolean }) => runnerFor(host, o.sensitive), onEvent, shouldStop, secrets };

    if (job.state === "undoing") {
      log.append("info", "Undoing the finished steps, last first.");
      const result = await undoFinished(plan, prior, opts);
      if (result.outcome === "stopped") return this.stopped(job, log, lease.lost);
      await this.finish(job, result.outcome === "undone" ? "undone" : "failed", [...result.warnings, ...(result.failure ? [result.failure] : [])]);
      log.append(result.outcome === "undone" ? "info" : "error", result.outcome === "undone" ? "Undo finished." : "Undo stopped at a failure.");
      return;
    }
    log.append("info", job.from === "confirmed" && prior.some((s) => s.status !== "pending") ? "Resuming: finished steps are checked and skipped." : "Running the plan.");
    const result = await applyPlan(plan, prior, opts);
    if (result.outcome === "stopped") return this.stopped(job, log, lease.lost);
    await this.finish(job, result.outcome, result.failure ? [result.failure] : []);
    log.append(result.outcome === "succeeded" ? "info" : "error", result.outcome === "succeeded" ? "Job succeeded." : "Job failed; finished steps can be undone.");
  }

  private async stopped(job: TClaimedJob, log: JobLogWriter, leaseLost: boolean): Promise<void> {
    if (leaseLost) {
      log.append("error", "This worker lost the job's lease; it stopped before the next step.");
      return;
    }
    const saved = await this.finish(job, "interrupted", [
      errorReport("JOB_INTERRUPTED", "The panel shut down while this job ran; resume it or undo the finished steps.", { worker: this.owner }),
    ]);
    if (saved) log.append("error", "Interrupted: the panel is shutting down.");
  }

  private async record(jobId: string, e: TApplyEvent, log: JobLogWriter): Promise<void> {
    if (e.type === "log") {
      log.append(e.stream, e.line);
      return;
    }
    const where = { jobId, index: e.index };
    if (e.type === "step-started") {
      if (e.phase === "apply") await this.db.jobStep.updateMany({ where, data: { state: "running", startedAt: new Date(), finishedAt: null } });
      return;
    }
    const s = e.state;
    await this.db.jobStep.updateMany({
      where,
      data: {
        state: s.status,
        note: s.note,
        undo: s.undo ? json(s.undo) : Prisma.DbNull,
        report: s.report ? json(s.report) : Prisma.DbNull,
        finishedAt: new Date(),
      },
    });
  }
}
