import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Every server action the panel exports, found by reading lib/actions (not a hand-picked
// list): without a session each must refuse before doing anything, and a viewer must not
// be able to run any action that changes state.
const current = vi.hoisted(() => ({ user: null as null | { id: string; username: string; role: string } }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => current.user }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));
vi.mock("@/lib/db", () => ({
  db: new Proxy({}, { get: () => { throw new Error("an unauthenticated action reached the database"); } }),
}));

const PUBLIC_ACTIONS = new Set(["auth.login", "auth.logout", "auth.completeSetup"]);
// Read-only actions a viewer may run; every other action changes state.
const VIEWER_ACTIONS = new Set(["parse.parseCapture", "guests.migrationProgress"]);
const dir = path.resolve(import.meta.dirname);
const actionFiles = readdirSync(dir).filter(
  (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && readFileSync(path.join(dir, f), "utf8").startsWith('"use server"'),
);

type TActionResult = { serverError?: string };
async function allActions(): Promise<[string, (input?: unknown) => Promise<TActionResult>][]> {
  const out: [string, (input?: unknown) => Promise<TActionResult>][] = [];
  for (const file of actionFiles) {
    const mod = (await import(/* @vite-ignore */ path.join(dir, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn === "function") out.push([`${file.replace(/\.ts$/, "")}.${name}`, fn as (input?: unknown) => Promise<TActionResult>]);
    }
  }
  return out;
}

beforeEach(() => {
  current.user = null;
});

describe("server actions", () => {
  it("finds the action modules", async () => {
    expect(actionFiles).toEqual(expect.arrayContaining(["auth.ts", "clusters.ts", "users.ts"]));
    expect((await allActions()).length).toBeGreaterThanOrEqual(7);
  });

  it("refuse every non-public action without a session", async () => {
    for (const [name, action] of await allActions()) {
      if (PUBLIC_ACTIONS.has(name)) continue;
      const result = await action({});
      expect(result.serverError, name).toMatch(/authentication required/);
    }
  });

  it("refuse every mutating action for a viewer", async () => {
    current.user = { id: "u1", username: "vera", role: "viewer" };
    for (const [name, action] of await allActions()) {
      if (PUBLIC_ACTIONS.has(name)) continue;
      const result = await action({});
      if (VIEWER_ACTIONS.has(name)) expect(result.serverError, name).toBeUndefined();
      else expect(result.serverError, name).toMatch(/needs the (operator|admin) role/);
    }
  });
});
