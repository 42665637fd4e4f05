import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shScript } from "@/lib/ssh/argv";
import { START_DETACHED_SCRIPT } from "../migrate/run";
import { GUEST_ON_NODE_SCRIPT, migrationSteps, WAIT_MIGRATION_SCRIPT, waitHaGuestsGoneStep, HA_GUESTS_GONE_CHECK } from "./migrate-steps";

describe("migration steps", () => {
  it("starts qm migrate detached on the source and waits for it; both are done once the guest lives on the target", () => {
    const steps = migrationSteps({ vmid: 104, kind: "qemu", source: "pve1", target: "pve2", online: true });
    const check = { kind: "command", argv: shScript(GUEST_ON_NODE_SCRIPT, ["pve2", "qemu-server", "104"]) };
    expect(steps.map((s) => [s.id, s.host, s.action, s.check])).toEqual([
      ["migrate-104-start", "pve1", { kind: "command", argv: shScript(START_DETACHED_SCRIPT, ["/var/tmp/panel-migrate-104.log", "qm", "migrate", "104", "pve2", "--online"]) }, check],
      ["migrate-104-wait", "pve1", { kind: "command", argv: shScript(WAIT_MIGRATION_SCRIPT, ["/var/tmp/panel-migrate-104.log", "pve2", "qemu-server", "104", "30"]), timeoutMs: 3_600_000 }, check],
    ]);
  });

  it("a running container gets a restart migration and an HA guest a longer wait", () => {
    const steps = migrationSteps({ vmid: 200, kind: "lxc", source: "pve1", target: "pve3", online: true, haManaged: true });
    expect(steps[0]?.title).toBe("Start migrating container 200 from pve1 to pve3 (restart migration): pct migrate 200 pve3 --restart");
    expect(steps[1]?.action).toMatchObject({ argv: shScript(WAIT_MIGRATION_SCRIPT, ["/var/tmp/panel-migrate-200.log", "pve3", "lxc", "200", "300"]) });
  });

  it("refuses hostile identifiers before they reach argv", () => {
    expect(() => migrationSteps({ vmid: 104, kind: "qemu", source: "pve1", target: "pve2; reboot", online: true })).toThrow();
    expect(() => migrationSteps({ vmid: 99, kind: "qemu", source: "pve1", target: "pve2", online: true })).toThrow();
  });

  it("waits for the HA manager to take the node's HA guests away", () => {
    const step = waitHaGuestsGoneStep("pve3", [{ vmid: 300, kind: "qemu" }, { vmid: 301, kind: "lxc" }], "pve1");
    expect(step.host).toBe("pve1");
    expect(step.check).toEqual({ kind: "command", argv: shScript(HA_GUESTS_GONE_CHECK, ["pve3", "qemu-server/300.conf", "lxc/301.conf"]) });
  });
});

describe("WAIT_MIGRATION_SCRIPT", () => {
  it("on a failed migration prints the task log and puts Proxmox's error lines on stderr, with qm's exit code", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "migrate-wait-"));
    try {
      const log = path.join(dir, "m.log");
      writeFileSync(log, "start migrate command to ssh://pve2\nmigration status error: failed\nERROR: online migrate failure - aborting\nERROR: migration finished with problems (duration 00:00:03)\n");
      writeFileSync(`${log}.rc`, "255\n");
      const r = spawnSync("sh", ["-c", WAIT_MIGRATION_SCRIPT, "sh", log, "pve2", "qemu-server", "104", "30"], { encoding: "utf8" });
      expect(r.status).toBe(255);
      expect(r.stdout).toContain("start migrate command");
      expect(r.stderr.trim().split("\n")).toEqual(["ERROR: online migrate failure - aborting", "ERROR: migration finished with problems (duration 00:00:03)"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
