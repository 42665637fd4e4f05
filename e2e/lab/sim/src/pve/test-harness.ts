import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SimExit, type TSimIO } from "../core/main";
import { guestCli } from "./guest";
import { haManager } from "./ha";
import { pvecm } from "./pvecm";
import { pvesh } from "./pvesh";
import { pvesm } from "./pvesm";
import { pvesr } from "./pvesr";
import { simPve } from "./simpve";

// Runs the Proxmox simulators in-process as if on one of several hosts sharing /etc/pve.
const handlers: Record<string, (args: string[], io: TSimIO) => Promise<number | void> | number | void> = {
  pvecm,
  pvesh,
  pvesm,
  pvesr,
  "ha-manager": haManager,
  "sim-pve": simPve,
  qm: (a, io) => guestCli("qm", a, io),
  pct: (a, io) => guestCli("pct", a, io),
};

export type TRun = { code: number; out: string; err: string };

export function makeLab(): { shared: string; on: (host: string, command: string, ...args: string[]) => Promise<TRun> } {
  const root = mkdtempSync(path.join(os.tmpdir(), "pve-sim-"));
  const shared = path.join(root, "shared");
  const on = async (host: string, command: string, ...args: string[]): Promise<TRun> => {
    process.env.SIM_SHARED_DIR = shared;
    process.env.SIM_STATE_DIR = path.join(root, host);
    process.env.SIM_HOSTNAME = host;
    let out = "";
    let err = "";
    const io: TSimIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
    const handler = handlers[command];
    if (!handler) throw new Error(`no handler ${command}`);
    try {
      const code = (await handler(args, io)) ?? 0;
      return { code, out, err };
    } catch (e) {
      if (!(e instanceof SimExit)) throw e;
      return { code: e.code, out: out + e.stdout, err: err + e.message };
    }
  };
  return { shared, on };
}

// A 3-node cluster "demo" on 10.0.0.1-3 with VM 100 (local-zfs, running) on pve1.
export async function threeNodes() {
  const lab = makeLab();
  process.env.SIM_MIGRATE_SECONDS = "0";
  process.env.SIM_HA_FENCE_SECONDS = "0";
  await lab.on("pve1", "pvecm", "create", "demo", "--link0", "10.0.0.1");
  await lab.on("pve2", "pvecm", "add", "10.0.0.1", "--link0", "10.0.0.2", "--use_ssh");
  await lab.on("pve3", "pvecm", "add", "10.0.0.1", "--link0", "10.0.0.3", "--use_ssh");
  await lab.on("pve1", "pvesm", "add", "zfspool", "local-zfs", "--pool", "rpool/data", "--content", "images,rootdir", "--sparse");
  await lab.on("pve1", "sim-pve", "seed-guest", "pve1", "100", "--name", "web", "--memory", "2048", "--disk", "local-zfs:32", "--running");
  return lab;
}
