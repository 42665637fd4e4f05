import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { hasRole, type TRole } from "@/lib/auth/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { cancelJobRow, resumeJobRow, undoJobRow } from "@/lib/jobs/control";
import type { TJobKind } from "@/lib/jobs/kind";
import { getJobKind } from "@/lib/jobs/registry";
import { buildPlan, commandStep } from "@/lib/plan/build";

// The role every server action, route handler and job kind needs, declared here by hand and
// checked against what the code does for each role. An action, route or job kind added
// without a line here fails the "declares" tests, so its role is a decision, not an accident.

const current = vi.hoisted(() => ({ user: null as null | { id: string; username: string; role: string } }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => current.user }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));
vi.mock("@/lib/db", () => ({
  db: new Proxy({}, { get: () => { throw new Error("the test database is not reachable"); } }),
}));

type TNeeds = TRole | "public";

// Admin: anything that changes the cluster's shape, the inventory, users, settings, or is
// destructive (delete a cluster, disable a user, re-pin a host key, the wizard).
const ACTION_ROLES: Record<string, TNeeds> = {
  "auth.login": "public",
  "auth.logout": "public",
  "auth.completeSetup": "public",
  "parse.parseCapture": "viewer",
  "guests.migrationProgress": "viewer",
  "alerts.acknowledgeAlert": "operator",
  "alerts.silenceAlert": "operator",
  "alerts.saveNotificationSettings": "admin",
  "alerts.sendTestNotification": "admin",
  "clusters.createCluster": "admin",
  "clusters.deleteCluster": "admin",
  "drbd.startSplitBrainRecovery": "admin",
  "guests.startGuestMigration": "operator",
  "guests.startGuestHaEnroll": "operator",
  // Forcing is allowed to enqueue, but a forced plan is destructive: only an admin confirms it
  // (see "job kinds" below).
  "guests.startNodeMaintenance": "operator",
  "hosts.addHost": "admin",
  "hosts.trustHostKey": "admin",
  "hosts.fetchNewHostKey": "admin",
  "hosts.repinHostKey": "admin",
  "hosts.setHostPrivateKey": "admin",
  "hosts.installPanelKeyWithPassword": "admin",
  "hosts.attachPanelKeyToHost": "admin",
  "hosts.refreshHostFacts": "operator",
  // The floor; destructive jobs need an admin, checked against the job (tests below).
  "jobs.confirmJob": "operator",
  "jobs.cancelJob": "operator",
  "jobs.resumeJob": "operator",
  "jobs.undoJob": "operator",
  "users.createUser": "admin",
  "users.disableUser": "admin",
  "wizard.saveWizard": "admin",
  "wizard.runWizardPrecheck": "admin",
  "wizard.planWizard": "admin",
  "wizard.continueWizard": "admin",
  "wizard.continueWizardStorage": "admin",
  "wizard.retryWizardStage": "admin",
  "wizard.wizardNewHost": "admin",
};

// Destructive or cluster-shaping actions an operator must never run.
const DESTRUCTIVE_ACTIONS = [
  "clusters.deleteCluster",
  "drbd.startSplitBrainRecovery",
  "users.disableUser",
  "hosts.repinHostKey",
  "hosts.setHostPrivateKey",
  "hosts.installPanelKeyWithPassword",
  "wizard.planWizard",
  "wizard.continueWizard",
  "wizard.continueWizardStorage",
  "wizard.retryWizardStage",
];

const ROUTE_ROLES: Record<string, TRole> = {
  "GET /api/jobs/[jobId]/logs": "viewer",
  "GET /api/clusters/[clusterId]/health": "viewer",
  "GET /api/clusters/[clusterId]/health/history": "viewer",
  "GET /api/clusters/[clusterId]/health/timeline": "viewer",
};

