import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { replicationStatusArgv } from "@/agents/proxmox/replication/probe";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import { CLUSTER_WIDE_COMMANDS, probeClusterWide } from "./probe-cluster";

const lin = (f: string) => readFileSync(path.resolve(import.meta.dirname, "../../agents/linstor/__fixtures__", f), "utf8");
const result = (code: number, stdout = ""): TRunResult => ({ code, stdout, stderr: "", durationMs: 1 });

// Answers by argv; anything unexpected fails the test.
function runner(answers: Map<string, TRunResult>, seen: string[]): Runner {
  return {
    run: async (argv) => {
      const key = argv.join("\u0000");
      seen.push(key);
      const a = answers.get(key);
      if (!a) throw new Error(`unexpected command: ${argv.join(" ")}`);
      return a;
    },
  };
}
const k = (argv: readonly string[]) => argv.join("\u0000");

describe("probeClusterWide", () => {
  it("a member without HA, replication, Ceph or LINSTOR: every layer empty, no reports", async () => {
    const seen: string[] = [];
    const answers = new Map([
      [k(CLUSTER_WIDE_COMMANDS.ha), result(0, "")],
      [k(CLUSTER_WIDE_COMMANDS.replicationCfg), result(1)],
      [k(CLUSTER_WIDE_COMMANDS.ceph), result(3)],
      [k(CLUSTER_WIDE_COMMANDS.linstorNodes), result(3)],
      [k(CLUSTER_WIDE_COMMANDS.linstorPools), result(3)],
      [k(CLUSTER_WIDE_COMMANDS.linstorResources), result(3)],
      [k(replicationStatusArgv("pve1")), result(0, "[]")],
    ]);
    const { probe, reports } = await probeClusterWide(runner(answers, seen), ["pve1"], 2000);
    expect(probe).toMatchObject({ ha: null, replicationJobs: [], replicationStates: [], ceph: null, linstor: null });
    expect(reports).toEqual([]);
    expect(seen).toHaveLength(7);
  });

  it("LINSTOR where a client is configured; unreadable output is a report naming the tool", async () => {
    const answers = new Map([
      [k(CLUSTER_WIDE_COMMANDS.ha), result(0, "")],
      [k(CLUSTER_WIDE_COMMANDS.replicationCfg), result(1)],
      [k(CLUSTER_WIDE_COMMANDS.ceph), result(3)],
      [k(CLUSTER_WIDE_COMMANDS.linstorNodes), result(0, lin("nodes-m-list.json"))],
      [k(CLUSTER_WIDE_COMMANDS.linstorPools), result(0, "{not json")],
      [k(CLUSTER_WIDE_COMMANDS.linstorResources), result(0, lin("resources-m-list.json"))],
    ]);
    const { probe, reports } = await probeClusterWide(runner(answers, []), [], 2000);
    expect(probe.linstor?.nodes.map((n) => [n.name, n.online])).toEqual([
      ["pve1", true],
      ["pve2", false],
      ["pve3", false],
    ]);
    expect(probe.linstor?.storagePools).toEqual([]);
    expect(probe.linstor?.resources.length).toBeGreaterThan(0);
    expect(reports.map((r) => [r.code, r.params.tool])).toEqual([["PROBE_OUTPUT_UNREADABLE", "linstor storage-pool list"]]);
  });

  it("without /etc/linstor/linstor-client.conf the LINSTOR command exits 3 before calling linstor", () => {
    expect(existsSync("/etc/linstor/linstor-client.conf")).toBe(false);
    const [cmd, ...args] = CLUSTER_WIDE_COMMANDS.linstorNodes;
    const r = spawnSync(cmd!, args, { encoding: "utf8", env: { ...process.env, PATH: "/nonexistent" } });
    expect([r.status, r.stderr]).toEqual([3, ""]);
  });
});
