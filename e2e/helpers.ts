import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";

export async function login(page: Page, user = E2E_ADMIN): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("User name").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export const artifact = (name: string) => `e2e/artifacts/${name}.png`;
