import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { observedWith } from "@/agents/pacemaker/__fixtures__/observed";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { createTempDb } from "@/lib/testing/temp-db";

// Realistic flows with known secrets, then a scan of every table, everything the panel printed
// and every answer it gave for the plaintext:
// - the SMTP password and a webhook URL with a token (notification settings, a test send, an
//   alert delivery that fails);
// - an SSH private key pasted for a host, then used by the facts job over a real sshd;
// - a fencing password typed into the wizard, carried in a Pacemaker plan's cibadmin XML and
//   delivered to a host by the job worker.
// The host password of the one-time bootstrap is covered the same way in
// lib/hosts/onboarding.int.test.ts, and a generic job's stdin/file secrets in lib/jobs/ssh-job.int.test.ts.

const SMTP_PASSWORD = `smtp-pw-${randomBytes(8).toString("hex")}`;
const WEBHOOK_TOKEN = `hooktoken${randomBytes(10).toString("hex")}`;
const FENCE_PASSWORD = `fence-pw-${randomBytes(8).toString("hex")}`;

const state = vi.hoisted(() => ({ db: null as unknown as PrismaClient, user: null as null | { id: string; username: string; role: string } }));
vi.mock("@/lib/db", () => ({
  db: new Proxy(
    {},
    {
      get: (_t, p) => {
        const v = Reflect.get(state.db, p) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(state.db) : v;
      },
    },
  ),
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => state.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const savedKey = process.env.PANEL_SECRET_KEY;
process.env.PANEL_SECRET_KEY = randomBytes(32).toString("base64");
const { saveNotificationSettings, sendTestNotification } = await import("@/lib/actions/alerts");
const { saveWizard } = await import("@/lib/actions/wizard");
const { notifyAlertEvents } = await import("@/lib/health/notify");
const { setHostPrivateKey } = await import("@/lib/hosts/onboarding");
const { confirmJobRow } = await import("@/lib/jobs/control");
const { enqueueJob } = await import("@/lib/jobs/enqueue");
const { loadJobView } = await import("@/lib/jobs/job-view");
const { defineJobKind } = await import("@/lib/jobs/kind");
const { registerJobKind, unregisterJobKind } = await import("@/lib/jobs/registry");
const { closeAuditedPool, runnerForHost } = await import("@/lib/jobs/runner-for-host");
const { JobWorker } = await import("@/lib/jobs/worker");
const { ZPacemakerDesired } = await import("@/agents/pacemaker/desired");
const { planPacemakerConfig } = await import("@/agents/pacemaker/plan");
const { buildPlan, commandStep } = await import("@/lib/plan/build");
const { ZPlan } = await import("@/lib/plan/plan");
const { PlanView } = await import("@/components/jobs/plan-view");

let tmp: ReturnType<typeof createTempDb>;
let sshd: TTestSshd;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: InstanceType<typeof JobWorker>;
let dir = "";
let clusterId = "";
let adminId = "";
const printed: string[] = [];
const answers: unknown[] = [];
const restore: (() => void)[] = [];

// Everything the panel prints, whichever way it prints it.
function capturePanelOutput(): void {
  for (const name of ["log", "info", "warn", "error", "debug"] as const) {
    const spy = vi.spyOn(console, name).mockImplementation((...args: unknown[]) => void printed.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")));
    restore.push(() => spy.mockRestore());
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(String(chunk));
      return original(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => void (stream.write = original));
  }
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 1));
    });
  });
}

// Hands a sealed fencing XML to a host the way the Pacemaker stage does (stdin of a sensitive
// step), but into a file, so the test can see what the host received.
const ZFenceInput = z.object({ desired: ZPacemakerDesired, file: z.string() });
const fenceJob = defineJobKind({
  kind: "test.fence-delivery",
  title: "Deliver a fencing device",
  requiresConfirmation: true,
  role: "admin",
  inputSchema: ZFenceInput,
  plan: ({ input }) => {
    const pcmk = planPacemakerConfig(input.desired, observedWith("cib-lab-web-group.xml"), "lab1");
    const edit = pcmk.steps.find((s) => s.sensitive && s.action.kind === "command" && s.action.stdin);
    if (edit?.action.kind !== "command") throw new Error("the Pacemaker plan has no sensitive cibadmin step");
    return buildPlan({
      title: "fence delivery",
      steps: [commandStep({ id: "fence", title: edit.title, host: "lab1", argv: ["/bin/sh", "-c", 'cat > "$1"', "--", input.file], stdin: edit.action.stdin, sensitive: true })],
      diffs: pcmk.diffs.filter((d) => d.stepId === edit.id).map((d) => ({ ...d, stepId: "fence" })),
    });
  },
});

