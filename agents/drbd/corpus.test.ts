import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import type { TDrbdStatus } from "./model";
import { parseDrbdEvents2 } from "./parse-drbd-events2";
import { parseDrbdStatusText } from "./parse-drbd-status";
import { parseDrbdStatusJson } from "./parse-drbd-status-json";
import { parseProcDrbd } from "./parse-proc-drbd";
import { parseDrbdRes } from "./parse-res";
import { validateDrbdResource } from "./validate";

// Real outputs from ../shared/corpus, read in place (they are others' data and stay out of the repo).
const CORPUS = path.resolve(import.meta.dirname, "../..", "../shared/corpus");

function corpus(file: string): string {
  if (!existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked for ${CORPUS})`);
  return readFileSync(path.join(CORPUS, file), "utf8");
}

// One line per connection volume: what an admin reads off the output.
function summary(s: TDrbdStatus): string[] {
  return s.resources.flatMap((r) =>
    r.connections.flatMap((c) =>
      c.volumes.map(
        (v) =>
          `${r.name ?? `minor${r.volumes[0]?.minor}`} ${r.role} ${r.volumes.find((l) => l.volume === v.volume)?.disk}` +
          ` | ${c.peer ?? "-"} ${c.state} ${c.peerRole} v${v.volume} ${v.peerDisk} ${v.replication ?? "-"} ${v.syncPercent ?? "-"}`,
      ),
    ),
  );
}

describe("corpus folder", () => {
  it("exists beside the project", () => {
    expect(existsSync(CORPUS), `../shared/corpus is missing (looked for ${CORPUS})`).toBe(true);
  });
});

describe("proc-drbd corpus", () => {
  const cases: [string, string | null, string[]][] = [
    ["drbd-proc/ganeti-proc_drbd80-emptyline.txt", "8.0.12", ["minor0 Primary UpToDate | - Connected Secondary v0 UpToDate - -"]],
    [
      "drbd-proc/ganeti-proc_drbd80-multi.txt",
      "8.0.12",
      [
        "minor0 Primary UpToDate | - Connected Secondary v0 UpToDate - -",
        "minor1 Secondary UpToDate | - Connected Primary v0 UpToDate - -",
        "minor4 Primary UpToDate | - WFConnection Unknown v0 DUnknown - -",
        "minor5 Primary UpToDate | - Connected Secondary v0 Diskless - -",
        "minor6 Secondary Diskless | - Connected Primary v0 UpToDate - -",
        "minor7 Secondary UpToDate | - WFConnection Unknown v0 DUnknown - -",
        "minor8 Secondary UpToDate | - StandAlone Unknown v0 DUnknown - -",
      ],
    ],
    ["drbd-proc/ganeti-proc_drbd80-noversion.txt", null, ["minor0 Primary UpToDate | - Connected Secondary v0 UpToDate - -"]],
    [
      "drbd-proc/ganeti-proc_drbd83-synctarget-want.txt",
      "8.3.11",
      ["minor0 Secondary Inconsistent | - SyncTarget Primary v0 UpToDate SyncTarget 44.4"],
    ],
    [
      "drbd-proc/ganeti-proc_drbd83-synctarget.txt",
      "8.3.1",
      [
        "minor0 Primary UpToDate | - Connected Secondary v0 UpToDate - -",
        "minor1 Secondary UpToDate | - Connected Primary v0 UpToDate - -",
        "minor3 Primary Inconsistent | - SyncTarget Secondary v0 UpToDate SyncTarget 34.9",
        "minor4 Primary UpToDate | - WFConnection Unknown v0 DUnknown - -",
      ],
    ],
    [
      "drbd-proc/ganeti-proc_drbd84-multi.txt",
      "8.4.2",
      [
        "minor0 Primary UpToDate | - Connected Secondary v0 UpToDate - -",
        "minor1 Secondary UpToDate | - Connected Primary v0 UpToDate - -",
        "minor4 Primary UpToDate | - WFConnection Unknown v0 DUnknown - -",
        "minor6 Secondary Diskless | - Connected Primary v0 UpToDate - -",
        "minor8 Secondary UpToDate | - StandAlone Unknown v0 DUnknown - -",
      ],
    ],
    [
      "drbd-proc/ganeti-proc_drbd84-syncsource.txt",
      "8.4.2",
      [
        "minor0 Primary UpToDate | - StandAlone Unknown v0 DUnknown - -",
        "minor5 Secondary UpToDate | - SyncSource Secondary v0 Inconsistent SyncSource 68.5",
      ],
    ],
    ["drbd-proc/icicimov-proc_drbd-8.4.7-secondary-primary.txt", "8.4.7-1", ["minor0 Secondary UpToDate | - Connected Primary v0 UpToDate - -"]],
    [
      "drbd-proc/linbit-ug84-proc_drbd-8.4.0-3minors.txt",
      "8.4.0",
      [
        "minor0 Secondary UpToDate | - Connected Secondary v0 UpToDate - -",
        "minor1 Primary UpToDate | - Connected Secondary v0 UpToDate - -",
        "minor2 Secondary UpToDate | - Connected Primary v0 UpToDate - -",
      ],
    ],
    ["drbd-proc/linbit-ug84-proc_drbd-8.4.1-secondary-primary.txt", "8.4.1", ["minor0 Secondary UpToDate | - Connected Primary v0 UpToDate - -"]],
    [
      "drbd-proc/trinity651-proc_drbd-8.4.6-wfconnection-inconsistent.txt",
      "8.4.6",
      ["minor1 Secondary Inconsistent | - WFConnection Unknown v0 DUnknown - -"],
    ],
  ];
  it.each(cases)("%s", (file, version, expected) => {
    const out = parseProcDrbd(corpus(file));
    expect(out.version).toBe(version);
    expect(summary(out)).toEqual(expected);
  });

  it("reads the extra sync figures and protocol letters", () => {
    const want = parseProcDrbd(corpus("drbd-proc/ganeti-proc_drbd83-synctarget-want.txt")).resources[0]?.connections[0];
    expect(want?.protocol).toBe("C");
    expect(want?.volumes[0]).toMatchObject({ outOfSyncKiB: 588416, syncSpeedKiBps: 65736, etaSeconds: 8 });
    const m = parseProcDrbd(corpus("drbd-proc/ganeti-proc_drbd83-synctarget.txt")).resources[2]?.connections[0]?.volumes[0];
    expect(m).toMatchObject({ outOfSyncKiB: 346112, syncSpeedKiBps: 59392, etaSeconds: 5 });
    const standalone = parseProcDrbd(corpus("drbd-proc/ganeti-proc_drbd84-syncsource.txt")).resources[0]?.connections[0];
    expect(standalone).toMatchObject({ protocol: null, volumes: [expect.objectContaining({ outOfSyncKiB: 1048320 })] });
    const trinity = parseProcDrbd(corpus("drbd-proc/trinity651-proc_drbd-8.4.6-wfconnection-inconsistent.txt"));
    expect(trinity.resources[0]?.connections[0]?.volumes[0]?.outOfSyncKiB).toBe(40448704);
  });
});

describe("drbd-status corpus", () => {
  const cases: [string, string[]][] = [
    [
      "drbd9-status/crowbar1238-drbdadm-status-1-connecting-inconsistent.txt",
      ["postgresql Secondary Inconsistent | d52-54-77-77-01-01 Connecting Unknown v0 DUnknown Off -"],
    ],
    [
      "drbd9-status/crowbar1238-drbdadm-status-3-uptodate.txt",
      ["postgresql Secondary UpToDate | d52-54-77-77-01-01 Connected Primary v0 UpToDate Established -"],
    ],
    [
      "drbd9-status/icicimov-drbdadm-status-9.0.2-primary-primary.txt",
      [
        "r0 Primary UpToDate | proxmox02 Connected Primary v0 UpToDate Established -",
        "r1 Primary UpToDate | proxmox02 Connected Primary v0 UpToDate Established -",
      ],
    ],
    [
      "drbd9-status/icicimov-drbdadm-status-9.0.2-syncsource-2res.txt",
      [
        "r0 Primary UpToDate | proxmox02 Connected Secondary v0 Inconsistent SyncSource 85.82",
        "r1 Primary UpToDate | proxmox02 Connected Secondary v0 Inconsistent SyncSource 7.86",
      ],
    ],
    [
      "drbd9-status/linbit-ug9-drbdsetup-status-verbose-statistics-LINEBROKEN.txt",
      [
        "home Secondary UpToDate | nina Connected Secondary v0 UpToDate Established -",
        "home Secondary UpToDate | nino Connected Secondary v0 UpToDate Established -",
        "home Secondary UpToDate | nono Connecting Unknown v0 DUnknown Off -",
      ],
    ],
    [
      "drbd9-status/linstor203-drbdadm-status-inconsistent-no-replication.txt",
      [
        "one-vm-7707-disk-0 Secondary Inconsistent | m10c41 Connected Secondary v0 UpToDate Established -",
        "one-vm-7707-disk-0 Secondary Inconsistent | m11c4 Connected Primary v0 Diskless Established -",
      ],
    ],
    [
      "drbd9-status/linstor218-drbdsetup-status-verbose-statistics-synctarget.txt",
      [
        "one-vm-9120-disk-0 Secondary Inconsistent | m14c19 Connected Secondary v0 UpToDate SyncTarget -",
        "one-vm-9120-disk-0 Secondary Inconsistent | m14c36 Connected Primary v0 Diskless Established -",
      ],
    ],
    [
      "drbd9-status/salt-drbdadm-status-2vol-peer-inconsistent.txt",
      [
        "beijing Primary UpToDate | node2 Connected Secondary v0 Inconsistent Established -",
        "beijing Primary UpToDate | node2 Connected Secondary v1 UpToDate Established -",
        "beijing Primary UpToDate | node3 Connected Secondary v0 UpToDate Established -",
        "beijing Primary UpToDate | node3 Connected Secondary v1 UpToDate Established -",
      ],
    ],
    [
      "drbd9-status/salt-drbdadm-status-syncsource-96.47.txt",
      ["single Primary UpToDate | opensuse-node2 Connected Secondary v0 Inconsistent SyncSource 96.47"],
    ],
  ];
  it.each(cases)("%s", (file, expected) => {
    const out = parseDrbdStatusText(corpus(file));
    expect(out.version).toBeNull();
    expect(summary(out)).toEqual(expected);
  });

  it("reads node ids, minors, sizes and quorum from verbose output", () => {
    const guide = parseDrbdStatusText(corpus("drbd9-status/linbit-ug9-drbdsetup-status-verbose-statistics-LINEBROKEN.txt"));
    expect(guide.resources[0]).toMatchObject({ nodeId: 1, suspended: false });
    expect(guide.resources[0]?.volumes[0]).toMatchObject({ minor: 0, sizeKiB: 1048412 });
    expect(guide.resources[0]?.connections.map((c) => c.peerNodeId)).toEqual([0, 2, 3]);
    const linstor = parseDrbdStatusText(corpus("drbd9-status/linstor218-drbdsetup-status-verbose-statistics-synctarget.txt"));
    expect(linstor.resources[0]).toMatchObject({ nodeId: 1, quorum: true });
    expect(linstor.resources[0]?.volumes[0]).toMatchObject({ minor: 2796, sizeKiB: 41946328 });
    expect(linstor.resources[0]?.connections[0]?.volumes[0]?.outOfSyncKiB).toBe(0);
  });
});

describe("drbd-status-json corpus", () => {
  it("drbd9-json/hace-drbdsetup-status-json-2res.json", () => {
    const out = parseDrbdStatusJson(corpus("drbd9-json/hace-drbdsetup-status-json-2res.json"));
    expect(summary(out)).toEqual([
      "1-single-0 Secondary UpToDate | SLE15-sp1-gm-drbd1145296-node1 Connected Primary v0 UpToDate Established -",
      "1-single-1 Secondary UpToDate | SLE15-sp1-gm-drbd1145296-node1 Connected Primary v0 UpToDate Established -",
    ]);
    expect(out.resources.map((r) => [r.nodeId, r.quorum, r.volumes[0]?.minor, r.volumes[0]?.sizeKiB])).toEqual([
      [2, true, 2, 409600],
      [2, false, 3, 10200],
    ]);
    expect(out.resources[0]?.connections[0]?.peerNodeId).toBe(1);
  });

  it("drbd9-json/salt-drbdsetup-status-json-9.0.16-connected.json", () => {
    const out = parseDrbdStatusJson(corpus("drbd9-json/salt-drbdsetup-status-json-9.0.16-connected.json"));
    expect(summary(out)).toEqual(["beijing Primary UpToDate | salt-node3 Connected Secondary v0 UpToDate Established -"]);
    expect(out.resources[0]).toMatchObject({ nodeId: 1, suspended: false, quorum: true });
    expect(out.resources[0]?.connections[0]?.volumes[0]?.outOfSyncKiB).toBe(0);
  });
});

describe("drbd-events2 corpus", () => {
  const cases: [string, string[]][] = [
    [
      "drbd9-events2/drbdutils-golden-events2-diff.txt",
      ["some-resource Primary UpToDate | some-peer Connected Secondary v0 UpToDate Established -"],
    ],
    [
      "drbd9-events2/drbdutils-golden-events2-sync-done.txt",
      ["some-resource Secondary UpToDate | some-peer Connected Secondary v0 Inconsistent SyncSource 37.5"],
    ],
    [
      "drbd9-events2/linbit-ug9-events2-now-2vol.txt",
      [
        "r0 Secondary UpToDate | remote-host Connected Secondary v0 UpToDate Established -",
        "r0 Secondary UpToDate | remote-host Connected Secondary v1 UpToDate Established -",
      ],
    ],
    [
      "drbd9-events2/linbit-ug9-events2-statistics-now-LINEBROKEN.txt",
      [
        "r0 Secondary UpToDate | remote-host Connected Secondary v0 UpToDate Established -",
        "r0 Secondary UpToDate | remote-host Connected Secondary v1 UpToDate Established -",
      ],
    ],
  ];
  it.each(cases)("%s", (file, expected) => {
    expect(summary(parseDrbdEvents2(corpus(file)))).toEqual(expected);
  });

  it("drbd9-events2/linbit-ug9-events2-change-stream.txt (EXCERPT: no resource record, no devices)", () => {
    const out = parseDrbdEvents2(corpus("drbd9-events2/linbit-ug9-events2-change-stream.txt"));
    expect(out.resources).toHaveLength(1);
    expect(out.resources[0]).toMatchObject({ name: "r0", role: "Unknown", volumes: [] });
    expect(out.resources[0]?.connections).toEqual([
      { peer: "remote-host", peerNodeId: 1, state: "Connecting", peerRole: "Unknown", protocol: null, volumes: [] },
    ]);
  });

  it("reads minors, quorum and statistics", () => {
    const diff = parseDrbdEvents2(corpus("drbd9-events2/drbdutils-golden-events2-diff.txt")).resources[0];
    expect(diff?.volumes[0]).toMatchObject({ minor: 1000, quorum: true });
    const stats = parseDrbdEvents2(corpus("drbd9-events2/linbit-ug9-events2-statistics-now-LINEBROKEN.txt")).resources[0];
    expect(stats?.volumes.map((v) => [v.minor, v.sizeKiB])).toEqual([
      [7, 6291228],
      [8, 104854364],
    ]);
    expect(stats?.connections[0]?.volumes.map((v) => v.outOfSyncKiB)).toEqual([0, 0]);
  });
});

// Lab captures: .res files validated by drbdadm 9.22 / drbdadm-84, and broken ones it refused.
describe("drbd-res lab captures", () => {
  it("lab-captures/drbd-configs/r0-drbd9.res", () => {
    const [r] = parseDrbdRes(corpus("lab-captures/drbd-configs/r0-drbd9.res")).resources;
    expect(r).toMatchObject({ name: "r0", protocol: "C", connectionMesh: ["lab1", "lab2", "lab3"] });
    expect(r?.options).toMatchObject({ autoPromote: true, quorum: "majority", onNoQuorum: "io-error" });
    expect(r?.net).toMatchObject({ cramHmacAlg: "sha256", sharedSecret: "labsecret" });
    expect(r?.volumes).toEqual([{ volume: 0, device: "/dev/drbd0", minor: 0, disk: "/dev/loop0", metaDisk: "internal" }]);
    expect(r?.hosts.map((h) => [h.name, h.nodeId, h.address?.host, h.address?.port, h.volumes])).toEqual([
      ["lab1", 0, "10.99.0.11", 7789, []],
      ["lab2", 1, "10.99.0.12", 7789, []],
      ["lab3", 2, "10.99.0.13", 7789, [{ volume: 0, disk: null }]],
    ]);
    expect(validateDrbdResource(r!)).toEqual([]);
  });

  it("lab-captures/drbd-configs/r1-drbd84.res", () => {
    const [r] = parseDrbdRes(corpus("lab-captures/drbd-configs/r1-drbd84.res")).resources;
    expect(r).toMatchObject({ name: "r1", protocol: "C" });
    expect(r?.net).toMatchObject({
      cramHmacAlg: "sha1",
      afterSb0pri: "discard-zero-changes",
      afterSb1pri: "discard-secondary",
      afterSb2pri: "disconnect",
    });
    expect(r?.hosts.map((h) => [h.name, h.nodeId, h.address?.port])).toEqual([
      ["lab1", null, 7790],
      ["lab2", null, 7790],
    ]);
    expect(validateDrbdResource(r!)).toEqual([]);
  });

  it.each([
    ["lab-captures/drbd84-validate.txt", "### drbdadm dump r1", "r1"],
    ["lab-captures/drbd84-validate.txt", "### /usr/lib/drbd/drbdadm-84 dump r1", "r1"],
    ["lab-captures/drbd9-validate.txt", "### drbdadm dump r0", "r0"],
  ])("%s: the '%s' output reads back to the same resource as its source file", (file, marker, name) => {
    const text = corpus(file);
    const start = text.indexOf(marker) + marker.length;
    const dump = text.slice(start, text.indexOf("[rc=", start)).replace(/^modinfo:.*$/gm, "");
    const source = corpus(`lab-captures/drbd-configs/${name === "r0" ? "r0-drbd9.res" : "r1-drbd84.res"}`);
    const fromDump = parseDrbdRes(dump).resources[0];
    const fromSource = parseDrbdRes(source).resources[0];
    // drbdadm 9 adds node ids to the 8.4 file when it dumps it.
    expect({ ...fromDump, hosts: fromDump?.hosts.map((h) => ({ ...h, nodeId: fromSource?.hosts.find((s) => s.name === h.name)?.nodeId })) }).toEqual(
      fromSource,
    );
  });

  it.each([
    ["lab-captures/drbd-configs/r2-broken.res", 7],
    ["lab-captures/drbd-configs/broken/1-missing-brace.conf", 1],
    ["lab-captures/drbd-configs/broken/2-bad-protocol.conf", 3],
  ])("%s is refused with a ParseError at line %i", (file, line) => {
    let error: unknown;
    try {
      parseDrbdRes(corpus(file));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(line);
  });

  // Well-formed files drbdadm rejects (or should): they parse, and the validator or drbdadm finds the fault.
  it.each([
    ["3-dup-nodeid-addr.conf", ["DRBD_NODE_ID_DUPLICATE", "DRBD_PORT_DUPLICATE"]],
    ["4-unknown-keyword.conf", []],
    ["5-host-not-in-config.conf", []],
    ["6-missing-address.conf", ["DRBD_ADDRESS_MISSING"]],
    ["8-bad-option-value.conf", []],
    ["9-three-hosts-no-nodeid.conf", ["DRBD_NODE_ID_MISSING", "DRBD_NODE_ID_MISSING", "DRBD_NODE_ID_MISSING", "DRBD_CONNECTION_MESH_MISSING"]],
  ])("broken/%s parses; validator reports %j", (file, codes) => {
    const [r] = parseDrbdRes(corpus(`lab-captures/drbd-configs/broken/${file}`)).resources;
    expect(r?.name).toBe("r2");
    expect(validateDrbdResource(r!).map((x) => x.code)).toEqual(codes);
  });

  it("broken/7-dup-minor.conf parses two resources whose minor collides", () => {
    const { resources } = parseDrbdRes(corpus("lab-captures/drbd-configs/broken/7-dup-minor.conf"));
    expect(resources.map((r) => [r.name, r.volumes[0]?.minor])).toEqual([
      ["r2", 2],
      ["r3", 2],
    ]);
    const [r2, r3] = resources;
    expect(validateDrbdResource(r3!, [r2!]).map((x) => x.code)).toEqual(["DRBD_MINOR_IN_USE", "DRBD_MINOR_IN_USE"]);
  });

  it("broken/4 and broken/8 keep the unknown or bad options for drbdadm to judge", () => {
    const [unknown] = parseDrbdRes(corpus("lab-captures/drbd-configs/broken/4-unknown-keyword.conf")).resources;
    expect(unknown?.net.extra).toEqual({ frobnicate: "yes" });
    const [bad] = parseDrbdRes(corpus("lab-captures/drbd-configs/broken/8-bad-option-value.conf")).resources;
    expect(bad?.net.extra).toEqual({ "max-buffers": "abc", "ping-timeout": "999999" });
  });

  // Not parsed: drbd-env.txt is drbdadm's environment dump plus global_common.conf (no resource),
  // and drbd9-validate.txt's `drbdadm status` sections are error messages (no kernel module).
  it("drbd-env.txt holds no resource section", () => {
    const env = corpus("lab-captures/drbd-env.txt");
    expect(env).toContain("DRBDADM_VERSION=9.22.0");
    expect(() => parseDrbdRes(env)).toThrow(ParseError);
  });
});
