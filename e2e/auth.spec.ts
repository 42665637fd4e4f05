import { expect, test } from "@playwright/test";
import { artifact, login } from "./helpers";

test("wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong user name or password.");
  await expect(page).toHaveURL(/\/login$/);
});

test("admin logs in, sees the empty clusters page, and is refused after logout", async ({ page, context }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await login(page);
  await expect(page.getByRole("heading", { name: "Clusters", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No clusters yet" })).toBeVisible();
  await page.screenshot({ path: artifact("clusters-empty"), fullPage: true });

  const [session] = (await context.cookies()).filter((c) => c.name === "panel_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/hosts");
  await expect(page).toHaveURL(/\/login\?next=%2Fhosts$/);

  // The old cookie is dead on the server, not just removed from the browser.
  await context.addCookies([{ ...session!, expires: -1 }]);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login/);
});

test("an admin creates a cluster and a viewer can look but not change", async ({ page, browser }) => {
  await login(page);
  await page.getByLabel("Cluster name").fill("bad name!");
  await page.getByRole("button", { name: "Create cluster" }).click();
  await expect(page.getByRole("form", { name: "New cluster" }).getByRole("alert")).toContainText("letters, digits and '-'");

  await page.getByLabel("Cluster name").fill("lab");
  await page.getByRole("button", { name: "Create cluster" }).click();
  await expect(page.getByRole("heading", { name: "lab", level: 1 })).toBeVisible();
  await expect(page.getByText("No hosts in this cluster")).toBeVisible();
  await page.screenshot({ path: artifact("cluster-overview"), fullPage: true });

  await page.goto("/settings");
  await page.getByLabel("User name").fill("vera");
  await page.getByLabel("Password").fill("viewer-password-1");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText("User added.");
  await expect(page.getByRole("cell", { name: "vera", exact: true })).toBeVisible();

  const viewer = await browser.newPage();
  await login(viewer, { username: "vera", password: "viewer-password-1" });
  await expect(viewer.getByRole("link", { name: "lab" })).toBeVisible();
  await expect(viewer.getByRole("form", { name: "New cluster" })).toHaveCount(0);
  await viewer.goto("/audit");
  await expect(viewer.getByRole("cell", { name: "cluster.create" })).toBeVisible();
  await viewer.close();
});
