import { describe, expect, it } from "vitest";
import { ZPacemakerDesired, type TPacemakerDesiredInput } from "./desired";
import { validatePacemakerDesired, type TPacemakerValidateContext } from "./validate";
import { LAB_AGENTS } from "./__fixtures__/observed";

const base: TPacemakerDesiredInput = {
  properties: { "stonith-enabled": "false" },
  primitives: [
    { id: "vip", agent: "ocf:heartbeat:IPaddr2", params: { ip: "10.99.0.77", cidr_netmask: "24" }, ops: [{ name: "monitor", interval: "10s" }] },
    { id: "svc", agent: "ocf:pacemaker:Dummy" },
  ],
  groups: [{ id: "g", members: ["vip", "svc"] }],
};
const ctx: TPacemakerValidateContext = { nodes: ["lab1", "lab2", "lab3"], agents: LAB_AGENTS };
const check = (input: TPacemakerDesiredInput, c: TPacemakerValidateContext = ctx) =>
  validatePacemakerDesired(ZPacemakerDesired.parse(input), c).map((r) => [r.severity, r.code, r.params.field]);

describe("validatePacemakerDesired", () => {
  it("accepts an IP + service group with stonith off and no data resources", () => {
    expect(check(base)).toEqual([]);
  });

  it("refuses ids that are not XML ids, and duplicates across kinds", () => {
    expect(check({ ...base, primitives: [{ id: "9vip", agent: "ocf:pacemaker:Dummy" }, { id: "a b", agent: "ocf:pacemaker:Dummy" }], groups: [] })).toEqual([
      ["error", "PACEMAKER_INVALID_ID", "primitives.0.id"],
      ["error", "PACEMAKER_INVALID_ID", "primitives.1.id"],
    ]);
    expect(check({ ...base, locations: [{ id: "svc", rsc: "g", node: "lab1", score: "50" }] })).toEqual([["error", "PACEMAKER_DUPLICATE_ID", "locations.0.id"]]);
  });

  it("refuses an agent that is malformed or not installed", () => {
    expect(check({ ...base, primitives: [{ id: "x", agent: "heartbeat:IPaddr2" }, { id: "y", agent: "ocf:heartbeat:Nope" }], groups: [] })).toEqual([
      ["error", "PACEMAKER_INVALID_AGENT", "primitives.0.agent"],
      ["error", "PACEMAKER_UNKNOWN_AGENT", "primitives.1.agent"],
    ]);
    expect(check({ ...base, stonith: [{ id: "f1", agent: "fence_nosuch" }] })).toEqual([["error", "PACEMAKER_UNKNOWN_AGENT", "stonith.0.agent"]]);
  });

  it("does not check installed agents when the list is unknown", () => {
    expect(check({ ...base, primitives: [{ id: "y", agent: "ocf:heartbeat:Nope" }], groups: [] }, { agents: null })).toEqual([]);
  });

  it("refuses a bad IP and netmask for IPaddr2", () => {
    const bad = (params: Record<string, string>) => check({ primitives: [{ id: "vip", agent: "ocf:heartbeat:IPaddr2", params }], properties: { "stonith-enabled": "false" } });
    expect(bad({ ip: "10.99.0.300" })).toEqual([["error", "PACEMAKER_BAD_IP", "primitives.0.params.ip"]]);
    expect(bad({})).toEqual([["error", "PACEMAKER_BAD_IP", "primitives.0.params.ip"]]);
    expect(bad({ ip: "10.0.0.1", cidr_netmask: "33" })).toEqual([["error", "PACEMAKER_BAD_NETMASK", "primitives.0.params.cidr_netmask"]]);
    expect(bad({ ip: "fd00::1", cidr_netmask: "64" })).toEqual([]);
  });

  it("finds an order cycle, also one closed by a group's own start order", () => {
    expect(
      check({
        ...base,
        groups: [],
        orders: [
          { id: "o1", first: "vip", then: "svc" },
          { id: "o2", first: "svc", then: "vip" },
        ],
      }),
    ).toEqual([["error", "PACEMAKER_ORDER_CYCLE", "orders.1.then"]]);
    const viaGroup = validatePacemakerDesired(ZPacemakerDesired.parse({ ...base, orders: [{ id: "back", first: "svc", then: "vip" }] }), ctx);
    expect(viaGroup.map((r) => [r.code, r.params.field, r.params.cycle])).toEqual([["PACEMAKER_ORDER_CYCLE", "orders.0.then", ["svc", "vip", "svc"]]]);
  });

  it("refuses constraints to resources that exist nowhere, but accepts ones already in the cluster", () => {
    const colo = { ...base, colocations: [{ id: "c", rsc: "g", withRsc: "db" }] };
    expect(check(colo)).toEqual([["error", "PACEMAKER_UNKNOWN_RESOURCE", "colocations.0.withRsc"]]);
    expect(check(colo, { ...ctx, existingResourceIds: ["db"] })).toEqual([]);
    expect(check({ ...base, groups: [{ id: "g", members: ["vip", "ghost"] }] })).toEqual([["error", "PACEMAKER_UNKNOWN_RESOURCE", "groups.0.members.1"]]);
  });

  it("refuses a location on a node outside the cluster, bad scores and roles on non-promotable resources", () => {
    expect(check({ ...base, locations: [{ id: "l", rsc: "g", node: "lab9", score: "abc" }] })).toEqual([
      ["error", "PACEMAKER_INVALID_SCORE", "locations.0.score"],
      ["error", "PACEMAKER_UNKNOWN_NODE", "locations.0.node"],
    ]);
    expect(check({ ...base, primitives: [...(base.primitives ?? []), { id: "other", agent: "ocf:pacemaker:Dummy" }], colocations: [{ id: "c", rsc: "g", withRsc: "other", withRscRole: "Promoted" }] })).toEqual([
      ["error", "PACEMAKER_ROLE_NOT_PROMOTABLE", "colocations.0.withRscRole"],
    ]);
  });

  it("refuses two monitors with one interval and operations that do not exist", () => {
    expect(
      check({
        primitives: [{ id: "p", agent: "ocf:pacemaker:Dummy", ops: [{ name: "monitor", interval: "10s" }, { name: "monitor", interval: "10s", role: "Promoted" }, { name: "explode", interval: "soon" }] }],
        properties: { "stonith-enabled": "false" },
      }),
    ).toEqual([
      ["error", "PACEMAKER_DUPLICATE_MONITOR", "primitives.0.ops.1.interval"],
      ["error", "PACEMAKER_INVALID_OP", "primitives.0.ops.2.name"],
      ["error", "PACEMAKER_INVALID_INTERVAL", "primitives.0.ops.2.interval"],
    ]);
  });

  it("warns loudly when stonith is off and resources hold data; refuses stonith on without a device", () => {
    const data: TPacemakerDesiredInput = {
      properties: { "stonith-enabled": "false" },
      primitives: [{ id: "fs", agent: "ocf:heartbeat:Filesystem", params: { device: "/dev/drbd0", directory: "/srv", fstype: "ext4" } }],
    };
    const reports = validatePacemakerDesired(ZPacemakerDesired.parse(data), ctx);
    expect(reports.map((r) => [r.severity, r.code, r.params.field])).toEqual([["warning", "PACEMAKER_STONITH_OFF_WITH_DATA", "properties.stonith-enabled"]]);
    expect(reports[0]?.message).toMatch(/^STONITH IS OFF while fs hold data/);
    expect(check({ ...data, properties: {} }, { ...ctx, stonithEnabled: true })).toEqual([["error", "PACEMAKER_STONITH_NO_DEVICE", "stonith"]]);
    expect(check({ ...data, properties: {} }, { ...ctx, stonithEnabled: true, existingStonithDevices: 1 })).toEqual([]);
    expect(check({ ...data, properties: { "stonith-enabled": "true" }, stonith: [{ id: "f", agent: "fence_ipmilan", params: { ip: "10.0.0.9" } }] })).toEqual([]);
  });

  it("gives no-quorum-policy guidance by node count", () => {
    const ignore = (nodes: string[]) => validatePacemakerDesired(ZPacemakerDesired.parse({ properties: { "stonith-enabled": "false", "no-quorum-policy": "ignore" } }), { nodes });
    expect(ignore(["a", "b"]).map((r) => [r.severity, r.code, r.params.nodes])).toEqual([["warning", "PACEMAKER_NO_QUORUM_IGNORE", 2]]);
    expect(ignore(["a", "b"])[0]?.message).toContain("two_node");
    expect(ignore(["a", "b", "c"])[0]?.message).toContain("majority");
    expect(check({ properties: { "stonith-enabled": "false", "no-quorum-policy": "suicide" } })).toEqual([["error", "PACEMAKER_SUICIDE_WITHOUT_STONITH", "properties.no-quorum-policy"]]);
    expect(check({ properties: { "stonith-enabled": "false", "no-quorum-policy": "maybe" } })).toEqual([["error", "PACEMAKER_INVALID_VALUE", "properties.no-quorum-policy"]]);
  });

  it("refuses drbd outside a promotable clone and attribute names that cannot be ids", () => {
    expect(check({ properties: { "stonith-enabled": "false" }, primitives: [{ id: "d", agent: "ocf:linbit:drbd", params: { drbd_resource: "r0" } }] })).toEqual([
      ["error", "PACEMAKER_DRBD_NOT_PROMOTABLE", "primitives.0.id"],
      ["warning", "PACEMAKER_STONITH_OFF_WITH_DATA", "properties.stonith-enabled"],
    ]);
    expect(check({ ...base, primitives: [{ id: "vip", agent: "ocf:pacemaker:Dummy", params: { "bad name": "x", ok: "a\nb" } }, { id: "svc", agent: "ocf:pacemaker:Dummy" }] })).toEqual([
      ["error", "PACEMAKER_INVALID_NAME", "primitives.0.params.bad name"],
      ["error", "PACEMAKER_INVALID_VALUE", "primitives.0.params.ok"],
    ]);
  });

  it("reports a malformed desired object per field instead of throwing", () => {
    const reports = validatePacemakerDesired({ primitives: [{ id: 5 }] } as never);
    expect(reports.map((r) => [r.code, r.params.field])).toEqual([
      ["PACEMAKER_CONFIG_INVALID", "primitives.0.id"],
      ["PACEMAKER_CONFIG_INVALID", "primitives.0.agent"],
    ]);
  });
});
