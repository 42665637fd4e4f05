import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_DATA_DIR } from "../playwright.config";

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
export function seedLabInPanel(opts: { mode?: "bare" | "cluster"; cluster?: string; kind?: "pacemaker" | "pve" } = {}): string {
  const args = ["--conditions=react-server", "e2e/lab/seed-panel.ts", E2E_DATA_DIR, "--mode", opts.mode ?? "cluster", "--kind", opts.kind ?? "pacemaker"];
  if (opts.cluster) args.push("--cluster", opts.cluster);
  const out = execFileSync("node_modules/.bin/tsx", args, { encoding: "utf8" });
  return (JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { clusterId: string }).clusterId;
}
