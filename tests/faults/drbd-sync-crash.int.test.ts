// Fault: the SyncTarget of a DRBD resync loses power half-way. Two bare lab hosts run the real
// drbdadm over the DRBD kernel simulator (as agents/drbd/drbd.int.test.ts and the health spec
// set it up); the panel's health probe and derived model (probeHost + deriveClusterHealth, what
// the collector stores) must show the resource no longer connected, with the alert an admin
// acts on. After `boot` and `drbdadm up` (what the init script or Pacemaker does on a real
// host) the resync runs again and ends UpToDate on both. Fails (never skips) without the lab.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLab, labFault, type TLabStatus } from "@/e2e/lab/lab-env";
import { labRunner, SshPool } from "@/e2e/lab/lab-runner";
import { deriveClusterHealth } from "@/lib/health/derive";
import type { THealthDrbdResource } from "@/lib/health/model-drbd";
import { probeHost } from "@/lib/health/probe";
import type { Runner } from "@/lib/ssh/runner";
import { waitFor } from "@/lib/testing/wait-for";

const HOSTS = ["lab1", "lab2"] as const;
const SOURCE = "lab1";
const PEER = "lab2";
const NAME = "faultsync";
const MINOR = 41;
const DISK = "/dev/panel-fault/sync";
// 32 MiB at 2 MiB/s: a 16 s resync, long enough to crash the peer in the middle of it.
const SIZE_KIB = 32_768;
const RATE_KIBPS = 2_048;
const RES = `resource ${NAME} {
  device /dev/drbd${MINOR};
  disk ${DISK};
  meta-disk internal;
  on lab1 { node-id 0; address 10.99.0.11:78${MINOR}; }
  on lab2 { node-id 1; address 10.99.0.12:78${MINOR}; }
}
`;

let lab: TLabStatus;
const pool = new SshPool({ connectTimeoutMs: 3_000, connectAttempts: 1 });
let runners: Record<string, Runner>;
const sh = (h: string, argv: string[]) => (runners[h] as Runner).run(argv, { okCodes: "any" });
const must = (h: string, argv: string[]) => (runners[h] as Runner).run(argv);

async function health() {
  return deriveClusterHealth(await Promise.all(HOSTS.map((h) => probeHost(h, runners[h] as Runner, 8_000))));
}
async function view(): Promise<{ h: Awaited<ReturnType<typeof health>>; v: THealthDrbdResource | undefined }> {
  const h = await health();
  return { h, v: h.drbd.find((d) => d.resource === NAME) };
}
const codesOf = (v: THealthDrbdResource | undefined) => (v?.alerts ?? []).map((a) => `${a.code}@${String(a.params.host ?? "")}`);
const resyncAmounts = async (h: string) =>
  [...(await sh(h, ["sim-drbd", "log"])).stdout.matchAll(new RegExp(`drbd ${NAME}/0 drbd${MINOR} \\S+: Began resync as SyncTarget \\(will sync (\\d+) KB`, "g"))].map((m) => Number(m[1]));

const cleanup = async () => {
  for (const h of HOSTS) {
    await sh(h, ["drbdsetup", "down", NAME]);
    await sh(h, ["drbdmeta", "--force", String(MINOR), "v09", DISK, "internal", "wipe-md"]);
    await sh(h, ["rm", "-f", `/etc/drbd.d/${NAME}.res`]);
  }
};

beforeAll(async () => {
  lab = await ensureLab({ mode: "bare", nodes: 2 });
  runners = Object.fromEntries(HOSTS.map((h) => [h, labRunner(pool, lab, h)]));
  for (const h of HOSTS) await must(h, ["sim-drbd", "version", "9"]);
  await cleanup();
  for (const h of HOSTS) await must(h, ["sim-drbd", "wipe"]);
  await must(SOURCE, ["sim-drbd", "size", String(SIZE_KIB)]);
  await must(SOURCE, ["sim-drbd", "rate", String(RATE_KIBPS)]);
  for (const h of HOSTS) {
    await must(h, ["sh", "-c", 'printf %s "$1" > "/etc/drbd.d/$2.res"', "sh", RES, NAME]);
    await must(h, ["drbdadm", "create-md", "--force", NAME]);
    await must(h, ["drbdadm", "up", NAME]);
  }
}, 300_000);

