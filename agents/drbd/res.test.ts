import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { ReportError } from "@/lib/reports/report";
import { parseDrbdRes } from "./parse-res";
import { renderDrbdRes84, renderDrbdRes9 } from "./render-res";
import { ZDrbdResourceConfig, type TDrbdResourceConfigInput } from "./res-model";

const twoHosts: TDrbdResourceConfigInput = {
  name: "r0",
  protocol: "C",
  volumes: [{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/dev/vg0/r0" }],
  hosts: [
    { name: "pve1", address: { host: "10.0.0.1", port: 7789 } },
    { name: "pve2", address: { host: "10.0.0.2", port: 7789 } },
  ],
};

const withOptions: TDrbdResourceConfigInput = {
  ...twoHosts,
  name: "vm-100.disk_1",
  fencing: "resource-only",
  net: {
    cramHmacAlg: "sha1",
    sharedSecret: 'with space "and quote"',
    allowTwoPrimaries: true,
    afterSb0pri: "discard-zero-changes",
    afterSb1pri: "discard-secondary",
    afterSb2pri: "disconnect",
    extra: { "max-buffers": "8000" },
  },
  disk: { resyncRate: "100M", cPlanAhead: 20, cFillTarget: "1M", cMaxRate: "200M", cMinRate: "4M", extra: { "on-io-error": "detach" } },
  startup: { "wfc-timeout": "30" },
  handlers: { "fence-peer": "/usr/lib/drbd/crm-fence-peer.sh", "after-resync-target": "/usr/lib/drbd/crm-unfence-peer.sh" },
};

const twoVolumes: TDrbdResourceConfigInput = {
  ...twoHosts,
  protocol: "A",
  volumes: [
    { volume: 0, device: "/dev/drbd10", minor: 10, disk: "/dev/vg0/a" },
    { volume: 1, device: "/dev/drbd11", minor: 11, disk: "/dev/vg0/b", metaDisk: "/dev/vg0/meta" },
  ],
  hosts: [
    { name: "pve1", address: { host: "10.0.0.1", port: 7790 } },
    { name: "pve2", address: { family: "ipv6", host: "fd00::2", port: 7790 }, volumes: [{ volume: 1, disk: "/dev/vg1/b" }] },
  ],
};

const threeNodes: TDrbdResourceConfigInput = {
  ...withOptions,
  fencing: "resource-and-stonith",
  options: { autoPromote: true, quorum: "majority", onNoQuorum: "io-error", extra: { "quorum-minimum-redundancy": "1" } },
  handlers: { "fence-peer": "/usr/lib/drbd/crm-fence-peer.9.sh", "unfence-peer": "/usr/lib/drbd/crm-unfence-peer.9.sh" },
  hosts: [
    { name: "pve1", nodeId: 0, address: { host: "10.0.0.1", port: 7789 } },
    { name: "pve2", nodeId: 1, address: { host: "10.0.0.2", port: 7789 } },
    { name: "pve3", nodeId: 2, address: { host: "10.0.0.3", port: 7789 }, volumes: [{ volume: 0, disk: null }] },
  ],
  connectionMesh: ["pve1", "pve2", "pve3"],
};

describe("render → parse round trip", () => {
  it.each([
    ["two hosts, defaults", twoHosts],
    ["net/disk/startup/handlers options", withOptions],
    ["two volumes, ipv6, a per-host disk", twoVolumes],
  ])("DRBD 8.4: %s", (_, input) => {
    const model = ZDrbdResourceConfig.parse(input);
    expect(parseDrbdRes(renderDrbdRes84(model))).toEqual({ resources: [model] });
  });

  it.each([
    ["two hosts, defaults", twoHosts],
    ["net/disk/startup/handlers options", withOptions],
    ["two volumes, ipv6, a per-host disk", twoVolumes],
    ["three nodes, quorum, diskless third node, mesh", threeNodes],
  ])("DRBD 9: %s", (_, input) => {
    const model = ZDrbdResourceConfig.parse(input);
    expect(parseDrbdRes(renderDrbdRes9(model))).toEqual({ resources: [model] });
  });
});

describe("renderDrbdRes84", () => {
  it("writes device, disk, meta-disk and address inside each on section and fencing in disk", () => {
    const text = renderDrbdRes84(ZDrbdResourceConfig.parse(withOptions));
    expect(text).toContain(
      "    on pve1 {\n        device /dev/drbd0 minor 0;\n        disk /dev/vg0/r0;\n        meta-disk internal;\n        address ipv4 10.0.0.1:7789;\n    }",
    );
    expect(text).toMatch(/ {4}disk \{\n {8}fencing resource-only;\n {8}resync-rate 100M;/);
    expect(text).toContain('shared-secret "with space \\"and quote\\"";');
    expect(text).not.toContain("node-id");
  });

  it("refuses DRBD 9-only settings with a report naming the field", () => {
    const model = ZDrbdResourceConfig.parse(threeNodes);
    expect(() => renderDrbdRes84(model)).toThrow(ReportError);
    try {
      renderDrbdRes84({ ...model, hosts: model.hosts.slice(0, 2) });
    } catch (e) {
      expect((e as ReportError).report).toMatchObject({ code: "DRBD_RES84_UNSUPPORTED", params: { field: "options.quorum" } });
    }
  });
});

describe("renderDrbdRes9", () => {
  it("writes node-id, connection-mesh, quorum options and fencing in net", () => {
    const text = renderDrbdRes9(ZDrbdResourceConfig.parse(threeNodes));
    expect(text).toContain("    options {\n        auto-promote yes;\n        quorum majority;\n        on-no-quorum io-error;");
    expect(text).toMatch(/ {4}net \{\n {8}protocol C;\n {8}fencing resource-and-stonith;/);
    expect(text).toContain("    on pve3 {\n        node-id 2;\n        address ipv4 10.0.0.3:7789;\n        volume 0 {\n            disk none;\n        }\n    }");
    expect(text).toContain("    connection-mesh {\n        hosts pve1 pve2 pve3;\n    }");
  });
});

describe("parseDrbdRes", () => {
  it("reads comments, quoted names, resource-level 8.4 defaults, 8.3 syncer and flag options", () => {
    const out = parseDrbdRes(`# managed by hand
include "drbd.d/global_common.conf";
global { usage-count no; }
resource "r5" {   # trailing comment
  protocol B;
  syncer { rate 33M; verify-alg sha1; al-extents 257; }
  net { allow-two-primaries; }
  handlers { split-brain "/usr/lib/drbd/notify-split-brain.sh root"; }
  on alpha {
    device /dev/drbd5;
    disk /dev/sdb1;
    address 192.168.1.1:7793;
    meta-disk /dev/sdc1 [0];
  }
  on beta {
    device /dev/drbd5;
    disk /dev/sdc1;
    address 192.168.1.2:7793;
    meta-disk /dev/sdc1 [0];
  }
}
`);
    const r = out.resources[0];
    expect(r?.name).toBe("r5");
    expect(r?.protocol).toBe("B");
    expect(r?.disk.resyncRate).toBe("33M");
    expect(r?.disk.extra).toEqual({ "al-extents": "257" });
    expect(r?.net.extra).toEqual({ "verify-alg": "sha1" });
    expect(r?.net.allowTwoPrimaries).toBe(true);
    expect(r?.handlers["split-brain"]).toBe("/usr/lib/drbd/notify-split-brain.sh root");
    expect(r?.volumes).toEqual([{ volume: 0, device: "/dev/drbd5", minor: 5, disk: "/dev/sdb1", metaDisk: "/dev/sdc1 [0]" }]);
    expect(r?.hosts[1]).toEqual({
      name: "beta",
      nodeId: null,
      address: { family: "ipv4", host: "192.168.1.2", port: 7793 },
      volumes: [{ volume: 0, disk: "/dev/sdc1" }],
    });
  });

  it("derives the device from 'device minor N' and keeps several resources", () => {
    const out = parseDrbdRes(
      "resource a { device minor 3; disk /dev/x; on h1 { address 1.1.1.1:7000; } on h2 { address 1.1.1.2:7000; } }\n" +
        "resource b { volume 0 { device /dev/drbd_b minor 4; disk none; } on h1 { node-id 0; } on h2 { node-id 1; } }\n",
    );
    expect(out.resources.map((r) => r.volumes[0])).toEqual([
      { volume: 0, device: "/dev/drbd3", minor: 3, disk: "/dev/x", metaDisk: "internal" },
      { volume: 0, device: "/dev/drbd_b", minor: 4, disk: null, metaDisk: "internal" },
    ]);
  });

  it.each([
    ["", null, /no resource/],
    ["resource r0 {\n  device /dev/drbd0;\n", 1, /missing '\}'/],
    ["resource r0 {\n  on a { address 1.2.3.4:7000 }\n}\n", 2, /missing ';'/],
    ["resource r0 {\n  net { protocol X; }\n}\n", 2, /protocol must be A, B or C/],
    ["resource r0 {\n  device /dev/drbd0;\n  shared-secret \"open\n}\n", 3, /unterminated string/],
    ["resource r0 {\n  device /dev/mydisk;\n  disk /dev/sdb;\n}\n", 1, /no device minor/],
    ["resource r0 {\n  disk { resync-rate fast; }\n}\n", 2, /resync-rate/],
    ["resource r0 {\n  connection { host a address 1.1.1.1:7000; }\n}\n", 2, /not supported/],
    ["}\n", 1, /without a matching/],
    ["hello world;\n", 1, /expected 'resource NAME/],
  ])("throws ParseError with a line for %j", (text, line, message) => {
    let error: unknown;
    try {
      parseDrbdRes(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(line);
    expect((error as ParseError).message).toMatch(message);
  });

  it("refuses absurd nesting without overflowing the stack", () => {
    expect(() => parseDrbdRes("a {".repeat(100_000))).toThrow(ParseError);
  });

  it("parses 1000 generated resources", () => {
    const text = Array.from(
      { length: 1000 },
      (_, i) => `resource r${i} { device /dev/drbd${i}; disk /dev/vg/r${i}; meta-disk internal;
  on a { node-id 0; address 10.0.0.1:${7000 + i}; }
  on b { node-id 1; address 10.0.0.2:${7000 + i}; } }`,
    ).join("\n");
    const out = parseDrbdRes(text);
    expect(out.resources).toHaveLength(1000);
    expect(out.resources[999]?.volumes[0]?.minor).toBe(999);
    expect(out.resources[999]?.hosts[1]?.address?.port).toBe(7999);
  });
});
