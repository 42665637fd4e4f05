import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCrmMonXml } from "@/agents/pacemaker/parse";
import { errorReport } from "@/lib/reports/report";
import { ZHostProbe, type THostProbe } from "./model";
import { dropUnusedPacemaker } from "./optional-pacemaker";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpus");
const crmMonFailed = errorReport("PROBE_COMMAND_FAILED", "crm_mon exited with code 102: Error: cluster is not available on this node", { tool: "crm_mon", code: 102 });
const quorumFailed = errorReport("PROBE_COMMAND_FAILED", "corosync-quorumtool exited with code 1", { tool: "corosync-quorumtool", code: 1 });
const probe = (host: string, extra: Partial<THostProbe> = {}): THostProbe =>
  ZHostProbe.parse({ host, reachable: true, error: null, durationMs: 20, quorum: null, links: null, pacemaker: null, drbd: null, cluster: null, clockOffsetMs: 0, reports: [], ...extra });

describe("dropUnusedPacemaker", () => {
  it("drops crm_mon's failures when no host runs Pacemaker, and keeps every other report", () => {
    const out = dropUnusedPacemaker([probe("pve1", { reports: [crmMonFailed, quorumFailed] }), probe("pve2", { reports: [crmMonFailed] })]);
    expect(out.map((p) => p.reports)).toEqual([[quorumFailed], []]);
  });

  it("keeps a host's crm_mon failure once another host runs Pacemaker", () => {
    const running = probe("pve1", { pacemaker: parseCrmMonXml(readFileSync(path.join(CORPUS, "lab-captures/3node-crm_mon.xml"), "utf8")) });
    const out = dropUnusedPacemaker([running, probe("pve2", { reports: [crmMonFailed] })]);
    expect(out[1]?.reports).toEqual([crmMonFailed]);
  });
});
