import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseDrbdEvents2 } from "@/agents/drbd/parse-drbd-events2";
import { parseDrbdStatusText } from "@/agents/drbd/parse-drbd-status";
import { parseDrbdStatusJson } from "@/agents/drbd/parse-drbd-status-json";
import { parseProcDrbd } from "@/agents/drbd/parse-proc-drbd";

// Two simulated hosts (lab1, lab2) share one SIM_SHARED_DIR; each command runs the built
// simulator binaries as the lab would. SIM_DRBD_REACHABLE stands in for `lab cut` / `lab heal`.

const sim = path.resolve(import.meta.dirname, "../..");
const bin = path.join(sim, "bin");
let dir = "";

beforeAll(() => {
  execFileSync("npx", ["tsx", path.join(sim, "build.ts")], { stdio: "ignore" });
}, 60_000);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "sim-drbd-"));
  writeFileSync(path.join(dir, "disk0"), "");
  execFileSync("truncate", ["-s", "64M", path.join(dir, "disk0")]);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

type TRun = { code: number; out: string; err: string };

function run(host: string, argv: string[], opts: { reach?: string; rate?: number; input?: string } = {}): TRun {
  const [cmd, ...args] = argv as [string, ...string[]];
  const r = spawnSync(existsSync(path.join(bin, cmd)) ? path.join(bin, cmd) : cmd, args, {
    encoding: "utf8",
    input: opts.input ?? "",
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      SIM_HOSTNAME: host,
      __DRBD_NODE__: host,
      SIM_STATE_DIR: path.join(dir, `state-${host}`),
      SIM_SHARED_DIR: path.join(dir, "shared"),
      SIM_DRBD_REACHABLE: opts.reach ?? "*",
      SIM_DRBD_SYNC_KIBPS: String(opts.rate ?? 1_000_000),
    },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function ok(host: string, argv: string[], opts: { reach?: string; rate?: number } = {}): string {
  const r = run(host, argv, opts);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return r.out;
}

const peerOf = (h: string) => (h === "lab1" ? { id: "1", name: "lab2", port: 7790 } : { id: "0", name: "lab1", port: 7789 });

// What `drbdadm up r0` issues for a two-node config (see `drbdadm -d up r0`).
function up(host: string, opts: { reach?: string } = {}): void {
  const me = host === "lab1" ? { id: "0", port: 7789 } : { id: "1", port: 7790 };
  const p = peerOf(host);
  const disk = path.join(dir, "disk0");
  ok(host, ["drbdsetup", "new-resource", "r0", me.id], opts);
  ok(host, ["drbdsetup", "new-minor", "r0", "0", "0"], opts);
  ok(host, ["drbdsetup", "new-peer", "r0", p.id, `--_name=${p.name}`, "--protocol=C"], opts);
  ok(host, ["drbdsetup", "new-path", "r0", p.id, `ipv4:127.0.0.1:${me.port}`, `ipv4:127.0.0.1:${p.port}`], opts);
  ok(host, ["drbdmeta", "0", "v09", disk, "internal", "apply-al"], opts);
  ok(host, ["drbdsetup", "attach", "0", disk, disk, "internal"], opts);
  ok(host, ["drbdsetup", "connect", "r0", p.id], opts);
}

function createMd(host: string): string {
  return ok(host, ["drbdmeta", "0", "v09", path.join(dir, "disk0"), "internal", "create-md", "1"]);
}

function status(host: string, opts: { reach?: string; rate?: number } = {}) {
  const res = parseDrbdStatusText(ok(host, ["drbdsetup", "status", "r0"], opts)).resources[0];
  if (!res) throw new Error("no resource");
  return res;
}

function initialSync(): void {
  createMd("lab1");
  createMd("lab2");
  up("lab1");
  up("lab2");
  ok("lab1", ["drbdsetup", "primary", "r0", "--force"]);
}

describe("drbd simulator", { timeout: 60_000 }, () => {
  it("creates meta-data with drbdmeta's wording and refuses attach without it", () => {
    expect(createMd("lab1")).toBe(
      "initializing activity log\ninitializing bitmap (2 KB) to all zero\nWriting meta data...\nNew drbd meta data block successfully created.\n",
    );
    const disk = path.join(dir, "disk0");
    ok("lab2", ["drbdsetup", "new-resource", "r0", "1"]);
    ok("lab2", ["drbdsetup", "new-minor", "r0", "0", "0"]);
    const r = run("lab2", ["drbdsetup", "attach", "0", disk, disk, "internal"]);
    expect(r.code).toBe(10);
    expect(r.err).toContain("0: Failure: (119) No valid meta-data signature found.");
    const again = run("lab1", ["drbdmeta", "0", "v09", disk, "internal", "create-md", "1"], { input: "no\n" });
    expect(again.out).toContain("Do you really want to overwrite the existing meta-data?");
    expect(again.code).toBe(20);
  });

  it("connects two fresh nodes as Inconsistent and refuses primary without UpToDate data", () => {
    createMd("lab1");
    createMd("lab2");
    up("lab1");
    expect(status("lab1").connections[0]).toMatchObject({ peer: "lab2", state: "Connecting", peerRole: "Unknown" });
    up("lab2");
    const s = status("lab2");
    expect(s.volumes[0]?.disk).toBe("Inconsistent");
    expect(s.connections[0]).toMatchObject({ peer: "lab1", state: "Connected", peerRole: "Secondary" });
    expect(s.connections[0]?.volumes[0]).toMatchObject({ peerDisk: "Inconsistent", replication: "Established" });
    const r = run("lab2", ["drbdsetup", "primary", "r0"]);
    expect(r).toMatchObject({ code: 17, err: "r0: State change failed: (-2) Need access to UpToDate data\n" });
  });

  it("runs the initial sync after primary --force, progressing with time", async () => {
    createMd("lab1");
    createMd("lab2");
    up("lab1");
    up("lab2");
    // 64 MiB at 32 MiB/s: two seconds of resync.
    ok("lab1", ["drbdsetup", "primary", "r0", "--force"], { rate: 32_768 });
    await new Promise((r) => setTimeout(r, 600));
    const src = status("lab1");
    expect(src).toMatchObject({ role: "Primary" });
    expect(src.volumes[0]?.disk).toBe("UpToDate");
    const pv = src.connections[0]?.volumes[0];
    expect(pv?.replication).toBe("SyncSource");
    expect(pv?.peerDisk).toBe("Inconsistent");
    expect(pv?.syncPercent).toBeGreaterThan(20);
    expect(pv?.syncPercent).toBeLessThan(80);
    const tgt = parseDrbdStatusJson(ok("lab2", ["drbdsetup", "status", "--json"])).resources[0];
    expect(tgt?.volumes[0]?.disk).toBe("Inconsistent");
    expect(tgt?.connections[0]?.volumes[0]?.replication).toBe("SyncTarget");
    const ev = parseDrbdEvents2(ok("lab2", ["drbdsetup", "events2", "--now", "--statistics"])).resources[0];
    expect(ev?.connections[0]?.volumes[0]?.replication).toBe("SyncTarget");
    await new Promise((r) => setTimeout(r, 1800));
    const done = status("lab2");
    expect(done.volumes[0]?.disk).toBe("UpToDate");
    expect(done.connections[0]?.volumes[0]).toMatchObject({ peerDisk: "UpToDate", replication: "Established" });
    expect(ok("lab2", ["sim-drbd", "log"])).toMatch(/drbd r0\/0 drbd0 lab1: Resync done/);
  });

  it("resumes an initial sync whose target crashed with what was left, not from the start", async () => {
    createMd("lab1");
    createMd("lab2");
    up("lab1");
    up("lab2");
    // 64 MiB at 32 MiB/s: the target goes away after about a third.
    ok("lab1", ["drbdsetup", "primary", "r0", "--force"], { rate: 32_768 });
    await new Promise((r) => setTimeout(r, 700));
    const cut = parseDrbdStatusJson(ok("lab1", ["drbdsetup", "status", "r0", "--json"], { reach: "" })).resources[0]?.connections[0];
    expect(cut?.state).toBe("Connecting");
    const left = cut?.volumes[0]?.outOfSyncKiB ?? 0;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(65_536);
    // lab2 reboots: its kernel forgets the resource, its meta-data stays; then `drbdadm up`.
    ok("lab2", ["sim-drbd", "reset"], { reach: "" });
    up("lab2");
    const log = ok("lab1", ["sim-drbd", "log"]);
    expect(log).toContain("Began resync as SyncSource (will sync 65536 KB [16384 bits set]).");
    expect(log).toContain(`Began resync as SyncSource (will sync ${left} KB [${Math.ceil(left / 4)} bits set]).`);
    await new Promise((r) => setTimeout(r, 100));
    expect(status("lab2").volumes[0]?.disk).toBe("UpToDate");
  });

  it("drops to Connecting on a cut, resyncs only what the Primary wrote on heal", () => {
    initialSync();
    status("lab2");
    expect(status("lab1", { reach: "" }).connections[0]?.state).toBe("Connecting");
    expect(status("lab2", { reach: "" }).connections[0]).toMatchObject({ state: "Connecting", peerRole: "Unknown" });
    ok("lab1", ["sim-drbd", "write", "r0", "4096"], { reach: "" });
    const json = parseDrbdStatusJson(ok("lab1", ["drbdsetup", "status", "r0", "--json"], { reach: "" })).resources[0];
    expect(json?.connections[0]?.volumes[0]?.outOfSyncKiB).toBe(4096);
    const healed = status("lab1", { rate: 1 });
    expect(healed.connections[0]?.state).toBe("Connected");
    expect(ok("lab1", ["sim-drbd", "log"])).toContain("Began resync as SyncSource (will sync 4096 KB [1024 bits set]).");
  });

  it("detects split brain after a cut with two Primaries and recovers with --discard-my-data", () => {
    initialSync();
    status("lab2");
    ok("lab2", ["drbdsetup", "primary", "r0"], { reach: "" });
    ok("lab2", ["sim-drbd", "write", "r0", "1000"], { reach: "" });
    ok("lab1", ["sim-drbd", "write", "r0", "2000"], { reach: "" });
    for (const h of ["lab1", "lab2"]) {
      const s = status(h);
      expect(s.role).toBe("Primary");
      expect(s.connections[0]).toMatchObject({ state: "StandAlone", peerRole: "Unknown" });
      expect(ok(h, ["sim-drbd", "log"])).toMatch(/drbd r0\/0 drbd0 lab\d: Split-Brain detected but unresolved, dropping connection!/);
    }
    // The assistant's evidence: different current UUIDs, the same bitmap UUID (the common ancestor).
    const gi1 = ok("lab1", ["drbdsetup", "get-gi", "r0", "1", "0"]).split(":");
    const gi2 = ok("lab2", ["drbdsetup", "get-gi", "r0", "0", "0"]).split(":");
    expect(gi1[0]).not.toBe(gi2[0]);
    expect(gi1[1]).toBe(gi2[1]);
    expect(ok("lab2", ["drbdsetup", "show-gi", "r0", "0", "0"])).toContain("+--<  Current data generation UUID  >-");

    const refused = run("lab2", ["drbdsetup", "connect", "r0", "0", "--discard-my-data"]);
    expect(refused).toMatchObject({ code: 10, err: "r0: Failure: (123) --discard-my-data not allowed when primary.\n" });
    ok("lab2", ["drbdsetup", "secondary", "r0"]);
    ok("lab2", ["drbdsetup", "connect", "r0", "0", "--discard-my-data"]);
    expect(status("lab2").connections[0]?.state).toBe("Connecting");
    ok("lab1", ["drbdsetup", "connect", "r0", "1"], { rate: 1 });
    const victim = status("lab2");
    expect(victim.volumes[0]?.disk).toBe("Inconsistent");
    expect(victim.connections[0]?.volumes[0]?.replication).toBe("SyncTarget");
    expect(ok("lab2", ["sim-drbd", "log"])).toContain("Split-Brain detected, manually solved. Sync from peer node");
    expect(ok("lab1", ["sim-drbd", "log"])).toContain("Began resync as SyncSource (will sync 3000 KB [750 bits set]).");
  });

  it("refuses a second Primary while connected", () => {
    initialSync();
    status("lab2");
    const r = run("lab2", ["drbdsetup", "primary", "r0"]);
    expect(r).toMatchObject({ code: 11, err: "r0: State change failed: (-1) Multiple primaries not allowed by config\n" });
  });

  it("disconnect makes this side StandAlone and the peer Connecting; down removes the resource", () => {
    initialSync();
    ok("lab1", ["drbdsetup", "disconnect", "r0", "1"]);
    expect(status("lab1").connections[0]?.state).toBe("StandAlone");
    expect(status("lab2").connections[0]?.state).toBe("Connecting");
    ok("lab1", ["drbdsetup", "down", "r0"]);
    expect(ok("lab1", ["drbdsetup", "status"])).toBe("# No currently configured DRBD found.\n");
    expect(run("lab1", ["drbdsetup", "status", "r0"])).toMatchObject({ code: 10, err: "r0: No such resource\n" });
    // The data generation survives on disk: up again sees UpToDate meta-data.
    up("lab1");
    expect(status("lab1").volumes[0]?.disk).toBe("UpToDate");
  });

  it("serves /proc/drbd in 8.4 mode through cat, the header only in 9 mode", () => {
    expect(parseProcDrbd(ok("lab1", ["cat", "/proc/drbd"])).resources).toEqual([]);
    expect(ok("lab1", ["cat", "/proc/drbd"])).toMatch(/^version: 9\.2\.12 \(api:2\/proto:86-122\)\n/);
    for (const h of ["lab1", "lab2"]) {
      ok(h, ["sim-drbd", "version", "8.4"]);
      ok(h, ["drbdmeta", "1", "v08", path.join(dir, "disk0"), "internal", "create-md"]);
      ok(h, ["drbdsetup-84", "new-resource", "r1"]);
      ok(h, ["drbdsetup-84", "new-minor", "r1", "1", "0"]);
      ok(h, ["drbdsetup-84", "attach", "1", path.join(dir, "disk0"), path.join(dir, "disk0"), "internal"]);
      const [l, p] = h === "lab1" ? ["7791", "7792"] : ["7792", "7791"];
      ok(h, ["drbdsetup-84", "connect", "r1", `ipv4:127.0.0.1:${l}`, `ipv4:127.0.0.1:${p}`, "--protocol=C"]);
    }
    ok("lab1", ["drbdsetup-84", "primary", "1", "--force"], { rate: 1 });
    const text = ok("lab2", ["cat", "/proc/drbd"], { rate: 1 });
    expect(text.split("\n").slice(0, 4)).toEqual([
      "version: 8.4.11 (api:1/proto:86-101)",
      "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-04-26 12:10:42",
      "",
      " 1: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----",
    ]);
    const proc = parseProcDrbd(text).resources[0];
    expect(proc?.connections[0]).toMatchObject({ state: "SyncTarget", peerRole: "Primary", protocol: "C" });
    expect(proc?.connections[0]?.volumes[0]?.outOfSyncKiB).toBeGreaterThan(0);
    expect(ok("lab1", ["modinfo", "-F", "version", "drbd"])).toBe("8.4.11\n");
  });

  it("works under the real drbdadm (config validation, up, status, adjust)", () => {
    if (!existsSync("/usr/sbin/drbdadm")) throw new Error("drbd-utils (/usr/sbin/drbdadm) is not installed here");
    const conf = path.join(dir, "drbd.conf");
    const disk = path.join(dir, "disk0");
    writeFileSync(
      conf,
      `global { usage-count no; }\nresource r0 {\n  device /dev/drbd0;\n  disk ${disk};\n  meta-disk internal;\n` +
        "  on lab1 { node-id 0; address 127.0.0.1:7789; }\n  on lab2 { node-id 1; address 127.0.0.1:7790; }\n}\n",
    );
    // drbdadm announces __DRBD_NODE__ (how the test names the host) on stderr; nothing else may appear.
    const adm = (h: string, args: string[]) => {
      const r = run(h, ["drbdadm", "-c", conf, ...args]);
      expect(r.err.replace(/\s*found __DRBD_NODE__ in environment\s*PRETENDING that I am >>lab\d<<\s*/g, "")).toBe("");
      expect(r.code).toBe(0);
      return r.out;
    };
    for (const h of ["lab1", "lab2"]) {
      createMd(h);
      adm(h, ["up", "r0"]);
    }
    adm("lab1", ["primary", "--force", "r0"]);
    const s = parseDrbdStatusText(adm("lab2", ["status", "r0"])).resources[0];
    expect(s?.connections[0]).toMatchObject({ peer: "lab1", state: "Connected", peerRole: "Primary" });
    // The running config read back through `drbdsetup show` matches the file: nothing to adjust.
    expect(adm("lab1", ["-d", "adjust", "r0"])).toBe("");
    const refused = run("lab2", ["drbdadm", "-c", conf, "primary", "r0"]);
    expect(refused.code).toBe(11);
    expect(refused.err).toContain("r0: State change failed: (-1) Multiple primaries not allowed by config");
    expect(refused.err).toContain("Command 'drbdsetup primary r0' terminated with exit code 11");
  });
});
