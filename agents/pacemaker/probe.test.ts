import { describe, expect, it } from "vitest";
import { FakeRunner, type TFakeCall } from "@/lib/ssh/fake-runner";
import { ocfAgentsCommand, PCMK_PROBE_COMMANDS as P, probePacemaker, probePacemakerCluster } from "./probe";
import { fixture } from "./__fixtures__/observed";

const agentCalls: TFakeCall[] = [
  { argv: [...P.providers], result: { stdout: "heartbeat\nlinbit\npacemaker\n" } },
  { argv: ocfAgentsCommand("heartbeat"), result: { stdout: "Dummy\nIPaddr2\n" } },
  { argv: ocfAgentsCommand("linbit"), result: { stdout: "drbd\n" } },
  { argv: ocfAgentsCommand("pacemaker"), result: { stdout: "Dummy\n" } },
  { argv: [...P.stonithAgents], result: { stdout: "fence_dummy\nfence_ipmilan\n" } },
];

describe("probePacemaker", () => {
  it("reads CIB, status, quorum, links and agents of a healthy 3-node cluster", async () => {
    const runner = new FakeRunner([
      { argv: [...P.cib], result: { stdout: fixture("cib-lab-web-group.xml") } },
      { argv: [...P.status], result: { stdout: fixture("3node-with-resources-crm_mon.xml") } },
      { argv: [...P.quorum], result: { stdout: fixture("3node-corosync-quorumtool.txt") } },
      { argv: [...P.links], result: { stdout: fixture("3node-corosync-cfgtool.txt") } },
      ...agentCalls,
    ]);
    const o = await probePacemaker(runner);
    runner.assertDone();
    expect(o.cib?.resources.map((r) => r.attrs.id)).toEqual(["fence_lab1", "web"]);
    expect(o.status).toMatchObject({ quorate: true, dc: "lab2" });
    expect(o.status?.nodes.map((n) => [n.name, n.online, n.standby, n.maintenance])).toEqual([
      ["lab1", true, false, false],
      ["lab2", true, false, false],
      ["lab3", true, false, false],
    ]);
    expect(o.status?.resources.map((r) => [r.id, r.role, r.nodes])).toEqual([
      ["dummy1", "Started", ["lab1"]],
      ["vip", "Started", ["lab1"]],
    ]);
    expect(o.quorum).toMatchObject({ quorate: true, expectedVotes: 3, totalVotes: 3, qdevice: null });
    expect(o.links?.links.map((l) => [l.id, l.status, l.peers.map((p) => [p.nodeid, p.connected])])).toEqual([
      [0, "ok", [[2, true], [3, true]]],
    ]);
    expect(o.agents).toEqual(["ocf:heartbeat:Dummy", "ocf:heartbeat:IPaddr2", "ocf:linbit:drbd", "ocf:pacemaker:Dummy", "stonith:fence_dummy", "stonith:fence_ipmilan"]);
    expect([o.cibError, o.statusError, o.quorumError, o.linksError]).toEqual([null, null, null, null]);
  });

  it("keeps going when Pacemaker is down: every failure becomes an error string", async () => {
    const down = { code: 102, stderr: "crm_mon: Error: cluster is not available on this node\n" };
    const runner = new FakeRunner([
      { argv: [...P.cib], result: { code: 107, stderr: "Call cib_query failed (-107): Transport endpoint is not connected\n" } },
      { argv: [...P.status], result: down },
      { argv: [...P.quorum], result: { code: 1, stderr: "Cannot initialize QUORUM service\n" } },
      { argv: [...P.links], result: { code: 1, stderr: "Could not initialize corosync configuration API error 2\n" } },
      { argv: [...P.providers], result: { code: 1 } },
    ]);
    const o = await probePacemaker(runner);
    runner.assertDone();
    expect(o).toMatchObject({
      cib: null,
      cibError: "Call cib_query failed (-107): Transport endpoint is not connected",
      status: null,
      quorum: null,
      quorumError: "Cannot initialize QUORUM service",
      links: null,
      agents: null,
    });
    expect(o.statusError).toMatch(/^crm-mon-xml: /);
  });

  it("reports an unreachable node instead of throwing", async () => {
    const ok = new FakeRunner([
      { argv: [...P.cib], result: { stdout: fixture("cib-lab-empty.xml") } },
      { argv: [...P.status], result: { stdout: fixture("3node-with-resources-crm_mon.xml") } },
      { argv: [...P.quorum], result: { stdout: fixture("3node-corosync-quorumtool.txt") } },
      { argv: [...P.links], result: { stdout: fixture("3node-corosync-cfgtool.txt") } },
      ...agentCalls,
    ]);
    const gone = new FakeRunner([{ argv: [...P.cib], error: new Error("connect ETIMEDOUT 10.99.0.12:22") }]);
    const result = await probePacemakerCluster({ lab1: ok, lab2: gone });
    expect(result.map((r) => [r.host, r.observed !== null, r.error])).toEqual([
      ["lab1", true, null],
      ["lab2", false, "connect ETIMEDOUT 10.99.0.12:22"],
    ]);
  });
});
