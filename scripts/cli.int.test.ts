import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The parse command exactly as ../shared/contracts/parse-cli.md specifies it, run the way
// an admin runs it: `npm run -s cli -- parse FORMAT FILE`.
const root = path.resolve(import.meta.dirname, "..");
const corpus = path.resolve(root, "../shared/corpus");

function cli(args: string[], input?: string) {
  const r = spawnSync("npm", ["run", "-s", "cli", "--", ...args], { cwd: root, input, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.split("\n").filter((l) => l && !l.startsWith("npm warn")) };
}

describe("npm run -s cli -- parse", () => {
  it("prints one JSON document and exits 0", () => {
    const r = cli(["parse", "corosync-quorum", path.join(corpus, "lab-captures/2node-qdevice-quorumtool.txt")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([]);
    const model = JSON.parse(r.stdout);
    expect(model.quorate).toBe(true);
    expect(model.qdevice).toMatchObject({ votes: 1 });
    expect(model.nodes.map((n: { name: string }) => n.name)).toEqual(["lab1", "lab2"]);
  });

  it("reads stdin with -, CRLF and a leading prompt line", () => {
    const text = "root@pve1:~# cat /proc/drbd\r\nversion: 8.4.2 (api:1/proto:86-101)\r\n 0: cs:StandAlone ro:Primary/Unknown ds:UpToDate/DUnknown   r-----\r\n";
    const r = cli(["parse", "proc-drbd", "-"], text);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      version: "8.4.2",
      resources: [{ name: null, role: "Primary", connections: [{ state: "StandAlone", peerRole: "Unknown" }] }],
    });
  });

  it("exits 2 with one line naming the format for unreadable input, nothing on stdout", () => {
    const r = cli(["parse", "crm-mon-xml", path.join(corpus, "pacemaker-xml/crmsh-crm_mon-xml-FRAGMENT-not-connected-102.xml")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^crm-mon-xml: .*Not connected to cluster/);
  });

  it("exits 64 with the list of formats for an unknown format or a missing file", () => {
    const unknown = cli(["parse", "crm_mon", "/dev/null"]);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr.join("\n")).toMatch(/formats: .*crm-mon-xml.*proc-drbd/);
    const missing = cli(["parse", "proc-drbd", "/nonexistent/file"]);
    expect(missing.code).toBe(64);
    expect(missing.stderr[0]).toMatch(/cannot read \/nonexistent\/file/);
  });
});
