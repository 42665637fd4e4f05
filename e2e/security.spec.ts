import { readFileSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { PrismaClient } from "../lib/generated/prisma/client";
import { E2E_ADMIN, E2E_DATABASE_URL, E2E_PORT } from "../playwright.config";

// CSRF at the HTTP level: server actions are POSTs any site could send with the admin's cookie.
// Next.js compares Origin with Host for every action; this proves it on the built panel, with a
// real session cookie, for a mutating action and for the login itself. Plus the session cookie's flags.

const SELF = `http://127.0.0.1:${E2E_PORT}`;
const FOREIGN = "https://evil.example";
const PROBE = "csrfprobe";
const VIEWER = { username: "secviewer", password: "sec-viewer-password-1" };

// Action ids are hashes chosen at build time; the build's manifest maps them to file and export.
function actionId(file: string, exportedName: string): string {
  const manifestPath = path.resolve(import.meta.dirname, "../.next/server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!found) throw new Error(`${file}#${exportedName} is not in the build's server action manifest`);
  return found[0];
}

function callAction(request: APIRequestContext, opts: { page: string; id: string; args: unknown[]; origin: string; cookie?: string; headers?: Record<string, string> }) {
  return request.post(opts.page, {
    headers: {
      "next-action": opts.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: opts.origin,
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...opts.headers,
    },
    data: JSON.stringify(opts.args),
    maxRedirects: 0,
  });
}

async function sessionCookie(request: APIRequestContext, headers: Record<string, string> = {}, user = E2E_ADMIN) {
  const res = await callAction(request, {
    page: "/login",
    id: actionId("lib/actions/auth.ts", "login"),
    args: [{ username: user.username, password: user.password, next: "/" }],
    origin: SELF,
    headers,
  });
  const setCookie = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("panel_session="))?.value ?? "";
  return { res, setCookie, cookie: setCookie.split(";")[0] ?? "" };
}

async function withDb<T>(work: (db: PrismaClient) => Promise<T>): Promise<T> {
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: E2E_DATABASE_URL }) });
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

test.afterAll(async () => {
  await withDb(async (db) => {
    await db.cluster.deleteMany({ where: { name: PROBE } });
    // Later specs must not deliver alerts to this spec's dead receivers.
    await db.setting.deleteMany({ where: { key: "notifications" } });
    await db.user.updateMany({ where: { username: VIEWER.username }, data: { disabledAt: new Date() } });
  });
});

test("a server action with the admin's cookie but a foreign Origin changes nothing; the same call from the panel's origin works", async ({ request }) => {
  const { cookie, setCookie } = await sessionCookie(request);
  expect(cookie).toMatch(/^panel_session=[A-Za-z0-9_-]{43}$/);
  // Flags over plain HTTP: not readable by scripts, not sent on cross-site POSTs.
  expect(setCookie).toMatch(/; HttpOnly/i);
  expect(setCookie).toMatch(/; SameSite=lax/i);
  expect(setCookie).not.toMatch(/; Secure/i);

  const create = actionId("lib/actions/clusters.ts", "createCluster");
  const args = [{ name: PROBE, kind: "pve" }];
  const forged = await callAction(request, { page: "/", id: create, args, origin: FOREIGN, cookie });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(await withDb((db) => db.cluster.count({ where: { name: PROBE } }))).toBe(0);

  // A look-alike origin on another port is foreign too.
  const otherPort = await callAction(request, { page: "/", id: create, args, origin: `http://127.0.0.1:${E2E_PORT + 1}`, cookie });
  expect(otherPort.status()).toBeGreaterThanOrEqual(400);
  expect(await withDb((db) => db.cluster.count({ where: { name: PROBE } }))).toBe(0);

  const genuine = await callAction(request, { page: "/", id: create, args, origin: SELF, cookie });
  expect(genuine.status()).toBe(200);
  expect(await withDb((db) => db.cluster.count({ where: { name: PROBE } }))).toBe(1);
});

test("login from a foreign origin sets no session (no login CSRF); behind HTTPS the cookie is Secure", async ({ request }) => {
  const forged = await callAction(request, {
    page: "/login",
    id: actionId("lib/actions/auth.ts", "login"),
    args: [{ username: E2E_ADMIN.username, password: E2E_ADMIN.password, next: "/" }],
    origin: FOREIGN,
  });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect(forged.headersArray().some((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("panel_session="))).toBe(false);

  // A TLS-terminating proxy says so with X-Forwarded-Proto; the browser then sees an https origin.
  const { setCookie } = await sessionCookie(request, { "x-forwarded-proto": "https", origin: `https://127.0.0.1:${E2E_PORT}` });
  expect(setCookie).toMatch(/; Secure/i);
  expect(setCookie).toMatch(/; HttpOnly/i);
});

test("the settings page never shows the SMTP password, and shows the webhook URL to admins only", async ({ request }) => {
  const smtpPassword = `smtp-${Date.now().toString(36)}-secret`;
  const token = `hooktoken${Date.now().toString(36)}`;
  const { cookie: admin } = await sessionCookie(request);
  const save = await callAction(request, {
    page: "/settings",
    id: actionId("lib/actions/alerts.ts", "saveNotificationSettings"),
    args: [
      {
        webhookUrl: `http://127.0.0.1:9/hooks/${token}`,
        panelUrl: "",
        smtpEnabled: true,
        smtp: { host: "127.0.0.1", port: 2525, security: "none", username: "alerts", password: smtpPassword, from: "panel@example.org", to: "ops@example.org" },
      },
    ],
    origin: SELF,
    cookie: admin,
  });
  expect(save.status()).toBe(200);
  expect(await save.text()).not.toContain(smtpPassword);
  const stored = await withDb((db) => db.setting.findUnique({ where: { key: "notifications" } }));
  const envelope = /"passwordEnvelope":"(v1:[^"]+)"/.exec(JSON.stringify(stored?.value))?.[1] ?? "no envelope stored";
  expect(envelope).toMatch(/^v1:/);

  const asAdmin = await (await request.get("/settings", { headers: { cookie: admin } })).text();
  expect(asAdmin).toContain("Alert notifications");
  expect(asAdmin).toContain(`/hooks/${token}`);
  expect(asAdmin).not.toContain(smtpPassword);
  expect(asAdmin).not.toContain(envelope);

  const create = await callAction(request, {
    page: "/settings",
    id: actionId("lib/actions/users.ts", "createUser"),
    args: [{ ...VIEWER, role: "viewer" }],
    origin: SELF,
    cookie: admin,
  });
  expect(create.status()).toBe(200);
  const { cookie: viewer } = await sessionCookie(request, {}, VIEWER);
  expect(viewer).toMatch(/^panel_session=/);
  const asViewer = await (await request.get("/settings", { headers: { cookie: viewer } })).text();
  expect(asViewer).toContain("Settings");
  expect(asViewer).not.toContain(token);
  expect(asViewer).not.toContain(smtpPassword);
});
