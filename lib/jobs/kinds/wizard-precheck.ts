import { z } from "zod";
import { precheckHosts, type TLatencyMeasurement } from "@/agents/host/precheck";
import { measureLatency, probeHostFacts } from "@/agents/host/probe";
import { ZClusterStack } from "@/agents/host/required-packages";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { KERNEL_ARGV, type TStoredHostFacts } from "@/lib/hosts/facts";
import { isConnectionReport } from "@/lib/hosts/host-state";
import { errorReport, report, ReportError, type TReport } from "@/lib/reports/report";
import type { Runner } from "@/lib/ssh/runner";
import { ZWizardHostName } from "@/lib/wizard/model";
import { defineJobKind, type TJobKind } from "../kind";

// The wizard's host step: read every picked host's facts (stored on the host like the
// host.facts job does, so the hosts pages agree), ping between the nodes, and run the
// cluster prechecks (agents/host/precheck) on the result. Read-only: no confirmation, no
// cluster lock. A host that cannot be reached, or whose key changed, becomes a report naming
// it instead of failing the job, so the admin sees every host's answer at once.

export const WIZARD_PRECHECK_KIND = "wizard.precheck";
export const ZWizardPrecheckInput = z.object({
  nodes: z.array(ZWizardHostName).min(1).max(3),
  witness: ZWizardHostName.nullable().default(null),
  // What the nodes will run: a Proxmox VE cluster needs PVE on every node, not Pacemaker.
  stack: ZClusterStack.default("pacemaker"),
});

// A host that does not answer in this time is reported as unreachable; the pool's own
// connect retries would otherwise keep the admin waiting for most of a minute.
export const HOST_ANSWER_TIMEOUT_MS = 20_000;

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

function withTimeout<T>(host: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ReportError(
            errorReport("WIZARD_HOST_NO_ANSWER", `${host} did not answer within ${HOST_ANSWER_TIMEOUT_MS / 1000} s: check that it is up and reachable from the panel (address, cable, firewall).`, { host }),
          ),
        ),
      HOST_ANSWER_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const reportOf = (host: string, err: unknown): TReport =>
  err instanceof ReportError
    ? { ...err.report, message: err.report.message.includes(host) ? err.report.message : `${host}: ${err.report.message}`, params: { ...err.report.params, host } }
    : errorReport("WIZARD_HOST_PROBE_FAILED", `${host}: ${err instanceof Error ? err.message : String(err)}`, { host });

export function wizardPrecheckJobFor(getDb: () => Promise<PrismaClient>): TJobKind {
  return defineJobKind({
    kind: WIZARD_PRECHECK_KIND,
    title: "Setup wizard: check the hosts",
    requiresConfirmation: false,
    role: "operator",
    inputSchema: ZWizardPrecheckInput,
    plan: async ({ input, runnerFor, log, cluster }) => {
      const db = await getDb();
      const names = [...input.nodes, ...(input.witness ? [input.witness] : [])];
      const rows = await db.host.findMany({ where: { name: { in: names } }, select: { id: true, name: true, address: true } });
      const reports: TReport[] = [];
      const runners = new Map<string, Runner>();
      const facts = new Map<string, TStoredHostFacts>();
      log(`Reading the facts of ${names.join(", ")} (read-only).`);
      await Promise.all(
        names.map(async (name) => {
          const row = rows.find((r) => r.name === name);
          if (!row) {
            reports.push(errorReport("HOST_UNKNOWN", `${name} is no longer in the inventory.`, { host: name }));
            return;
          }
          try {
            const found = await withTimeout(
              name,
              (async () => {
                const runner = await runnerFor(name);
                const probed = await probeHostFacts(runner);
                const uname = await runner.run(KERNEL_ARGV, { okCodes: "any", timeoutMs: 20_000 });
                return { runner, facts: { ...probed, kernel: uname.code === 0 ? uname.stdout.trim() || null : null } };
              })(),
            );
            runners.set(name, found.runner);
            facts.set(name, found.facts);
            await db.host.update({
              where: { id: row.id },
              data: { facts: json(found.facts), factsAt: new Date(), lastConnection: json({ at: new Date().toISOString(), report: null }) },
            });
          } catch (err) {
            const r = reportOf(name, err);
            if (isConnectionReport(r)) await db.host.update({ where: { id: row.id }, data: { lastConnection: json({ at: new Date().toISOString(), report: r }) } });
            reports.push(r);
          }
        }),
      );
      const reachable = input.nodes.filter((n) => facts.has(n));
      const latencies: TLatencyMeasurement[] = [];
      if (reachable.length > 1) log(`Measuring the round trip between ${reachable.join(", ")}.`);
      for (const from of reachable) {
        for (const to of reachable.filter((t) => t !== from)) {
          const address = rows.find((r) => r.name === to)?.address;
          const runner = runners.get(from);
          if (!address || !runner) continue;
          try {
            const stats = await measureLatency(runner, address);
            latencies.push({ from, to, stats });
            // Shown as the green half of the latency check; problems come from precheckHosts.
            if (stats.avgMs !== null) reports.push(report("info", "WIZARD_LATENCY", `${from} → ${to}: ${stats.avgMs} ms average round trip, ${stats.lossPercent}% loss.`, { from, to, avgMs: stats.avgMs }));
          } catch (err) {
            reports.push(reportOf(from, err));
          }
        }
      }
      const nodeFacts = reachable.flatMap((n) => facts.get(n) ?? []);
      if (nodeFacts.length > 0) {
        reports.push(...precheckHosts(nodeFacts, { stack: input.stack, qdevice: input.witness !== null, latencies, clusterName: cluster?.name ?? null }));
      }
      log(`Checked ${facts.size} of ${names.length} host(s); ${reports.length} finding(s).`);
      return { title: `Prechecks of ${names.join(", ")}`, steps: [], reports };
    },
  });
}

export const wizardPrecheckJob = wizardPrecheckJobFor(async () => (await import("@/lib/db")).db);
