// The lab itself, end to end, as root: real corosync/Pacemaker over real SSH, the fault menu,
// the simulator mechanism. Fails (never skips) when the lab cannot come up.
import { waitFor } from "@/lib/testing/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCrmMonXml } from "@/agents/pacemaker/parse-crm-mon-xml";
import { parseCorosyncQuorum } from "@/agents/corosync/parse-quorumtool";
import { SshError } from "@/lib/ssh/errors";
import { ensureLab, labDown, labFault, labSsh, labStatus, pinHostKeys, sshWithKnownHosts, type TLabStatus } from "./lab-env";
import { labRunner, SshPool } from "./lab-runner";

async function sh(status: TLabStatus, host: string, command: string): Promise<string> {
  const r = await labSsh(status, host, command);
  if (r.code !== 0) throw new Error(`${host}: ${command} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

// The panel's own parser reads every quorumtool output in these tests.
const quorum = (out: string) => parseCorosyncQuorum(out);

describe("lab, cluster mode", () => {
  let lab: TLabStatus;
  beforeAll(async () => {
    lab = await ensureLab({ mode: "cluster", nodes: 3 });
  });

  it("reports three booted hosts with addresses and host key fingerprints", () => {
    expect(lab.nodes.map((n) => [n.name, n.address, n.sshPort])).toEqual([
      ["lab1", "10.99.0.11", 22],
      ["lab2", "10.99.0.12", 22],
      ["lab3", "10.99.0.13", 22],
    ]);
    for (const n of lab.nodes) {
      expect(n.running).toMatchObject({ sshd: true, corosync: true, pacemaker: true, qnetd: false });
      expect(n.initPid).not.toBeNull();
    }
  });

  it("runs a real three-node cluster, read through the panel's Runner and parsers", async () => {
    const pool = new SshPool();
    try {
      const crm = parseCrmMonXml((await labRunner(pool, lab, "lab1").run(["crm_mon", "-1", "--output-as=xml"])).stdout);
      expect(crm.quorate).toBe(true);
      expect(crm.nodes.map((n) => [n.name, n.online])).toEqual([["lab1", true], ["lab2", true], ["lab3", true]]);
      const q = parseCorosyncQuorum((await labRunner(pool, lab, "lab2").run(["corosync-quorumtool", "-s"])).stdout);
      expect(q).toMatchObject({ quorate: true, expectedVotes: 3, totalVotes: 3, quorum: 2, qdevice: null });
      expect(q.nodes.map((n) => n.name)).toEqual(["lab1", "lab2", "lab3"]);
    } finally {
      await pool.closeAll();
    }
    expect(await sh(lab, "lab3", "crm_attribute -t crm_config -n stonith-enabled -G -q")).toBe("false\n");
  });

  it("cutting lab3 shrinks the membership on lab1 to two quorate nodes and moves its resource; healing restores it", async () => {
    const pool = new SshPool();
    const lab1 = labRunner(pool, lab, "lab1");
    const readQuorum = async () => parseCorosyncQuorum((await lab1.run(["corosync-quorumtool", "-s"])).stdout);
    const readCrm = async () => parseCrmMonXml((await lab1.run(["crm_mon", "-1", "--output-as=xml"])).stdout);
    const dummyNodes = async () => (await readCrm()).resources.find((r) => r.id === "p_lab_dummy")?.nodes ?? [];
    // A resource that prefers lab3, so the cut has something to move.
    await lab1.run(["crm", "configure", "primitive", "p_lab_dummy", "ocf:pacemaker:Dummy", "op", "monitor", "interval=5s"]);
    await lab1.run(["crm", "configure", "location", "l_lab_dummy", "p_lab_dummy", "100:", "lab3"]);
    try {
      await waitFor("p_lab_dummy to start on lab3", 30_000, async () => (await dummyNodes()).join() === "lab3");
      await labFault("cut", "lab3");
      try {
        await waitFor("lab1 to see 2 corosync members", 30_000, async () => (await readQuorum()).nodes.length === 2);
        expect(await readQuorum()).toMatchObject({ totalVotes: 2, quorate: true });
        await waitFor("Pacemaker on lab1 to mark lab3 offline", 30_000, async () => {
          return (await readCrm()).nodes.find((n) => n.name === "lab3")?.online === false;
        });
        await waitFor("p_lab_dummy to move off lab3", 30_000, async () => {
          const nodes = await dummyNodes();
          return nodes.length === 1 && nodes[0] !== "lab3";
        });
      } finally {
        await labFault("heal", "lab3");
      }
    } finally {
      await waitFor("lab1 to see 3 corosync members again", 30_000, async () => (await readQuorum()).nodes.length === 3);
      await lab1.run(["crm", "configure", "delete", "--force", "l_lab_dummy", "p_lab_dummy"], { okCodes: "any" });
      await pool.closeAll();
    }
  });

  it("puts the simulators first on PATH and shares /etc/pve, but not /var/lib/panel-sim", async () => {
    const marker = `marker-${process.pid}`;
    expect(await sh(lab, "lab1", "command -v lab-sim-check")).toBe("/usr/local/bin/lab-sim-check\n");
    await sh(lab, "lab1", `touch /etc/pve/${marker} /var/lib/panel-sim/${marker}`);
    const onLab2 = await sh(lab, "lab2", "lab-sim-check");
    expect(onLab2).toMatch(/^host lab2$/m);
    expect(onLab2).toMatch(new RegExp(`^shared /etc/pve .*${marker}`, "m"));
    expect(onLab2).not.toMatch(new RegExp(`^state /var/lib/panel-sim .*${marker}`, "m"));
    // The PATH of an interactive login shell puts it first too.
    expect(await sh(lab, "lab3", "bash -lc 'command -v lab-sim-check'")).toBe("/usr/local/bin/lab-sim-check\n");
    await sh(lab, "lab1", `rm -f /etc/pve/${marker} /var/lib/panel-sim/${marker}`);
  });

  it("rekey gives a host new keys: the old pin is refused, the new status pins again", async () => {
    const oldPin = await pinHostKeys(lab, "lab2");
    const oldFingerprint = lab.nodes[1]?.hostKeyFingerprints.ed25519;
    await labFault("rekey", "lab2");
    lab = await labStatus();
    const lab2 = lab.nodes[1];
    if (!lab2) throw new Error("lab2 missing from status");
    expect(lab2.hostKeyFingerprints.ed25519).not.toBe(oldFingerprint);
    const refused = await sshWithKnownHosts(lab, lab2, oldPin, "true");
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(/host key/i);
    // The panel's Runner, still holding the old pin, refuses the changed key with a report.
    const pool = new SshPool();
    try {
      const stale = { ...lab, nodes: lab.nodes.map((n) => (n.name === "lab2" ? { ...n, hostKeyFingerprints: { ...n.hostKeyFingerprints, ed25519: oldFingerprint! } } : n)) };
      const error = await labRunner(pool, stale, "lab2").run(["true"]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SshError);
      expect((error as SshError).report.code).toBe("SSH_HOST_KEY_CHANGED");
    } finally {
      await pool.closeAll();
    }
    expect(await sh(lab, "lab2", "hostname")).toBe("lab2\n");
  });
});

describe("lab, qdevice mode", () => {
  let lab: TLabStatus;
  beforeAll(async () => {
    lab = await ensureLab({ mode: "qdevice", nodes: 3 });
  });

  it("lab1 and lab2 form a cluster with the qnetd vote from lab3", async () => {
    expect(lab.nodes.map((n) => [n.name, n.running.corosync, n.running.qdevice, n.running.qnetd])).toEqual([
      ["lab1", true, true, false],
      ["lab2", true, true, false],
      ["lab3", false, false, true],
    ]);
    const q = quorum(await sh(lab, "lab1", "corosync-quorumtool -s"));
    expect(q).toMatchObject({ totalVotes: 3, quorate: true, qdevice: { votes: 1, state: "voting" } });
    expect(q.nodes).toHaveLength(2);
    expect(q.flags).toContain("Qdevice");
    expect(await sh(lab, "lab3", "corosync-qnetd-tool -l")).toContain(`Cluster "${lab.clusterName}"`);
  });

  it("cutting lab2 leaves lab1 quorate thanks to the qdevice vote", async () => {
    await labFault("cut", "lab2");
    try {
      await waitFor("lab1 to lose lab2", 30_000, async () => quorum(await sh(lab, "lab1", "corosync-quorumtool -s")).nodes.length === 1);
      const q = quorum(await sh(lab, "lab1", "corosync-quorumtool -s"));
      expect(q).toMatchObject({ totalVotes: 2, quorate: true });
    } finally {
      await labFault("heal", "lab2");
    }
    await waitFor("lab1 to see lab2 again", 30_000, async () => quorum(await sh(lab, "lab1", "corosync-quorumtool -s")).nodes.length === 2);
  });
});

describe("lab, bare mode", () => {
  let lab: TLabStatus;
  beforeAll(async () => {
    lab = await ensureLab({ mode: "bare", nodes: 3 });
  });
  afterAll(async () => {
    await labDown();
    expect((await labStatus()).up).toBe(false);
  });

  it("hosts run sshd with the cluster packages installed but nothing started or enabled", async () => {
    for (const n of lab.nodes) expect(n.running).toMatchObject({ sshd: true, corosync: false, pacemaker: false });
    const out = await sh(lab, "lab1", "command -v corosync pacemakerd crm pcs drbdadm corosync-qdevice; systemctl is-enabled corosync || true");
    expect(out).toBe("/usr/sbin/corosync\n/usr/sbin/pacemakerd\n/usr/sbin/crm\n/usr/sbin/pcs\n/usr/sbin/drbdadm\n/usr/sbin/corosync-qdevice\ndisabled\n");
  });

  it("fill makes writes to /etc and /var fail; unfill gives the space back", async () => {
    await labFault("fill", "lab2");
    try {
      const full = await labSsh(lab, "lab2", "echo x > /var/tmp/probe");
      expect(full.code).not.toBe(0);
      expect(full.stderr).toContain("No space left on device");
      expect((await labStatus()).nodes[1]?.faults.diskFull).toBe(true);
    } finally {
      await labFault("unfill", "lab2");
    }
    expect((await labSsh(lab, "lab2", "echo x > /var/tmp/probe && rm /var/tmp/probe")).code).toBe(0);
  });

  it("hang on CMD makes that command hang while SSH keeps working", async () => {
    await labFault("hang", "lab3", "on", "crm_mon");
    try {
      await expect(labSsh(lab, "lab3", "crm_mon -1", 3_000)).rejects.toThrow(/did not finish within 3s/);
      expect(await sh(lab, "lab3", "hostname")).toBe("lab3\n");
    } finally {
      await labFault("hang", "lab3", "off");
    }
    expect(await sh(lab, "lab3", "command -v crm_mon")).toBe("/usr/sbin/crm_mon\n");
  });

  it("crash stops every process of a host and drops its VIPs; boot brings it back", async () => {
    await sh(lab, "lab1", "ip addr add 10.99.0.99/24 dev eth0");
    await labFault("crash", "lab1");
    const crashed = (await labStatus()).nodes[0];
    expect(crashed).toMatchObject({ booted: false, pids: [] });
    await labFault("boot", "lab1");
    expect(await sh(lab, "lab1", "ip -4 -o addr show dev eth0 | awk '{print $4}'")).toBe("10.99.0.11/24\n");
  });
});
