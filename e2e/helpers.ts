import { execFileSync } from "node:child_process";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { PrismaClient } from "../lib/generated/prisma/client";
import { E2E_ADMIN, E2E_DATA_DIR, E2E_DATABASE_URL } from "../playwright.config";

export async function login(page: Page, user = E2E_ADMIN): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("User name").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export const artifact = (name: string) => `e2e/artifacts/${name}.png`;

// The running lab as a cluster of trusted hosts in the panel under test (e2e/lab/seed-panel.ts,
// the path `npm run demo` takes). Returns the cluster's id.
export function seedLabInPanel(opts: { mode?: "bare" | "cluster"; nodes?: 2 | 3; cluster?: string; kind?: "pacemaker" | "pve" } = {}): string {
  const args = ["--conditions=react-server", "e2e/lab/seed-panel.ts", E2E_DATA_DIR, "--mode", opts.mode ?? "cluster", "--nodes", String(opts.nodes ?? 3), "--kind", opts.kind ?? "pacemaker"];
  if (opts.cluster) args.push("--cluster", opts.cluster);
  const out = execFileSync("node_modules/.bin/tsx", args, { encoding: "utf8" });
  return (JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { clusterId: string }).clusterId;
}

// Specs share one panel database and add the lab's hosts by name: a spec that adds them through
// the UI starts from none, and one that added them leaves none.
export async function forgetLabHosts(names: readonly string[] = ["lab1", "lab2", "lab3"]): Promise<void> {
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: E2E_DATABASE_URL }) });
  try {
    const hosts = await db.host.findMany({ where: { name: { in: [...names] } }, select: { credentialId: true } });
    await db.host.deleteMany({ where: { name: { in: [...names] } } });
    await db.credential.deleteMany({ where: { id: { in: hosts.flatMap((h) => h.credentialId ?? []) }, hosts: { none: {} } } });
  } finally {
    await db.$disconnect();
  }
}
