import { z } from "zod";
import { probeHostFacts } from "@/agents/host/probe";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { KERNEL_ARGV, type TStoredHostFacts } from "@/lib/hosts/facts";
import { isConnectionReport } from "@/lib/hosts/host-state";
import { errorReport, ReportError, warningReport } from "@/lib/reports/report";
import { defineJobKind, type TJobKind } from "./kind";

// Reads a host's facts and stores them on its row. Read-only: no confirmation, no cluster lock.
// The probing happens while "planning" (the only phase a kind controls), and the plan it
// returns is empty, so the job ends there. The outcome of the connection is kept on the host
// too, so its page can show a changed host key or refused credentials.

export const HOST_FACTS_KIND = "host.facts";
export const ZHostFactsInput = z.object({ hostId: z.string().min(1).max(64) });

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

export function hostFactsJobFor(getDb: () => Promise<PrismaClient>): TJobKind {
  return defineJobKind({
    kind: HOST_FACTS_KIND,
    title: "Read host facts",
    requiresConfirmation: false,
    role: "operator",
    inputSchema: ZHostFactsInput,
    plan: async ({ input, runnerFor, log }) => {
      const db = await getDb();
      const host = await db.host.findUnique({ where: { id: input.hostId }, select: { id: true, name: true } });
      if (!host) throw new ReportError(errorReport("HOST_UNKNOWN", "That host is no longer in the inventory.", { hostId: input.hostId }));
      log(`Reading the facts of ${host.name} (read-only).`);
      let facts: TStoredHostFacts;
      try {
        const runner = await runnerFor(host.name);
        const probed = await probeHostFacts(runner);
        const uname = await runner.run(KERNEL_ARGV, { okCodes: "any", timeoutMs: 20_000 });
        facts = { ...probed, kernel: uname.code === 0 ? uname.stdout.trim() || null : null };
      } catch (err) {
        if (err instanceof ReportError && isConnectionReport(err.report)) {
          await db.host.update({ where: { id: host.id }, data: { lastConnection: json({ at: new Date().toISOString(), report: err.report }) } });
        }
        throw err;
      }
      await db.host.update({
        where: { id: host.id },
        data: { facts: json(facts), factsAt: new Date(), lastConnection: json({ at: new Date().toISOString(), report: null }) },
      });
      log(`Stored the facts of ${host.name}${facts.errors.length ? `; ${facts.errors.length} could not be read` : ""}.`);
      return {
        title: `Facts of ${host.name}`,
        steps: [],
        reports: facts.errors.map((e) => warningReport("HOST_FACT_UNREADABLE", `${e.fact}: ${e.message}`, { host: host.name, fact: e.fact, argv: e.argv })),
      };
    },
  });
}

export const hostFactsJob = hostFactsJobFor(async () => (await import("@/lib/db")).db);