afterAll(async () => {
  // Idempotent: says "already running" when the test got that far.
  await labFault("boot", PEER);
  await cleanup();
  await sh(SOURCE, ["sh", "-c", "sim-drbd size 1048576; sim-drbd rate 102400"]);
  for (const h of HOSTS) await sh(h, ["sim-drbd", "wipe"]);
  await pool.closeAll();
}, 120_000);

describe("fault: the peer crashes during a DRBD resync", () => {
  it("health shows the resource disconnected while the peer is off; after boot and up the resync finishes UpToDate on both", async () => {
    await must(SOURCE, ["drbdadm", "primary", "--force", NAME]);
    let seen = await view();
    await waitFor("the resync to pass 10%", 20_000, async () => ((seen = await view()).v?.sync?.percent ?? 0) >= 10, 300);
    expect(seen.v?.health).toBe("syncing");
    expect(codesOf(seen.v)).toEqual(["DRBD_RESYNC_RUNNING@"]);
    const percentAtCrash = seen.v?.sync?.percent ?? null;

    // Counted from the start of `crash`: the plug is pulled within that command.
    const crashedAt = Date.now();
    await labFault("crash", PEER);
    await waitFor("the health model to see the peer gone", 20_000, async () => codesOf((seen = await view()).v).includes(`DRBD_DISCONNECTED@${SOURCE}`), 300);
    const detectedMs = Date.now() - crashedAt;
    const down = seen;
    // The peer's own view is unknown (unreachable), not "down"; the survivor waits for it.
    expect(down.h.hosts.map((h) => [h.name, h.reachable])).toEqual([[SOURCE, true], [PEER, false]]);
    expect(down.h.alerts.map((a) => a.code)).toEqual(expect.arrayContaining(["HOST_UNREACHABLE", "DRBD_DISCONNECTED"]));
    expect(down.v?.health).toBe("degraded");
    expect(down.v?.sync).toBeNull();
    expect(codesOf(down.v)).toEqual([`DRBD_DISCONNECTED@${SOURCE}`]);
    expect(down.v?.hosts.map((h) => [h.host, h.role, h.disks.map((d) => d.disk), h.peers.map((p) => [p.peer, p.connection, p.peerDisk])])).toEqual([
      [SOURCE, "Primary", ["UpToDate"], [[PEER, "Connecting", "DUnknown"]]],
    ]);
    // What the survivor still owes the peer: the part of the resync that had not run.
    const leftKiB = down.v?.hosts[0]?.peers[0]?.outOfSyncKiB ?? null;
    expect(leftKiB).toBeGreaterThan(0);
    expect(leftKiB).toBeLessThan(SIZE_KIB);
    console.log(`fault figure: DRBD peer crashed at ${percentAtCrash}% of the resync (${leftKiB} KiB left) → health shows ${NAME} disconnected after ${detectedMs} ms`);

    await labFault("boot", PEER);
    const bootedAt = Date.now();
    // A rebooted host has no DRBD device configured (`boot` resets the simulated kernel);
    // its init script or Pacemaker brings the resource up again.
    await must(PEER, ["drbdadm", "up", NAME]);
    await waitFor("the resync to run again", 20_000, async () => ((seen = await view()).v?.sync ?? null) !== null, 300);
    expect(seen.v?.health).toBe("syncing");
    await waitFor("UpToDate on both", 40_000, async () => (seen = await view()).v?.health === "ok", 500);
    const doneMs = Date.now() - bootedAt;
    expect(seen.v?.hosts.map((h) => [h.host, h.disks.map((d) => d.disk), h.peers.map((p) => [p.connection, p.peerDisk])])).toEqual([
      [SOURCE, ["UpToDate"], [["Connected", "UpToDate"]]],
      [PEER, ["UpToDate"], [["Connected", "UpToDate"]]],
    ]);
    expect(seen.v?.alerts).toEqual([]);
    const amounts = await resyncAmounts(PEER);
    console.log(`fault figure: DRBD peer booted → resync of ${amounts.at(-1)} KB (first run ${amounts[0]} KB) done, UpToDate on both after ${doneMs} ms`);
    // The first run was the full device; the second resumes with what was left, as DRBD's
    // bitmap keeps it across the peer's reboot.
    expect(amounts).toEqual([SIZE_KIB, leftKiB]);
  }, 90_000);
});
