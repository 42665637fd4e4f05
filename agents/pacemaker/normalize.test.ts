import { describe, expect, it } from "vitest";

import { normalizeAgent, normalizeRole, parseOpKey, parseReadableInterval } from "./normalize";

describe("parseOpKey", () => {
  it("splits resource ids that contain underscores", () => {
    expect(parseOpKey("p_vip_monitor_10000")).toEqual({ resource: "p_vip", operation: "monitor", intervalMs: 10000 });
    expect(parseOpKey("rsc_sap_NW1_ERS02_monitor_11000")).toEqual({
      resource: "rsc_sap_NW1_ERS02",
      operation: "monitor",
      intervalMs: 11000,
    });
  });

  it("keeps tasks that contain underscores whole", () => {
    expect(parseOpKey("vm_web_migrate_to_0")).toEqual({ resource: "vm_web", operation: "migrate_to", intervalMs: 0 });
    expect(parseOpKey("vm_web_migrate_from_0")).toEqual({ resource: "vm_web", operation: "migrate_from", intervalMs: 0 });
    expect(parseOpKey("p_drbd_r0_post_notify_start_0")).toEqual({ resource: "p_drbd_r0", operation: "notify", intervalMs: 0 });
    expect(parseOpKey("p_drbd_r0_confirmed-pre_notify_promote_0")?.operation).toBe("notify");
  });

  it("uses a known task to find the split", () => {
    expect(parseOpKey("a_b_monitor_5000", "monitor")).toEqual({ resource: "a_b", operation: "monitor", intervalMs: 5000 });
  });

  it("returns null for strings that are not op keys", () => {
    expect(parseOpKey("nfs-server")).toBeNull();
    expect(parseOpKey("_monitor_0")).toBeNull();
    expect(parseOpKey("monitor_0")).toBeNull();
  });
});

describe("parseReadableInterval", () => {
  it("reads Pacemaker 2.1 readable intervals", () => {
    expect(parseReadableInterval("1m")).toBe(60_000);
    expect(parseReadableInterval("1m30s")).toBe(90_000);
    expect(parseReadableInterval("500ms")).toBe(500);
    expect(parseReadableInterval("2h")).toBe(7_200_000);
    expect(parseReadableInterval("soon")).toBeNull();
  });
});

describe("normalizeAgent / normalizeRole", () => {
  it("writes agents as class:provider:type", () => {
    expect(normalizeAgent("ocf::heartbeat:IPaddr2")).toBe("ocf:heartbeat:IPaddr2");
    expect(normalizeAgent("ocf:heartbeat:IPaddr2")).toBe("ocf:heartbeat:IPaddr2");
    expect(normalizeAgent("stonith:fence_ipmilan")).toBe("stonith:fence_ipmilan");
    expect(normalizeAgent("systemd:kubelet")).toBe("systemd:kubelet");
  });

  it("uses Pacemaker 2.1 role names", () => {
    expect(["Master", "Slave", "stopped", "Promoted", "Starting"].map(normalizeRole)).toEqual([
      "Promoted",
      "Unpromoted",
      "Stopped",
      "Promoted",
      "Starting",
    ]);
  });
});
