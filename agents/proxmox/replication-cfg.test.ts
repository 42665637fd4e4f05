import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parsePveReplicationCfg, renderReplicationCfg } from "./replication-cfg";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parsePveReplicationCfg", () => {
  const { jobs } = parsePveReplicationCfg(fixture("replication.cfg-three-jobs.cfg"));

  it("reads guest and job number from the id, and typed rate, disable, comment, source", () => {
    expect(jobs).toHaveLength(3);
    expect(jobs[0]).toMatchObject({ type: "local", id: "100-0", guest: 100, jobnum: 0, target: "pve2", schedule: "*/15", rate: 50 });
    expect(jobs[1]).toMatchObject({ id: "100-1", target: "pve3", schedule: "22:30", comment: "nightly copy", disable: true, rate: null });
    expect(jobs[2]).toMatchObject({ id: "205-0", guest: 205, rate: 12.5, source: "pve3" });
  });

  it("round-trips through the renderer", () => {
    expect(parsePveReplicationCfg(renderReplicationCfg(jobs)).jobs).toEqual(jobs);
  });

  it("renders a job the way Proxmox writes it", () => {
    expect(renderReplicationCfg([jobs[0]!])).toBe("local: 100-0\n\ttarget pve2\n\tschedule */15\n\trate 50\n");
  });

  it("rejects a rate that is not a number", () => {
    expect(() => parsePveReplicationCfg("local: 100-0\n\ttarget pve2\n\trate fast\n")).toThrow(ParseError);
  });

  it("rejects garbage", () => {
    expect(() => parsePveReplicationCfg("<html>not found</html>\n")).toThrow(ParseError);
  });
});
