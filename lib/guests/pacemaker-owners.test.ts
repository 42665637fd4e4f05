import { describe, expect, it } from "vitest";
import { pacemakerGuestOwners } from "./pacemaker-owners";

describe("pacemakerGuestOwners", () => {
  it("finds guests by a pve agent's vmid and by a VirtualDomain config path, inside groups too", () => {
    const xml = `<resources>
      <group id="g1"><primitive id="vm-a" class="ocf" provider="pve" type="pve"><instance_attributes id="i1"><nvpair id="n1" name="vmid" value="120"/></instance_attributes></primitive>
        <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="i2"><nvpair id="n2" name="ip" value="10.0.0.5"/></instance_attributes></primitive></group>
      <primitive id="vd" class="ocf" provider="heartbeat" type="VirtualDomain"><instance_attributes id="i3"><nvpair id="n3" name="config" value="/etc/pve/qemu-server/121.conf"/><nvpair id="n4" name="hypervisor" value="qemu:///system"/></instance_attributes></primitive>
      <clone id="c"><primitive id="vm-b" class="ocf" provider="pve" type="pve"><instance_attributes id="i4"><nvpair id="n5" name="vmid" value="120"/></instance_attributes></primitive></clone>
    </resources>`;
    expect(pacemakerGuestOwners(xml)).toEqual({ 120: ["vm-a", "vm-b"], 121: ["vd"] });
  });

  it("knows nothing from an empty section or text that is not XML", () => {
    expect(pacemakerGuestOwners("<resources/>")).toEqual({});
    expect(pacemakerGuestOwners("Could not connect to the CIB: Transport endpoint is not connected")).toEqual({});
  });
});
