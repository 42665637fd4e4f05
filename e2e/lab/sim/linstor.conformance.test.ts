import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { linstorMain } from "./src/linstor/cli";
import { capture, tempCluster } from "./src/zfs/test-hosts";

// Structure of simulated `linstor` output against the real samples in ../shared/corpus/linstor.
const corpus = path.resolve(import.meta.dirname, "../../..", "../shared/corpus");
const read = (file: string) => {
  if (!existsSync(corpus)) throw new Error(`../shared/corpus is missing (looked in ${corpus})`);
  return readFileSync(path.join(corpus, file), "utf8");
};
const T0 = 1_750_000_000_000;
const run = (args: string[], now = T0) => {
  const io = capture();
  linstorMain(args, io, now);
  return io.stdout();
};

// Keys of the first object at a given indentation in a (possibly truncated) JSON text.
function keysAtIndent(text: string, indent: number): string[] {
  const re = new RegExp(`^ {${indent}}"([^"]+)":`, "gm");
  return [...text.matchAll(re)].map((m) => m[1] ?? "");
}

describe("linstor simulator conformance", () => {
  beforeAll(() => {
    tempCluster().on("pve1");
    process.env.SIM_LINSTOR_SYNC_SECONDS = "10";
    for (const [n, ip] of [["pve1", "10.0.0.1"], ["pve2", "10.0.0.2"], ["pve3", "10.0.0.3"]] as const) {
      run(["node", "create", n, ip]);
      run(["sp", "c", "lvmthin", n, "thinpool", "linstor_thinpool/thinpool"]);
    }
    run(["rg", "c", "rg", "--place-count", "2", "--storage-pool", "thinpool"]);
    run(["rg", "spawn", "rg", "one-vm-7707-disk-0", "1G"]);
  });

  it("`-m node list`: outer list of lists, 2-space indent, node keys in the real order", () => {
    const real = read("linstor/linstor-m-node-list-TRUNCATED-opennebula19.txt");
    const sim = run(["-m", "node", "list"]);
    expect(sim.slice(0, 13)).toBe(real.slice(0, 13)); // "[\n  [\n    {\n"
    const realKeys = keysAtIndent(real, 6);
    const simKeys = keysAtIndent(sim, 6).slice(0, realKeys.length);
    expect(simKeys).toEqual(realKeys);
    expect(keysAtIndent(sim, 10).slice(0, 6)).toEqual(keysAtIndent(real, 10).slice(0, 6)); // net_interfaces entry
    const simNode = (JSON.parse(sim) as Array<Array<Record<string, unknown>>>)[0]?.[0] ?? {};
    expect(Object.keys(simNode.props as object)).toEqual(["CurStltConnName", "NodeUname"]);
    expect(simNode.type).toBe("SATELLITE");
  });

  it("`-m resource list` volumes carry the golinstor volume keys in order, STORAGE disk_state \"[]\"", () => {
    const realVolume = JSON.parse(read("linstor/golinstor-rest-volume-uptodate.json")) as Record<string, unknown>;
    const resources = (JSON.parse(run(["-m", "r", "l"], T0 + 20_000)) as Array<Array<Record<string, unknown>>>)[0] ?? [];
    const volume = (resources[0]?.volumes as Array<Record<string, unknown>>)[0] ?? {};
    // Every real key appears, in the real order (the simulation adds usable_size_kib, as REST 1.28 has).
    const simKeys = Object.keys(volume).filter((k) => k in realVolume);
    expect(simKeys).toEqual(Object.keys(realVolume));
    expect(Object.keys(volume).filter((k) => !(k in realVolume))).toEqual(["usable_size_kib"]);
    const layers = volume.layer_data_list as Array<{ type: string; data: Record<string, unknown> }>;
    const realLayers = realVolume.layer_data_list as Array<{ type: string; data: Record<string, unknown> }>;
    expect(layers.map((l) => l.type)).toEqual(realLayers.map((l) => l.type));
    layers.forEach((l, i) => expect(Object.keys(l.data)).toEqual(Object.keys(realLayers[i]?.data ?? {})));
    expect(layers[1]?.data.disk_state).toBe("[]");
    expect(volume.state).toMatchObject({ disk_state: "UpToDate" });
  });

  it("`resource list` table: same columns, glyphs, right-aligned State, equal line widths", () => {
    const real = read("linstor/linstor-resource-list-table-unicode-synctarget.txt").trimEnd().split("\n");
    const sim = run(["r", "l"], T0 + 5500).trimEnd().split("\n");
    const cells = (line: string) => line.split("┊").slice(1, -1);
    expect(cells(sim[1] ?? "").map((c) => c.trim())).toEqual(cells(real[1] ?? "").map((c) => c.trim()));
    for (const lines of [real, sim]) {
      expect([lines[0]?.[0], lines[2]?.[0], lines.at(-1)?.[0], lines[1]?.[0]]).toEqual(["╭", "╞", "╰", "┊"]);
      expect(new Set(lines.map((l) => [...l].length)).size).toBe(1);
    }
    // State is right-aligned in both: its header and values end at the column edge.
    const stateCol = (line: string) => cells(line)[5] ?? "";
    expect(stateCol(sim[1] ?? "")).toMatch(/^ +State $/);
    expect(stateCol(real[1] ?? "")).toMatch(/^ +State $/);
    expect(sim.map(stateCol).slice(3, -1).map((c) => c.trim())).toEqual(["UpToDate", "SyncTarget(50.00%)", "TieBreaker"]);
    // CreatedOn has the real "YYYY-MM-DD HH:MM:SS" form.
    expect(cells(sim[3] ?? "")[6]?.trim()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