// Every job kind: who confirms, resumes, undoes or cancels it, and whether all its plans are destructive.
const KIND_ROLES: Record<string, { role: Exclude<TRole, "viewer">; destructive: boolean }> = {
  "host.check": { role: "operator", destructive: false },
  "host.facts": { role: "operator", destructive: false },
  "wizard.precheck": { role: "operator", destructive: false },
  "wizard.cluster": { role: "admin", destructive: true },
  "wizard.pacemaker": { role: "admin", destructive: true },
  "wizard.storage": { role: "admin", destructive: true },
  "wizard.pve-ha": { role: "admin", destructive: true },
  "drbd.split-brain": { role: "admin", destructive: true },
  "guest.migrate": { role: "operator", destructive: false },
  "guest.ha-enroll": { role: "operator", destructive: false },
  "node.maintenance": { role: "operator", destructive: false },
};

const ROLES: readonly TRole[] = ["viewer", "operator", "admin"];
const root = path.resolve(import.meta.dirname, "../..");
const isServerModule = (file: string) => readFileSync(file, "utf8").startsWith('"use server"');

type TAction = (input?: unknown) => Promise<{ serverError?: string }>;
async function allActions(): Promise<Map<string, TAction>> {
  const dir = path.join(root, "lib/actions");
  const out = new Map<string, TAction>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && isServerModule(path.join(dir, f)))) {
    const mod = (await import(/* @vite-ignore */ path.join(dir, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) if (typeof fn === "function") out.set(`${file.replace(/\.ts$/, "")}.${name}`, fn as TAction);
  }
  return out;
}

function routeFiles(dir = path.join(root, "app"), url = ""): { url: string; file: string }[] {
  const out: { url: string; file: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(abs, entry.name.startsWith("(") ? url : `${url}/${entry.name}`));
    else if (/^route\.tsx?$/.test(entry.name)) out.push({ url: url || "/", file: abs });
  }
  return out;
}

// Every kind object exported by the job kind modules (lib/jobs/kinds/*, lib/jobs/host-*.ts).
async function allKinds(): Promise<TJobKind[]> {
  const files = [
    ...readdirSync(path.join(root, "lib/jobs/kinds")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => path.join(root, "lib/jobs/kinds", f)),
    path.join(root, "lib/jobs/host-check.ts"),
    path.join(root, "lib/jobs/host-facts.ts"),
  ];
  const kinds: TJobKind[] = [];
  for (const file of files) {
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      const k = value as Partial<TJobKind> | null;
      if (k && typeof k === "object" && typeof k.kind === "string" && typeof k.plan === "function" && typeof k.role === "string") kinds.push(k as TJobKind);
    }
  }
  return kinds;
}

const refusal = /authentication required|needs the (viewer|operator|admin) role/;

