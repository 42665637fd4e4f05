import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { artifact, login } from "./helpers";

const capture = (rel: string) => readFileSync(path.resolve(import.meta.dirname, "../../shared/corpus", rel), "utf8");

test("an admin pastes captures and reads them as the dashboard would", async ({ page }) => {
  await login(page);
  await page.getByRole("link", { name: "Read a capture" }).click();

  await page.getByRole("textbox", { name: "Capture" }).fill(capture("lab-captures/failover-crash-crm_mon.xml"));
  await page.getByRole("button", { name: "Read it" }).click();
  const reading = page.getByRole("region", { name: "Reading" });
  await expect(reading.getByText("crm-mon-xml")).toBeVisible();
  await expect(reading.getByRole("table", { name: "Nodes" }).getByRole("row", { name: /lab1/ })).toContainText("offline");
  await expect(reading.getByRole("table", { name: "Nodes" }).getByRole("row", { name: /lab2/ })).toContainText("online");
  await page.screenshot({ path: artifact("parse-crm-mon"), fullPage: true });

  await page.getByRole("textbox", { name: "Capture" }).fill(capture("drbd-proc/ganeti-proc_drbd83-synctarget.txt"));
  await page.getByRole("button", { name: "Read it" }).click();
  await expect(reading.getByText("proc-drbd")).toBeVisible();
  await expect(reading.getByRole("progressbar", { name: "sync progress" })).toHaveAttribute("aria-valuenow", "34.9");

  await page.getByRole("textbox", { name: "Capture" }).fill("this is not a cluster status");
  await page.getByRole("button", { name: "Read it" }).click();
  await expect(page.getByRole("form", { name: "Read a capture" }).getByRole("alert")).toContainText("Could not recognise");

  await page.getByRole("combobox", { name: "Format" }).selectOption("crm-mon-xml");
  await page.getByRole("button", { name: "Read it" }).click();
  await expect(page.getByRole("form", { name: "Read a capture" }).getByRole("alert")).toContainText("crm-mon-xml: no XML element found");
});
