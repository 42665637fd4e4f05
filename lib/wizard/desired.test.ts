import { describe, expect, it } from "vitest";
import { ZCorosyncConfig } from "@/agents/corosync/model";
import { validateCorosyncDesired } from "@/agents/corosync/validate";
import { ZPacemakerDesired } from "@/agents/pacemaker/desired";
import { validatePacemakerDesired } from "@/agents/pacemaker/validate";
import { labContext, lab3Draft } from "./__fixtures__/lab-context";
import { wizardDesired } from "./desired";

const ctx = labContext();

describe("wizardDesired", () => {
  it("maps the 3-node lab draft to a knet cluster and an IPaddr2 + Dummy group behind fence_dummy", () => {
    const d = wizardDesired(lab3Draft(), ctx);
    expect(ZCorosyncConfig.safeParse(d.corosync).success).toBe(true);
    expect(d.corosync).toMatchObject({ clusterName: "wiz3", transport: "knet", cryptoCipher: "aes256", cryptoHash: "sha256" });
    expect(d.corosync.links.map((l) => l.linknumber)).toEqual([0]);
    expect(d.corosync.nodes).toEqual([
      { nodeid: 1, name: "lab1", addrs: ["10.99.0.11"], quorumVotes: null },
      { nodeid: 2, name: "lab2", addrs: ["10.99.0.12"], quorumVotes: null },
      { nodeid: 3, name: "lab3", addrs: ["10.99.0.13"], quorumVotes: null },
    ]);
    expect(d.corosync.quorum).toMatchObject({ twoNode: false, device: null });
    expect(d.qdevice).toBeNull();
    // Only the single-link warning: the lab hosts have one NIC.
    expect(validateCorosyncDesired(d.corosync).map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);

    const p = ZPacemakerDesired.parse(d.pacemaker);
    expect(p.properties).toEqual({ "stonith-enabled": "true", "no-quorum-policy": "stop" });
    expect(p.rscDefaults).toEqual({ "resource-stickiness": "100" });
    expect(p.primitives.map((x) => [x.id, x.agent])).toEqual([
      ["web_ip", "ocf:heartbeat:IPaddr2"],
      ["web_service", "ocf:pacemaker:Dummy"],
    ]);
    expect(p.primitives[0]?.params).toEqual({ ip: "10.99.0.80", cidr_netmask: "24", nic: "eth0" });
    expect(p.groups).toEqual([{ id: "web", members: ["web_ip", "web_service"], meta: {} }]);
    expect(p.stonith).toEqual([
      { id: "fence_wiz3", agent: "fence_dummy", params: { pcmk_host_list: "lab1 lab2 lab3" }, meta: {}, ops: [{ name: "monitor", interval: "60s", timeout: null, role: null }] },
    ]);
    expect(validatePacemakerDesired(p).filter((r) => r.severity === "error")).toEqual([]);
  });

  it("two nodes with a QDevice: the witness's inventory address; two_node only when chosen", () => {
    const two = (quorum: object) => lab3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"], links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12" }], quorum });
    const q = wizardDesired(two({ mode: "qdevice", witness: "lab3" }), ctx);
    expect(q.qdevice).toEqual({ witness: "lab3", witnessAddress: "10.99.0.13" });
    expect(q.corosync.quorum.twoNode).toBe(false);
    const t = wizardDesired(two({ mode: "two_node", twoNodeAcknowledged: true }), ctx);
    expect(t.qdevice).toBeNull();
    expect(t.corosync.quorum.twoNode).toBe(true);
    expect(ZCorosyncConfig.safeParse(t.corosync).success).toBe(true);
  });

  it("two links give every node one address per link, in link order", () => {
    const d = wizardDesired(
      lab3Draft({ links: [{ lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" }, { lab1: "10.98.0.11", lab2: "10.98.0.12", lab3: "10.98.0.13" }] }),
      ctx,
    );
    expect(d.corosync.links.map((l) => l.linknumber)).toEqual([0, 1]);
    expect(d.corosync.nodes[1]?.addrs).toEqual(["10.99.0.12", "10.98.0.12"]);
  });

  it("no fencing turns stonith off and adds no device; a systemd service and no group map as chosen", () => {
    const off = wizardDesired(lab3Draft({ ha: { fencing: "none", noFencingAcknowledged: true, group: { id: "svc", service: "systemd", systemdUnit: "nginx" } } }), ctx);
    const p = ZPacemakerDesired.parse(off.pacemaker);
    expect(p.properties["stonith-enabled"]).toBe("false");
    expect(p.stonith).toEqual([]);
    expect(p.primitives.map((x) => [x.id, x.agent])).toEqual([["svc_service", "systemd:nginx"]]);
    const none = ZPacemakerDesired.parse(wizardDesired(lab3Draft({ ha: { fencing: "device", fenceAgent: "fence_ipmilan", fenceParams: [{ name: "ip", value: "10.0.0.5" }] } }), ctx).pacemaker);
    expect(none.groups).toEqual([]);
    expect(none.primitives).toEqual([]);
    expect(none.stonith[0]?.params).toEqual({ pcmk_host_list: "lab1 lab2 lab3", ip: "10.0.0.5" });
  });
});