beforeEach(() => {
  current.user = null;
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

describe("server actions", () => {
  it("each declares the role it needs", async () => {
    const names = [...(await allActions()).keys()].sort();
    expect(names).toEqual(Object.keys(ACTION_ROLES).sort());
  });

  it.each(ROLES)("as %s: refused exactly when the role is below the declared one", async (role) => {
    current.user = { id: "u1", username: `a-${role}`, role };
    for (const [name, action] of await allActions()) {
      const needs = ACTION_ROLES[name];
      if (needs === undefined || needs === "public") continue;
      const result = await action({});
      if (hasRole(role, needs)) expect(result.serverError ?? "", `${name} as ${role}`).not.toMatch(refusal);
      else expect(result.serverError, `${name} as ${role}`).toBe(`this needs the ${needs} role`);
    }
  });

  it("refuses every destructive action to an operator", async () => {
    current.user = { id: "u-op", username: "otto", role: "operator" };
    const actions = await allActions();
    for (const name of DESTRUCTIVE_ACTIONS) {
      expect(ACTION_ROLES[name], name).toBe("admin");
      const result = await actions.get(name)!({});
      expect(result.serverError, name).toBe("this needs the admin role");
    }
  });

  it("refuses a role the panel does not know (a hand-edited row) everywhere", async () => {
    current.user = { id: "u-x", username: "mallory", role: "superuser" };
    for (const [name, action] of await allActions()) {
      if (ACTION_ROLES[name] === "public") continue;
      expect((await action({})).serverError, name).toMatch(/^this needs the (viewer|operator|admin) role$/);
    }
  });
});

describe("route handlers", () => {
  it("each declares the role it needs, and wraps every method in withRole with that role", () => {
    const found: string[] = [];
    for (const { url, file } of routeFiles()) {
      const source = readFileSync(file, "utf8");
      for (const m of source.matchAll(/export\s+const\s+(GET|POST|PUT|PATCH|DELETE)\s*=\s*([^\n]*)/g)) {
        const key = `${m[1]} ${url}`;
        found.push(key);
        expect(m[2], key).toMatch(new RegExp(`^withRole\\("${ROUTE_ROLES[key] ?? "undeclared"}",`));
      }
      expect(source, file).not.toMatch(/export\s+(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/);
    }
    expect(found.sort()).toEqual(Object.keys(ROUTE_ROLES).sort());
  });

  it("answers 401 without a session and 403 for an unknown role, before reading anything", async () => {
    for (const { url, file } of routeFiles()) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, (req: Request, ctx: unknown) => Promise<Response>>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
        const handler = mod[method];
        if (!handler) continue;
        const ctx = { params: Promise.resolve({ jobId: "j1", clusterId: "c1" }) };
        current.user = null;
        expect((await handler(new Request(`http://panel${url}`), ctx)).status, `${method} ${url}`).toBe(401);
        current.user = { id: "u-x", username: "mallory", role: "superuser" };
        expect((await handler(new Request(`http://panel${url}`), ctx)).status, `${method} ${url}`).toBe(403);
      }
    }
  });
});

describe("job kinds", () => {
  it("each declares who may act on it; destructive kinds need an admin", async () => {
    const kinds = await allKinds();
    expect(Object.fromEntries(kinds.map((k) => [k.kind, { role: k.role, destructive: Boolean(k.destructive) }]))).toEqual(KIND_ROLES);
    for (const k of kinds) {
      expect(getJobKind(k.kind)?.kind, `${k.kind} is registered`).toBe(k.kind);
      if (k.destructive) expect(k.role, k.kind).toBe("admin");
    }
  });

  // A job row as control.ts reads it, with a plan whose one step is destructive (what a forced
  // maintenance or a split-brain recovery produces) for an operator-level kind.
  const destructivePlan = buildPlan({
    title: "forced",
    steps: [commandStep({ id: "s1", title: "discard this node's data", host: "pve1", argv: ["true"], destructive: true })],
  });
  function fakeDb(kind: string, state: string, plan: unknown) {
    const updates: unknown[] = [];
    const job = { id: "j1", kind, state, plan, cluster: { name: "lab" } };
    const db = {
      job: {
        findUnique: async () => job,
        updateMany: async (arg: unknown) => {
          updates.push(arg);
          return { count: 1 };
        },
      },
    } as unknown as PrismaClient;
    return { db, updates };
  }

  it.each([
    ["cancel", cancelJobRow, "queued", /Cancelling this job needs the admin role/],
    ["resume", resumeJobRow, "interrupted", /Resuming this job needs the admin role/],
    ["undo", undoJobRow, "succeeded", /Undoing this job needs the admin role/],
  ] as const)("refuses an operator who tries to %s a destructive job, and lets an admin", async (_verb, run, state, message) => {
    for (const [kind, plan] of [
      ["drbd.split-brain", destructivePlan],
      ["wizard.pacemaker", destructivePlan],
      ["node.maintenance", destructivePlan],
    ] as const) {
      const asOperator = fakeDb(kind, state, plan);
      await expect(run(asOperator.db, { id: "u-op", role: "operator" }, "j1")).rejects.toThrow(message);
      expect(asOperator.updates).toEqual([]);
      const asAdmin = fakeDb(kind, state, plan);
      await run(asAdmin.db, { id: "u-ad", role: "admin" }, "j1");
      expect(asAdmin.updates).toHaveLength(1);
    }
  });
});
