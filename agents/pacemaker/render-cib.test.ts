import { describe, expect, it } from "vitest";
import { renderElement } from "./cib-xml";
import { ZPacemakerDesired } from "./desired";
import { parseAgent, renderResources } from "./render-cib";

describe("renderResources", () => {
  it("nests group members and cloned groups, with pcs-style nested ids", () => {
    const d = ZPacemakerDesired.parse({
      primitives: [
        { id: "vip", agent: "ocf:heartbeat:IPaddr2", params: { ip: "10.0.0.5" }, meta: { "migration-threshold": "3" }, ops: [{ name: "monitor", interval: "10s", timeout: "20s" }] },
        { id: "web", agent: "systemd:nginx" },
        { id: "ping", agent: "ocf:pacemaker:ping" },
      ],
      groups: [{ id: "g", members: ["vip", "web"] }],
      clones: [{ id: "ping-clone", child: "ping" }],
      stonith: [{ id: "f1", agent: "fence_dummy", params: { pcmk_host_list: "lab1" } }],
    });
    expect(renderResources(d).map(renderElement)).toEqual([
      '<primitive id="f1" class="stonith" type="fence_dummy"><instance_attributes id="f1-instance_attributes"><nvpair id="f1-instance_attributes-pcmk_host_list" name="pcmk_host_list" value="lab1"/></instance_attributes></primitive>',
      '<group id="g"><primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"><instance_attributes id="vip-instance_attributes"><nvpair id="vip-instance_attributes-ip" name="ip" value="10.0.0.5"/></instance_attributes>' +
        '<meta_attributes id="vip-meta_attributes"><nvpair id="vip-meta_attributes-migration-threshold" name="migration-threshold" value="3"/></meta_attributes>' +
        '<operations><op id="vip-monitor-interval-10s" name="monitor" interval="10s" timeout="20s"/></operations></primitive>' +
        '<primitive id="web" class="systemd" type="nginx"/></group>',
      '<clone id="ping-clone"><primitive id="ping" class="ocf" provider="pacemaker" type="ping"/></clone>',
    ]);
  });

  it("reads agent names", () => {
    expect(parseAgent("ocf:heartbeat:IPaddr2")).toEqual({ standard: "ocf", provider: "heartbeat", type: "IPaddr2" });
    expect(parseAgent("systemd:getty@tty1")).toEqual({ standard: "systemd", provider: null, type: "getty@tty1" });
    expect(parseAgent("ocf:heartbeat")).toBeNull();
    expect(parseAgent("IPaddr2")).toBeNull();
  });
});
