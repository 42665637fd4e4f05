import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logWriteFailure } from "@/lib/db-errors";
import type { TLogStream } from "@/lib/plan/apply";

const MAX_LINE = 4000;

// Appends JobLog rows in batches (Coolify's model: ordered chunks, writes throttled to one
// flush per interval), so a chatty command costs one insert per 200 ms, not one per line.
// Only the worker holding the job's lease writes, so seq can be counted here.
export class JobLogWriter {
  private buffer: { seq: number; stream: TLogStream; line: string; at: Date }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: PrismaClient,
    private readonly jobId: string,
    private nextSeq: number,
    private readonly flushMs: number,
  ) {}

  static async open(db: PrismaClient, jobId: string, flushMs = 200): Promise<JobLogWriter> {
    const last = await db.jobLog.findFirst({ where: { jobId }, orderBy: { seq: "desc" }, select: { seq: true } });
    return new JobLogWriter(db, jobId, (last?.seq ?? 0) + 1, flushMs);
  }

  append(stream: TLogStream, line: string): void {
    const text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters)` : line;
    this.buffer.push({ seq: this.nextSeq++, stream, line: text, at: new Date() });
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush().catch((err: unknown) => logWriteFailure(`job ${this.jobId}: writing its log failed`, `the log of job ${this.jobId}`, err));
    }, this.flushMs);
  }

  // Writes everything appended so far; flushes run one after another so seq stays in order.
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(async () => {
        if (batch.length > 0) await this.db.jobLog.createMany({ data: batch.map((l) => ({ jobId: this.jobId, ...l })) });
      });
    return this.flushing;
  }
}
