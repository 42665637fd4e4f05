// Fake cluster hosts for the health benchmarks: real OpenSSH sshd on loopback addresses
// (lib/testing/sshd.ts, as bench/ssh-pool.ts uses) whose sessions find, first on PATH, tiny
// scripts that replay the 3-node lab captures in agents/pacemaker/__fixtures__ and append
// their own name to a per-host log. So every command the panel runs on a host is counted,
// and the probe's parsers get real output. DRBD answers as "module not loaded", as on a
// host without DRBD. Must run as root under the react-server condition (lib/ssh imports).
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generatePanelKeyPair, type TPanelKeyPair } from "@/lib/ssh/keygen";
import { startSshd, type TTestSshd } from "@/lib/testing/sshd";

const FIXTURES = path.resolve(import.meta.dirname, "../agents/pacemaker/__fixtures__");

// Script body after the logging line, per command name the health probe can run.
function bodies(): Record<string, string> {
  const replay = (file: string) => `exec /bin/cat '${path.join(FIXTURES, file)}'`;
  return {
    "corosync-quorumtool": replay("3node-corosync-quorumtool.txt"),
    "corosync-cfgtool": replay("3node-corosync-cfgtool.txt"),
    crm_mon: replay("3node-with-resources-crm_mon.xml"),
    date: 'exec /bin/date "$@"',
    // The DRBD probe's version read: there is no /proc/drbd here, so the real cat fails as on a
    // host without the module.
    cat: 'exec /bin/cat "$@"',
    modinfo: "echo 'modinfo: ERROR: Module drbd not found.' >&2; exit 1",
    drbdsetup: "echo 'Could not connect to drbd kernel module' >&2; exit 20",
    drbdadm: "exit 1",
    journalctl: "exit 0",
  };
}

export type TReplayHost = { address: string; sshd: TTestSshd; logPath: string };

export type TReplayHosts = {
  hosts: TReplayHost[];
  dir: string;
  // Commands run on each host since start (or the last reset), by command name.
  counts(): Map<string, Record<string, number>>;
  total(): number;
  reset(): void;
  // A further client key the sshd accepts: one per Host row keeps one connection per row in
  // the panel's pool, as separate machines would.
  authorizeNewKey(host: TReplayHost): TPanelKeyPair;
  stop(): Promise<void>;
};

export async function startReplayHosts(addresses: readonly string[]): Promise<TReplayHosts> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "panel-bench-hosts-"));
  const bin = path.join(dir, "bin");
  mkdirSync(bin);
  for (const [name, body] of Object.entries(bodies())) {
    const file = path.join(bin, name);
    writeFileSync(file, `#!/bin/sh\necho ${name} >> "$BENCH_CMD_LOG"\n${body}\n`);
    chmodSync(file, 0o755);
  }
  const hosts: TReplayHost[] = [];
  try {
    for (const address of addresses) {
      const sshd = await startSshd({ address, maxSessions: 10 });
      const logPath = path.join(dir, `${address}.log`);
      writeFileSync(logPath, "");
      // bash reads ~/.bashrc when sshd starts it, before the panel's shell loop: the replay
      // scripts come first on PATH for every command of the session.
      writeFileSync(path.join(sshd.home, ".bashrc"), `export PATH='${bin}':$PATH\nexport BENCH_CMD_LOG='${logPath}'\n`);
      hosts.push({ address, sshd, logPath });
    }
  } catch (err) {
    for (const h of hosts) await h.sshd.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const counts = () =>
    new Map(
      hosts.map((h) => {
        const byName: Record<string, number> = {};
        for (const line of readFileSync(h.logPath, "utf8").split("\n")) if (line) byName[line] = (byName[line] ?? 0) + 1;
        return [h.address, byName];
      }),
    );
  return {
    hosts,
    dir,
    counts,
    total: () => [...counts().values()].reduce((s, byName) => s + Object.values(byName).reduce((a, b) => a + b, 0), 0),
    reset: () => {
      for (const h of hosts) writeFileSync(h.logPath, "");
    },
    authorizeNewKey: (host) => {
      const key = generatePanelKeyPair("panel-bench");
      appendFileSync(host.sshd.authorizedKeysPath, `${key.publicKey}\n`);
      return key;
    },
    stop: async () => {
      for (const h of hosts) await h.sshd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
