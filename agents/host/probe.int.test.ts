import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SshPool } from "@/lib/ssh/pool";
import { createSshRunner } from "@/lib/ssh/ssh-runner";
import { ZSshTarget } from "@/lib/ssh/target";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { ZHostFacts } from "./model";
import { measureLatency, probeHostFacts } from "./probe";

// probeHostFacts against a real OpenSSH sshd on 127.0.0.1: the test machine is a Debian 12
// host with corosync installed and no Proxmox VE.

let sshd: TTestSshd;
let pool: SshPool;

beforeAll(async () => {
  sshd = await startSshd();
  pool = new SshPool({ connectTimeoutMs: 5_000, commandTimeoutMs: 30_000 });
});
afterAll(async () => {
  pool?.closeAll();
  await sshd?.stop();
});

const runner = () => createSshRunner(pool, ZSshTarget.parse(sshd.target()), { jobId: "host-probe-test" });

describe("probeHostFacts over SSH", () => {
  it("gathers plausible facts from a Debian 12 host", { timeout: 60_000 }, async () => {
    const facts = ZHostFacts.parse(await probeHostFacts(runner()));

    expect(facts.os).toMatchObject({ id: "debian", versionId: "12", versionCodename: "bookworm" });
    expect(facts.proxmox).toBeNull();
    expect(facts.guests).toEqual({ vms: null, containers: null });
    expect(facts.hostname?.short).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(facts.resolution?.name).toBe(facts.hostname?.short);

    const withAddress = (facts.interfaces ?? []).filter((i) => !i.name.startsWith("lo") && i.addresses.length > 0);
    expect(withAddress.length).toBeGreaterThan(0);
    expect(facts.interfaces?.find((i) => i.name === "lo")?.addresses.map((a) => a.address)).toContain("127.0.0.1");

    expect(facts.blockDevices?.devices.length).toBeGreaterThan(0);

    const corosync = facts.packages?.find((p) => p.name === "corosync");
    expect(corosync).toMatchObject({ installed: true, status: "ii" });
    expect(corosync?.version).toMatch(/^3\./);
    expect(facts.packages?.find((p) => p.name === "pve-manager")).toEqual({ name: "pve-manager", installed: false, version: null, status: null });

    expect(facts.cluster.pveCorosyncConfPresent).toBe(false);
    expect(facts.clock).not.toBeNull();
    expect(Math.abs(facts.clock?.skewSeconds ?? 99)).toBeLessThan(1);
    expect(Date.now() - Date.parse(facts.collectedAt)).toBeLessThan(60_000);
    // Every error entry names its command, so the host page can show what failed.
    for (const e of facts.errors) expect(e.argv.length).toBeGreaterThan(0);
  });

  it("measures the round trip to the loopback address", { timeout: 60_000 }, async () => {
    const stats = await measureLatency(runner(), "127.0.0.1");
    expect(stats).toMatchObject({ transmitted: 5, received: 5, lossPercent: 0 });
    expect(stats.avgMs).toBeGreaterThanOrEqual(0);
    expect(stats.avgMs).toBeLessThan(50);
  });
});
