import { describe, expect, it } from "vitest";
import { labContext } from "./__fixtures__/lab-context";
import { pve3Draft, pveContext } from "./__fixtures__/pve";
import { pveStage1FromDraft, ringAddressesOf } from "./desired-pve";
import { migrationCandidates, networkOf } from "./network-pve";
import { validateWizardStep, validateWizardUpTo } from "./validate";

const ctx = pveContext();

describe("migration network", () => {
  it("offers the IPv4 networks every node has an address in, with each node's address there", () => {
    expect(networkOf("10.98.0.12", 24)).toBe("10.98.0.0/24");
    expect(networkOf("172.16.5.130", 25)).toBe("172.16.5.128/25");
    expect(networkOf("fd00::1", 64)).toBeNull();
    expect(migrationCandidates(pve3Draft(), ctx)).toEqual([
      { cidr: "10.99.0.0/24", addresses: { lab1: "10.99.0.11", lab2: "10.99.0.12", lab3: "10.99.0.13" } },
      { cidr: "10.98.0.0/24", addresses: { lab1: "10.98.0.11", lab2: "10.98.0.12", lab3: "10.98.0.13" } },
    ]);
    // lab3 has one NIC: only the network all three share.
    const oneNic = pveContext({ hosts: [...ctx.hosts.slice(0, 2), { ...ctx.hosts[2]!, addresses: ctx.hosts[2]!.addresses.slice(0, 1) }] });
    expect(migrationCandidates(pve3Draft(), oneNic).map((c) => c.cidr)).toEqual(["10.99.0.0/24"]);
  });
});

describe("validateWizardStep for a Proxmox VE cluster", () => {
  it("accepts the complete 3-node pve draft", () => {
    expect(validateWizardUpTo(6, pve3Draft(), ctx)).toEqual([]);
  });

  it("step 3: the migration network must be one every node is in; a Pacemaker cluster ignores it", () => {
    const bad = pve3Draft({ network: { migrationCidr: "192.168.7.0/24" } });
    expect(validateWizardStep(3, bad, ctx).map((i) => i.path)).toEqual(["network.migrationCidr"]);
    expect(validateWizardStep(3, pve3Draft({ network: {} }), ctx)).toEqual([]);
    expect(validateWizardStep(3, bad, { ...ctx, kind: "pacemaker" })).toEqual([]);
  });

  it("step 6: no fencing device asked; a hardware watchdog needs its module; the group needs a valid id", () => {
    expect(validateWizardStep(6, pve3Draft({ ha: { pve: {} } }), ctx)).toEqual([]);
    const hw = pve3Draft({ ha: { pve: { watchdog: "hardware", watchdogModule: "" } } });
    expect(validateWizardStep(6, hw, ctx).map((i) => i.path)).toEqual(["ha.pve.watchdogModule"]);
    expect(validateWizardStep(6, pve3Draft({ ha: { pve: { watchdog: "hardware", watchdogModule: "ipmi; reboot" } } }), ctx).map((i) => i.path)).toEqual(["ha.pve.watchdogModule"]);
    const badGroup = pve3Draft({ ha: { pve: { group: { id: "1x", priorities: { lab9: 1 } } } } });
    expect(validateWizardStep(6, badGroup, ctx).map((i) => i.path)).toEqual(["ha.pve.group.id", "ha.pve.group.priorities.lab9"]);
    // The Pacemaker HA checks do not apply: the pve draft has no fencing choice.
    expect(validateWizardStep(6, pve3Draft({ ha: { fencing: null, pve: {} } }), labContext({ kind: "pacemaker" })).map((i) => i.path)).toEqual(["ha.fencing"]);
  });
});

describe("pveStage1FromDraft and ring addresses", () => {
  it("maps links to link0/link1 per node and a DNS-named witness to its first address", () => {
    const input = pveStage1FromDraft(pve3Draft(), ctx);
    expect(input.cluster.nodes[1]).toEqual({ name: "lab2", link0: "10.99.0.12", link1: "10.98.0.12" });
    expect(input).toMatchObject({ kind: "pve", qdevice: null, twoNode: false, migrationCidr: "10.98.0.0/24" });
    const named = pveContext({ hosts: ctx.hosts.map((h) => (h.name === "lab3" ? { ...h, address: "lab3.example" } : h)) });
    const two = pve3Draft({ nodeCount: 2, nodes: ["lab1", "lab2"], quorum: { mode: "qdevice", witness: "lab3" } });
    expect(pveStage1FromDraft(two, named).qdevice).toEqual({ witness: "lab3", witnessAddress: "10.99.0.13" });
    expect(ringAddressesOf(pve3Draft(), "lab3")).toEqual(["10.99.0.13", "10.98.0.13"]);
    expect(ringAddressesOf(pve3Draft({ links: [{ lab1: "10.99.0.11" }] }), "lab2")).toEqual([]);
  });
});
