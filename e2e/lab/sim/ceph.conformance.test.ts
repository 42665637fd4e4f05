import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cephMain } from "./src/ceph/ceph-cli";
import { pvecephMain } from "./src/ceph/pveceph-cli";
import { simDisksMain } from "./src/zfs/sim-disks-cli";
import { capture, tempCluster } from "./src/zfs/test-hosts";

// Simulated Ceph output against the real Reef capture from the lab (corpus/lab-captures).
const corpus = path.resolve(import.meta.dirname, "../../..", "../shared/corpus");
const read = (file: string) => {
  if (!existsSync(corpus)) throw new Error(`../shared/corpus is missing (looked in ${corpus})`);
  return readFileSync(path.join(corpus, file), "utf8");
};
const T0 = 1_750_000_000_000;
const ceph = (...args: string[]) => {
  const io = capture();
  cephMain(args, io, T0 + 36_000);
  return io.stdout();
};

describe("ceph simulator conformance", () => {
  beforeAll(() => {
    process.env.SIM_CEPH_FORCE_SIM = "1";
    process.env.SIM_CEPH_ADDR = "10.99.0.11";
    const c = tempCluster();
    c.on("lab1");
    const p = (...a: string[]) => pvecephMain(a, capture(), T0);
    p("install");
    p("init", "--network", "10.99.0.0/24");
    p("mon", "create");
    p("mgr", "create");
    for (const d of ["sdb", "sdc", "sdd"]) {
      simDisksMain(["add", d, "256M"], capture());
      p("osd", "create", `/dev/${d}`);
    }
    p("pool", "create", "rbd", "--pg_num", "8", "--size", "3");
  });

  it("`ceph status -f json` has Reef's top-level and section keys in order", () => {
    const real = JSON.parse(read("lab-captures/ceph-status.json")) as Record<string, Record<string, unknown>>;
    const sim = JSON.parse(ceph("status", "-f", "json")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(sim)).toEqual(Object.keys(real));
    for (const section of ["health", "monmap", "osdmap", "fsmap", "mgrmap", "servicemap"]) {
      expect([section, Object.keys(sim[section] ?? {})]).toEqual([section, Object.keys(real[section] ?? {})]);
    }
    // The io rates appear only while there is client io; the rest matches.
    const ioKeys = ["read_bytes_sec", "write_bytes_sec", "read_op_per_sec", "write_op_per_sec"];
    expect(Object.keys(sim.pgmap ?? {})).toEqual(Object.keys(real.pgmap ?? {}).filter((k) => !ioKeys.includes(k)));
    expect(typeof sim.servicemap?.modified).toBe("string");
    expect(String(sim.servicemap?.modified)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+0000$/);
  });

  it("`ceph -s` has Reef's sections, separators and line prefixes", () => {
    const real = read("lab-captures/ceph-status.txt").split("\n");
    const sim = ceph("-s").split("\n");
    const shape = (lines: string[]) => lines.filter((l) => l !== "" && !/^\s{4}client:/.test(l) && l !== "  io:").map((l) => /^(\s*(?:[a-z]+:\s*)?)/.exec(l)?.[1] ?? "");
    // The capture ends with an io section, which the idle simulation does not print.
    const realShape = shape(real.slice(0, real.indexOf("  io:") - 1));
    expect(shape(sim.slice(0, sim.length - 2))).toEqual(realShape);
    expect(sim[4]).toBe(real[4]); // the " " separator line
    expect(sim.find((l) => l.startsWith("    mon:"))).toBe("    mon: 1 daemons, quorum lab1 (age 36s)");
    expect(sim.find((l) => l.startsWith("    osd:"))).toBe("    osd: 3 osds: 3 up (since 36s), 3 in (since 36s)");
  });
});
