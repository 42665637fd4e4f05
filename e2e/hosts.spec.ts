import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { artifact, forgetLabHosts, login } from "./helpers";
import { ensureLab, type TLabStatus } from "./lab/lab-env";

// Host onboarding against the lab's real sshd (bare mode: sshd and packages, no cluster).
// Needs root to build the lab, as CI has; without it ensureLab throws and the test fails.
let lab: TLabStatus;

test.describe.configure({ mode: "serial", timeout: 300_000 });

test.beforeAll(async () => {
  lab = await ensureLab({ mode: "bare", nodes: 3 });
  await forgetLabHosts();
});
test.afterAll(async () => {
  await forgetLabHosts();
});

test("an admin adds lab1, trusts its host key, pastes a key and sees its facts", async ({ page }) => {
  const lab1 = lab.nodes.find((n) => n.name === "lab1");
  expect(lab1, "the lab reports lab1").toBeDefined();
  await login(page);

  await page.goto("/hosts");
  await expect(page.getByLabel("Panel public key")).toContainText("ssh-ed25519 ");
  expect(await page.content()).not.toContain("PRIVATE KEY");

  await page.getByRole("link", { name: "Add host" }).first().click();
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Address").fill("10.0.0.300; rm -rf /");
  await form.getByLabel("Name").fill("lab1");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByRole("alert")).toContainText("not an address");

  await form.getByLabel("Address").fill(lab1!.address);
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(page.getByRole("heading", { name: "lab1", level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel("Presented fingerprint")).toHaveText(lab1!.hostKeyFingerprints.ed25519);
  await expect(page.getByLabel("Check on the host")).toHaveText("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub");
  // No credential form before the key is trusted.
  await expect(page.getByRole("form", { name: "Paste a private key" })).toHaveCount(0);

  await page.getByRole("button", { name: "Trust this key" }).click();
  await expect(page.getByLabel("Pinned fingerprint")).toHaveText(lab1!.hostKeyFingerprints.ed25519);

  const privateKey = readFileSync(lab.keyPath, "utf8");
  // A line from the middle of the key's body: it must never come back in a page.
  const keyBody = privateKey.trim().split("\n")[2] ?? "";
  expect(keyBody.length).toBeGreaterThan(40);
  const keyForm = page.getByRole("form", { name: "Paste a private key" });
  await keyForm.getByLabel("Private key").fill(privateKey);
  await keyForm.getByRole("button", { name: "Save key" }).click();
  await expect(keyForm.getByRole("status")).toContainText("saved");

  const facts = page.getByLabel("Host facts");
  await expect(facts).toContainText("Debian", { timeout: 60_000 });
  await expect(facts).toContainText("lab1");
  const html = await page.content();
  expect(html).not.toContain("PRIVATE KEY");
  expect(html).not.toContain(keyBody);
  await page.screenshot({ path: artifact("host-page"), fullPage: true });

  await page.goto("/hosts");
  const row = page.getByRole("row", { name: /lab1/ });
  await expect(row).toContainText("trusted");
  await expect(row).toContainText("own key");
});

test("an unreachable address shows its report and stores nothing", async ({ page }) => {
  await login(page);
  await page.goto("/hosts/new");
  const form = page.getByRole("form", { name: "Add host" });
  await form.getByLabel("Name").fill("ghost");
  await form.getByLabel("Address").fill("10.99.0.99");
  await form.getByRole("button", { name: "Add host" }).click();
  await expect(form.getByRole("alert")).toContainText("10.99.0.99", { timeout: 15_000 });
  await expect(page).toHaveURL(/\/hosts\/new$/);
  await page.goto("/hosts");
  await expect(page.getByRole("row", { name: /ghost/ })).toHaveCount(0);
});
