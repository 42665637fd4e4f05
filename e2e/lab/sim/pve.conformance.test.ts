import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { threeNodes } from "./src/pve/test-harness";

// Structure of simulated Proxmox outputs against the closest real samples in ../shared/corpus.
const CORPUS = path.resolve(import.meta.dirname, "../../..", "../shared/corpus");

function sample(name: string): string {
  if (!existsSync(CORPUS)) throw new Error(`../shared/corpus is missing (looked in ${CORPUS})`);
  return readFileSync(path.join(CORPUS, "proxmox", name), "utf8");
}

// "Key:   value" lines -> keys in order; underlines normalised (docs print ~~~ for ---).
const keys = (text: string) =>
  text
    .split("\n")
    .map((l) => l.replace(/^~+$/, (m) => "-".repeat(m.length)))
    .map((l) => (/^[A-Z][A-Za-z ]+:/.test(l) ? (l.split(":")[0] as string) : /^-+$/.test(l) || /information$/.test(l) || l === "" ? l : "<row>"));

describe("Proxmox simulators vs corpus", () => {
  it("pvecm status: same sections, keys, underlines and value column", async () => {
    const lab = await threeNodes();
    const sim = (await lab.on("pve2", "pvecm", "status")).out;
    const real = sample("pvecm-status-pve7-4node-knet-TILDE-UNDERLINES.txt");
    const realKeys = keys(real).filter((k) => k !== "<row>");
    expect(keys(sim).filter((k) => k !== "<row>")).toEqual(realKeys);
    // Values start in column 18 in both.
    for (const line of sim.split("\n").filter((l) => /^[A-Z][A-Za-z ]+: /.test(l))) expect(line.slice(18, 19)).not.toBe(" ");
    const row = /^0x[0-9a-f]{8} {10}1 \S+( \(local\))?$/;
    expect(real.split("\n").filter((l) => l.startsWith("0x")).every((l) => row.test(l))).toBe(true);
    expect(sim.split("\n").filter((l) => l.startsWith("0x")).every((l) => row.test(l))).toBe(true);
  });

  it("pvecm nodes: leading blank line, header and decimal rows", async () => {
    const lab = await threeNodes();
    const sim = (await lab.on("pve2", "pvecm", "nodes")).out.split("\n");
    const real = sample("pvecm-nodes-pve-4node-TILDE-UNDERLINES.txt").split("\n");
    expect(sim.slice(0, 2)).toEqual(real.slice(0, 2));
    expect(sim[3]).toBe(real[3]);
    expect(sim[5]).toMatch(/^ {9}2 {10}1 pve2 \(local\)$/);
    expect(real[4]).toMatch(/^ {9}1 {10}1 hp1$/);
  });

  it("pvesr status: identical header and column positions", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "pvesr", "create-local-job", "100-0", "pve2");
    await lab.on("pve1", "pvesr", "run", "--id", "100-0");
    const sim = (await lab.on("pve1", "pvesr", "status")).out.split("\n");
    const real = sample("pvesr-status-3-two-jobs-ok.txt").split("\n");
    expect(sim[0]).toBe(real[0]);
    const cols = (l: string) => [l.slice(0, 10), l.slice(11, 21).trim(), l.slice(22, 42).trim(), l.length > 63 ? l[62] : ""];
    expect(cols(sim[1] ?? "")[1]).toBe(cols(real[1] ?? "")[1]);
    expect(cols(sim[1] ?? "")[2]).toBe("local/pve2");
    // LastSync and NextSync right-aligned in 20-wide columns ending at 63 and 84.
    for (const l of [sim[1] ?? "", real[1] ?? ""]) {
      expect(l.slice(43, 63)).toMatch(/^ *\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d$/);
      expect(l.slice(64, 84)).toMatch(/^ *\d{4}-\d\d-\d\d_\d\d:\d\d:\d\d$/);
      expect(l.slice(96, 106)).toMatch(/^ *0$/);
      expect(l.slice(107)).toBe("OK");
    }
  });

  it("ha-manager status / config: same line shapes", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "ha-manager", "add", "vm:100", "--state", "started");
    const sim = (await lab.on("pve1", "ha-manager", "status")).out.trimEnd().split("\n");
    const real = sample("ha-manager-status-pve4.1.txt").trimEnd().split("\n");
    const shape = (l: string) =>
      l
        .replace(/[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}/, "<ctime>")
        .replace(/^(master|lrm) \S+/, "$1 <node>")
        .replace(/^service \S+ \(\S+,/, "service <sid> (<node>,")
        .replace(/\((active|idle)/, "(<state>");
    expect(new Set(sim.map(shape))).toEqual(new Set(real.map(shape)));
    const config = (await lab.on("pve1", "ha-manager", "config")).out;
    expect(config.split("\n")[0]).toMatch(/^vm:\d+$/);
    expect(sample("ha-manager-config-pve-docs.txt").split("\n")[1]).toMatch(/^\tstate \w+$/);
    expect(config.split("\n")).toContain("\tstate started");
  });

  it("qm migrate task log: timestamped lines with the real start and end sentences", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "pvesm", "add", "nfs", "shared", "--server", "10.0.0.9", "--export", "/x", "--content", "images");
    await lab.on("pve1", "sim-pve", "seed-guest", "pve1", "102", "--disk", "shared:8", "--running");
    const sim = (await lab.on("pve1", "qm", "migrate", "102", "pve3", "--online")).out.trimEnd().split("\n");
    const real = sample("qm-migrate-tasklog-pve4-online-glusterfs.txt").trimEnd().split("\n");
    const strip = (l: string) => l.replace(/^(\d{4}-\d\d-\d\d|[A-Z][a-z]{2} \d\d) \d\d:\d\d:\d\d /, "");
    expect(strip(sim[0] ?? "")).toMatch(/^starting migration of VM \d+ to node '\S+' \(\S+\)$/);
    expect(strip(real[0] ?? "")).toMatch(/^starting migration of VM \d+ to node '\S+' \(\S+\)$/);
    expect(sim).toContainEqual(expect.stringMatching(/ starting VM 102 on remote node 'pve3'$/));
    expect(real).toContainEqual(expect.stringMatching(/ starting VM 104 on remote node 'proxmox02'$/));
    const speed = /migration speed: [\d.]+ \S+\/s - downtime \d+ ms$/;
    expect(sim.some((l) => speed.test(l))).toBe(true);
    expect(real.some((l) => speed.test(l))).toBe(true);
    expect(strip(sim.at(-1) ?? "")).toMatch(/^migration finished successfully \(duration \d\d:\d\d:\d\d\)$/);
    expect(strip(real.at(-2) ?? "")).toMatch(/^migration finished successfully \(duration \d\d:\d\d:\d\d\)$/);
    expect(sim.every((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S/.test(l))).toBe(true);
  });

  it("storage.cfg and replication.cfg: TAB-indented sections like the real files", async () => {
    const lab = await threeNodes();
    await lab.on("pve1", "pvesm", "add", "dir", "local", "--path", "/var/lib/vz", "--content", "iso,vztmpl,backup");
    await lab.on("pve1", "pvesr", "create-local-job", "100-0", "pve2", "--schedule", "*/15");
    const storage = readFileSync(path.join(lab.shared, "storage.cfg"), "utf8");
    const real = sample("storage.cfg-pve-default-install.cfg");
    expect(storage).toContain("dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl,backup\n");
    expect(real).toContain("dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl,backup\n");
    const repl = readFileSync(path.join(lab.shared, "replication.cfg"), "utf8");
    const realRepl = sample("replication.cfg-doc-example-1job.cfg");
    const lines = (t: string) => t.trimEnd().split("\n").sort();
    expect(lines(repl)).toEqual(lines(realRepl));
  });

  it("pvesh get /cluster/status: same key sets per entry type", async () => {
    const lab = await threeNodes();
    const sim = JSON.parse((await lab.on("pve1", "pvesh", "get", "/cluster/status", "--output-format", "json")).out) as Record<string, unknown>[];
    const real = (JSON.parse(sample("api-cluster-status-pve8x-gomock.json")) as { data: Record<string, unknown>[] }).data;
    const keySet = (rows: Record<string, unknown>[], type: string) => [...new Set(rows.filter((r) => r.type === type).map((r) => Object.keys(r).sort().join(",")))];
    expect(keySet(sim, "cluster")).toEqual(keySet(real, "cluster"));
    expect(keySet(sim, "node")).toEqual(keySet(real, "node"));
    expect(Array.isArray(sim)).toBe(true);
  });
});