async function runJobs(until: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await until())) {
    await worker.tick();
    await worker.idle();
    if (Date.now() > deadline) throw new Error("jobs did not finish");
  }
}

// Raw queries hand JSON columns back parsed: String() would make them "[object Object]".
function cellText(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v).toString("latin1");
  if (v instanceof Date) return v.toISOString();
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

async function everyCell(): Promise<{ where: string; text: string }[]> {
  const tables = await tmp.db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const cells: { where: string; text: string }[] = [];
  for (const { name } of tables) {
    const rows = await tmp.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
    for (const row of rows) for (const [col, v] of Object.entries(row)) if (v !== null) cells.push({ where: `${name}.${col}`, text: cellText(v) });
  }
  return cells;
}

beforeAll(async () => {
  tmp = createTempDb();
  state.db = tmp.db;
  capturePanelOutput();
  sshd = await startSshd();
  sink = await startSmtpSink();
  dir = mkdtempSync(path.join(os.tmpdir(), "panel-secret-scan-"));
  registerJobKind(fenceJob);
  adminId = (await tmp.db.user.create({ data: { username: "ada", passwordHash: "x", role: "admin" } })).id;
  state.user = { id: adminId, username: "ada", role: "admin" };
  clusterId = (await tmp.db.cluster.create({ data: { name: "lab", kind: "pacemaker" } })).id;
  await tmp.db.host.create({
    data: { name: "lab1", address: sshd.address, sshPort: sshd.port, clusterId, hostKeyAlgorithm: sshd.hostKey.algorithm, hostKeyFingerprint: sshd.hostKey.fingerprint, hostKeyPinnedAt: new Date() },
  });
  worker = new JobWorker({ db: tmp.db, runnerFactory: (host, ctx) => runnerForHost(tmp.db, host, ctx), owner: "secret-scan", pollMs: 20, flushMs: 20 });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  unregisterJobKind(fenceJob.kind);
  if (tmp) closeAuditedPool(tmp.db);
  await sshd?.stop();
  await sink?.stop();
  for (const undo of restore.reverse()) undo();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await tmp?.cleanup();
  if (savedKey === undefined) delete process.env.PANEL_SECRET_KEY;
  else process.env.PANEL_SECRET_KEY = savedKey;
});

