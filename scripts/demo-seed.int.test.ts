import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, type TLabStatus } from "@/e2e/lab/lab-env";
import { readStoredFacts } from "@/lib/hosts/facts";
import { hostFactsJobFor } from "@/lib/jobs/host-facts";
import { registerJobKind, unregisterJobKind } from "@/lib/jobs/registry";
import { closeAuditedPool, runnerForHost } from "@/lib/jobs/runner-for-host";
import { JobWorker } from "@/lib/jobs/worker";
import { createTempDb } from "@/lib/testing/temp-db";
import { DEMO_CLUSTER, seedDemo } from "./demo-seed";

// What `npm run demo` puts in the panel, against the real lab: three trusted hosts with the
// lab key, whose facts the job worker then reads over SSH.
let lab: TLabStatus;
const tmp = createTempDb();
const { db } = tmp;
let worker: JobWorker;

beforeAll(async () => {
  process.env.PANEL_SECRET_KEY = randomBytes(32).toString("base64");
  lab = await ensureLab({ mode: "cluster", nodes: 3 });
  unregisterJobKind("host.facts");
  registerJobKind(hostFactsJobFor(async () => db));
  worker = new JobWorker({ db, runnerFactory: (host, ctx) => runnerForHost(db, host, ctx), owner: "demo-test", pollMs: 50, flushMs: 20 });
});

afterAll(async () => {
  await worker?.stop();
  closeAuditedPool(db);
  await tmp.cleanup();
});

describe("the demo seed", () => {
  it("adds the lab as a cluster of trusted hosts, and the worker reads their facts", async () => {
    const first = await seedDemo(db, lab);
    expect(first.added).toEqual(["lab1", "lab2", "lab3"]);
    const hosts = await db.host.findMany({ where: { cluster: { name: DEMO_CLUSTER } }, orderBy: { name: "asc" } });
    expect(hosts.map((h) => [h.name, h.address, h.hostKeyFingerprint])).toEqual(
      lab.nodes.map((n) => [n.name, n.address, n.hostKeyFingerprints.ed25519]),
    );
    expect(hosts.every((h) => h.hostKeyPinnedAt !== null && h.credentialId !== null)).toBe(true);

    worker.start();
    const deadline = Date.now() + 60_000;
    while ((await db.host.count({ where: { factsAt: { not: null } } })) < 3 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const h of await db.host.findMany({ orderBy: { name: "asc" } })) {
      expect(readStoredFacts(h.facts)?.hostname?.name, h.name).toBe(h.name);
    }
  });

  it("changes nothing when run again against the same lab", async () => {
    expect((await seedDemo(db, lab)).added).toEqual([]);
    expect(await db.host.count()).toBe(3);
  });
});
