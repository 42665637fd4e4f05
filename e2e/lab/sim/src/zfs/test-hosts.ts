import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TSimIO } from "../core/main";

// Test support: a temp "cluster" (shared /etc/pve) with one state dir per simulated host, and
// an io that captures what a simulator prints.
export function tempCluster() {
  const root = mkdtempSync(path.join(tmpdir(), "sim-storage-"));
  const shared = path.join(root, "pve");
  mkdirSync(shared, { recursive: true });
  process.env.SIM_SHARED_DIR = shared;
  return {
    shared,
    on(host: string) {
      const dir = path.join(root, "hosts", host);
      mkdirSync(dir, { recursive: true });
      process.env.SIM_STATE_DIR = dir;
      process.env.SIM_HOSTNAME = host;
    },
  };
}

export function capture(): TSimIO & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return { out: (t) => void (out += t), err: (t) => void (err += t), stdout: () => out, stderr: () => err };
}