describe("secrets never leave their envelope", () => {
  it("notification settings: the SMTP password is used, never stored, printed or answered in plaintext", async () => {
    const webhookUrl = `http://127.0.0.1:${await closedPort()}/hooks/${WEBHOOK_TOKEN}`;
    const saved = await saveNotificationSettings({
      webhookUrl,
      panelUrl: "",
      smtpEnabled: true,
      smtp: { host: "127.0.0.1", port: sink.port, security: "none", username: "alerts", password: SMTP_PASSWORD, from: "panel@example.org", to: "ops@example.org" },
    });
    expect(saved).toEqual({ data: { ok: true } });
    const test = await sendTestNotification();
    answers.push(saved, test);
    expect(test.data?.results.map((r) => [r.channel, r.ok])).toEqual([
      ["webhook", false],
      ["email", true],
    ]);
    // The password did its job: the SMTP server received it.
    expect(sink.messages[0]?.auth).toBe(`alerts:${SMTP_PASSWORD}`);

    const now = new Date();
    const delivered = await notifyAlertEvents(tmp.db, clusterId, [
      {
        type: "fired",
        alert: { id: null, key: "DRBD_SPLIT_BRAIN:r0", code: "DRBD_SPLIT_BRAIN", severity: "error", message: "r0 is in split brain", params: {}, state: "firing", firstSeenAt: now, lastSeenAt: now, firedAt: now, resolvedAt: null, seenRounds: 2, missingRounds: 0 },
      },
    ], now);
    answers.push(delivered);
    expect(printed.join("\n")).toContain("notification (webhook) for DRBD_SPLIT_BRAIN:r0 on lab failed");
  });

  it("a pasted SSH private key: encrypted at rest, logs the facts job in, appears nowhere", async () => {
    const host = await tmp.db.host.findUniqueOrThrow({ where: { name: "lab1" } });
    const r = await setHostPrivateKey(tmp.db, adminId, { hostId: host.id, privateKey: sshd.clientKey.privateKey });
    answers.push(r);
    await runJobs(async () => (await tmp.db.job.findUniqueOrThrow({ where: { id: r.jobId } })).finishedAt !== null);
    const commands = await tmp.db.auditEvent.findMany({ where: { jobId: r.jobId, action: "command", hostName: "lab1" } });
    expect(commands.length).toBeGreaterThan(0);
    answers.push(await loadJobView(tmp.db, r.jobId, 0));
  });

  it("a fencing password from the wizard: sealed in the draft, opened only on its way to the host", async () => {
    const saved = await saveWizard({
      clusterId,
      draft: {
        nodeCount: 2,
        ha: {
          fencing: "device",
          fenceAgent: "fence_ipmilan",
          fenceParams: [
            { name: "ip", value: "10.0.0.9" },
            { name: "username", value: "admin" },
            { name: "password", value: FENCE_PASSWORD },
          ],
        },
      },
    });
    answers.push(saved);
    expect(saved.serverError).toBeUndefined();
    const { wizard } = await tmp.db.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { wizard: true } });
    const params = z.object({ ha: z.object({ fenceParams: z.array(z.object({ name: z.string(), value: z.string() })) }) }).parse(wizard).ha.fenceParams;
    const sealed = params.find((p) => p.name === "password")?.value ?? "";
    expect(sealed).toMatch(/^panel-sealed:[A-Za-z0-9_-]+$/);

    const file = path.join(dir, "fence.xml");
    const desired = {
      properties: { "no-quorum-policy": "stop" },
      rscDefaults: { "resource-stickiness": "100" },
      primitives: [
        { id: "web_ip", agent: "ocf:heartbeat:IPaddr2", params: { ip: "10.99.0.80", cidr_netmask: "24" }, ops: [{ name: "monitor", interval: "10s" }] },
        { id: "web_svc", agent: "ocf:pacemaker:Dummy" },
      ],
      groups: [{ id: "web", members: ["web_ip", "web_svc"] }],
      locations: [{ id: "web_prefers_lab2", rsc: "web", node: "lab2", score: "50" }],
      stonith: [{ id: "fence_lab1", agent: "fence_ipmilan", params: Object.fromEntries(params.map((p) => [p.name, p.value])) }],
    };
    const jobId = await enqueueJob(tmp.db, { clusterId, kind: fenceJob.kind, input: { desired, file }, createdById: adminId });
    await runJobs(async () => (await tmp.db.job.findUniqueOrThrow({ where: { id: jobId } })).state === "awaiting-confirmation");
    await confirmJobRow(tmp.db, { id: adminId, role: "admin" }, { jobId, confirmName: "lab", force: false });
    await runJobs(async () => ["succeeded", "failed"].includes((await tmp.db.job.findUniqueOrThrow({ where: { id: jobId } })).state));
    expect((await tmp.db.job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe("succeeded");
    // The host got the real password inside well-formed XML.
    expect(readFileSync(file, "utf8")).toContain(`name="password" value="${FENCE_PASSWORD}"`);

    const job = await tmp.db.job.findUniqueOrThrow({ where: { id: jobId } });
    const plan = ZPlan.parse(job.plan);
    answers.push(await loadJobView(tmp.db, jobId, 0), renderToStaticMarkup(createElement(PlanView, { plan })));
    const audit = await tmp.db.auditEvent.findMany({ where: { jobId, action: "command" } });
    expect(audit.some((a) => JSON.stringify(a.detail).includes('"stdinBytes"'))).toBe(true);
  });

  it("scan: no table, no printed line and no answer holds a plaintext secret (the webhook URL aside)", async () => {
    const keyBody = sshd.clientKey.privateKey.split("\n")[1] ?? "";
    expect(keyBody.length).toBeGreaterThan(20);
    const secrets = { SMTP_PASSWORD, WEBHOOK_TOKEN, FENCE_PASSWORD, PRIVATE_KEY: keyBody };
    const cells = await everyCell();
    const found = Object.entries(secrets).flatMap(([name, value]) => [...new Set(cells.filter((c) => c.text.includes(value)).map((c) => `${name} in ${c.where}`))]);
    // The webhook URL is the one secret kept as typed: the settings form shows it back to admins
    // (docs/security.md, "Open findings").
    expect(found).toEqual(["WEBHOOK_TOKEN in Setting.value"]);
    // The envelopes are there, so the scan looked at the right rows.
    expect(cells.filter((c) => c.where === "Credential.ciphertext").length).toBeGreaterThan(0);
    expect(cells.some((c) => c.where === "Setting.value" && c.text.includes('"passwordEnvelope":"v1:'))).toBe(true);

    const output = printed.join("\n");
    const replies = JSON.stringify(answers);
    for (const [name, value] of Object.entries(secrets)) {
      expect(output.includes(value), `${name} printed`).toBe(false);
      expect(replies.includes(value), `${name} answered`).toBe(false);
    }
  });
});
