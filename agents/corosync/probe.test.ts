import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FakeRunner, type TFakeCall } from "@/lib/ssh/fake-runner";
import { shScript } from "@/lib/ssh/argv";
import { FILE_SCRIPTS } from "@/lib/ssh/write-file";
import { readCorosyncConfig } from "./parse-conf";
import { CONF_PATH, PROBE_COMMANDS, probeCorosync } from "./probe";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");
const P = PROBE_COMMANDS;
const HASH = "3f".repeat(32);

function calls(o: {
  conf: TFakeCall["result"];
  key: TFakeCall["result"];
  corosync: string;
  enabled: string;
  pacemaker: string;
  quorum: TFakeCall["result"];
  ip?: TFakeCall["result"];
}): TFakeCall[] {
  const state = (out: string, good: string) => ({ code: out === good ? 0 : 3, stdout: `${out}\n` });
  return [
    { argv: shScript(FILE_SCRIPTS.read, [CONF_PATH]), result: o.conf },
    { argv: P.authkeyHash, result: o.key },
    { argv: [...P.corosyncActive], result: state(o.corosync, "active") },
    { argv: [...P.corosyncEnabled], result: { ...state(o.enabled, "enabled"), code: o.enabled === "enabled" ? 0 : 1 } },
    { argv: [...P.pacemakerActive], result: state(o.pacemaker, "active") },
    { argv: [...P.quorum], result: o.quorum },
    { argv: [...P.addresses], result: o.ip ?? { stdout: fixture("ip-addr-lab1.json") } },
  ];
}

describe("probeCorosync", () => {
  it("reads a bare Debian host: the stub config, no key, nothing running, corosync unreachable", async () => {
    const runner = new FakeRunner(
      calls({
        conf: { stdout: fixture("debian-stub-corosync.conf") },
        key: { code: 3 },
        corosync: "inactive",
        enabled: "disabled",
        pacemaker: "inactive",
        quorum: { code: 1, stderr: "Cannot initialize QUORUM service\n" },
      }),
    );
    const observed = await probeCorosync(runner);
    runner.assertDone();
    expect(observed).toMatchObject({
      confText: fixture("debian-stub-corosync.conf"),
      confError: null,
      authkeyPresent: false,
      authkeySha256: null,
      corosyncActive: false,
      corosyncEnabled: false,
      pacemakerActive: false,
      quorum: null,
      quorumExitCode: 1,
      quorumError: "Cannot initialize QUORUM service",
      addresses: ["127.0.0.1", "10.99.0.11"],
    });
    expect(observed.conf?.clusterName).toBe("debian");
    expect(observed.conf?.nodes.map((n) => n.addrs)).toEqual([["127.0.0.1"]]);
  });

  it("reads a running qdevice member: config, key hash, quorum with the device vote", async () => {
    const conf = fixture("lab-corosync-2node-qdevice.conf");
    const runner = new FakeRunner(
      calls({
        conf: { stdout: conf },
        key: { stdout: `${HASH}  -\n` },
        corosync: "active",
        enabled: "enabled",
        pacemaker: "active",
        quorum: { stdout: fixture("lab-2node-qdevice-quorumtool.txt") },
      }),
    );
    const observed = await probeCorosync(runner);
    runner.assertDone();
    expect(observed.conf).toEqual(readCorosyncConfig(conf));
    expect(observed).toMatchObject({ authkeyPresent: true, authkeySha256: HASH, corosyncActive: true, corosyncEnabled: true, pacemakerActive: true, quorumExitCode: 0 });
    expect(observed.quorum).toMatchObject({ quorate: true, expectedVotes: 3, totalVotes: 3 });
    expect(observed.quorum?.qdevice?.state).toBe("voting");
  });

  it("keeps going with no config file, an unreadable config and unreadable ip output", async () => {
    const missing = new FakeRunner(
      calls({ conf: { code: 3 }, key: { code: 3 }, corosync: "inactive", enabled: "disabled", pacemaker: "inactive", quorum: { code: 1 }, ip: { code: 1, stderr: "ip: not found" } }),
    );
    expect(await probeCorosync(missing)).toMatchObject({ confText: null, conf: null, confError: null, addresses: null, quorumError: "exit code 1" });
    missing.assertDone();
    const garbled = new FakeRunner(
      calls({ conf: { stdout: "totem {\n version: 2\n" }, key: { code: 3 }, corosync: "inactive", enabled: "disabled", pacemaker: "inactive", quorum: { code: 1 } }),
    );
    const observed = await probeCorosync(garbled);
    expect(observed.conf).toBeNull();
    expect(observed.confError).toMatch(/^corosync-conf: /);
  });

  it("reads a non-quorate cluster (exit 2) as data", async () => {
    const text = fixture("lab-2node-qdevice-quorumtool.txt").replace("Quorate:          Yes", "Quorate:          No");
    const runner = new FakeRunner(
      calls({ conf: { code: 3 }, key: { code: 3 }, corosync: "active", enabled: "enabled", pacemaker: "inactive", quorum: { code: 2, stdout: text } }),
    );
    expect(await probeCorosync(runner)).toMatchObject({ quorumExitCode: 2, quorum: { quorate: false }, quorumError: null });
  });
});
