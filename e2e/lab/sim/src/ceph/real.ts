import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

// The lab may run a real Ceph (1 mon, 1 mgr, memstore OSDs on lab1). Then `ceph` and the
// pveceph pool/status commands use it; the simulation only stands in when there is none.
export const REAL_CEPH = process.env.SIM_REAL_CEPH_BIN ?? "/usr/bin/ceph";

function configured(): boolean {
  return existsSync(process.env.CEPH_CONF ?? "/etc/ceph/ceph.conf");
}

let cached: boolean | null = null;

export function realCephReachable(): boolean {
  if (process.env.SIM_CEPH_FORCE_SIM === "1") return false;
  if (cached !== null) return cached;
  cached = existsSync(REAL_CEPH) && configured() && spawnSync(REAL_CEPH, ["-s", "--connect-timeout", "2"], { stdio: "ignore", timeout: 5000 }).status === 0;
  return cached;
}

export function runRealCeph(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(REAL_CEPH, args, { encoding: "utf8", timeout: 60_000 });
  return { status: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}
