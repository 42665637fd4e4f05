import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseHaManagerStatus } from "./parse-ha-manager-status";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseHaManagerStatus", () => {
  it("reads fence, recovery, error, migrate and request_stop services and a dead lrm", () => {
    const status = parseHaManagerStatus(fixture("ha-manager-status-fence-recovery.txt"));
    expect(status.quorum).toBe("OK");
    expect(status.quorate).toBe(true);
    expect(status.master).toEqual({ node: "pve1", state: "active", time: "Sat Nov 15 10:02:11 2025", crs: null });
    expect(status.lrms.map((l) => [l.node, l.state])).toEqual([
      ["pve1", "active"],
      ["pve2", "old timestamp - dead?"],
      ["pve3", "idle"],
    ]);
    expect(status.services.map((s) => [s.sid, s.node, s.state])).toEqual([
      ["ct:105", "pve2", "recovery"],
      ["vm:100", "pve2", "fence"],
      ["vm:101", "pve1", "started"],
      ["vm:102", "pve3", "error"],
      ["vm:103", "pve1", "migrate"],
      ["vm:104", null, "request_stop"],
    ]);
    expect(status.services[0]).toMatchObject({ type: "ct", id: "105", vmid: 105 });
    expect(status.full).toBeNull();
  });

  it("reads the --verbose layout: CRS suffix, maintenance mode and the full cluster state JSON", () => {
    const status = parseHaManagerStatus(fixture("ha-manager-status-verbose.txt"));
    expect(status.master).toMatchObject({ node: "pve1", state: "active", crs: "static" });
    expect(status.lrms[1]).toEqual({ node: "pve2", state: "maintenance mode", time: "Sat Nov 15 10:02:08 2025" });
    expect(status.services).toHaveLength(1);
    expect(status.full?.masterNode).toBe("pve1");
    expect(status.full?.nodes).toEqual([
      { node: "pve1", state: "online" },
      { node: "pve2", state: "maintenance" },
    ]);
    expect(status.full?.services[0]).toMatchObject({ sid: "vm:100", node: "pve1", state: "started", running: true });
    expect(status.full?.lrms).toEqual([
      { node: "pve1", mode: "active", state: "active", timestamp: 1763197329 },
      { node: "pve2", mode: "maintenance", state: "wait_for_agent_lock", timestamp: 1763197328 },
    ]);
    expect(status.full?.quorate).toBe(true);
  });

  it("reads a node without quorum, no master and an unreadable lrm", () => {
    const status = parseHaManagerStatus("quorum No quorum on node 'pve2'!\nlrm pve2 (unable to read lrm status)\n");
    expect(status.quorum).toBe("No quorum on node 'pve2'!");
    expect(status.quorate).toBe(false);
    expect(status.master).toBeNull();
    expect(status.lrms).toEqual([{ node: "pve2", state: "unable to read lrm status", time: null }]);
  });

  it("reads an idle master and wait_for_agent_lock lrm, a prompt line, CRLF and trailing notes", () => {
    const status = parseHaManagerStatus(
      "root@pve1:~# ha-manager status\r\nquorum OK\r\nmaster pve1 (idle, Mon Jan  6 10:00:00 2025)\r\nlrm pve1 (wait_for_agent_lock, Mon Jan  6 10:00:01 2025)   <- after reboot\r\n",
    );
    expect(status.master).toMatchObject({ state: "idle", time: "Mon Jan  6 10:00:00 2025" });
    expect(status.lrms).toEqual([{ node: "pve1", state: "wait_for_agent_lock", time: "Mon Jan  6 10:00:01 2025" }]);
  });

  it("reads a cluster without HA resources (quorum line only)", () => {
    expect(parseHaManagerStatus("quorum OK\n")).toMatchObject({ quorum: "OK", master: null, lrms: [], services: [] });
  });

  it("throws ParseError on empty input, garbage, missing quorum line and truncated verbose JSON", () => {
    expect(() => parseHaManagerStatus("")).toThrow(ParseError);
    expect(() => parseHaManagerStatus("Segmentation fault\n")).toThrow(ParseError);
    expect(() => parseHaManagerStatus("service vm:100 (pve1, started)\n")).toThrow(/quorum/);
    const truncated = fixture("ha-manager-status-verbose.txt").slice(0, 600);
    expect(() => parseHaManagerStatus(truncated)).toThrow(/incomplete/);
  });

  it("reads 1000 services", () => {
    const lines = ["quorum OK", "master pve1 (active, Mon Jan  6 10:00:00 2025)"];
    for (let i = 0; i < 1000; i++) lines.push(`service vm:${1000 + i} (pve${(i % 3) + 1}, started)`);
    const status = parseHaManagerStatus(lines.join("\n"));
    expect(status.services).toHaveLength(1000);
    expect(status.services[999]).toMatchObject({ sid: "vm:1999", node: "pve1", vmid: 1999 });
  });
});
