import { describe, expect, it } from "vitest";
import { report, type TReport } from "@/lib/reports/report";
import { advanceAlerts, alertKey, type TAlertRecord } from "./alert-state";

const linkDown = (host = "pve1") => report("warning", "COROSYNC_LINK_DOWN", `link 1 of ${host} is down`, { host, link: 1, peers: ["pve2"] });
const unreachable = report("error", "HOST_UNREACHABLE", "The panel cannot reach pve3", { host: "pve3", cause: "SSH_CONNECT_TIMEOUT" });
const maintenance = report("info", "NODE_IN_MAINTENANCE", "pve2 is in maintenance", { node: "pve2" });

const t = (seconds: number) => new Date(Date.UTC(2026, 10, 21, 3, 0, seconds));

// Runs rounds in sequence, feeding back what the collector would store (ids assigned on insert).
function rounds(sequence: TReport[][], start = 0, stepSeconds = 5) {
  let open: TAlertRecord[] = [];
  let nextId = 1;
  const log: string[][] = [];
  sequence.forEach((reports, i) => {
    const r = advanceAlerts(open, reports, t(start + i * stepSeconds));
    for (const u of r.upserts) u.id ??= `a${nextId++}`;
    open = r.upserts.filter((u) => u.state !== "resolved");
    log.push(r.events.map((e) => `${e.type} ${e.alert.key}`));
  });
  return { open, log };
}

describe("alertKey", () => {
  it("names the thing that is wrong, not the details that change between rounds", () => {
    expect(alertKey(linkDown())).toBe("COROSYNC_LINK_DOWN|host=pve1|link=1");
    expect(alertKey({ ...linkDown(), params: { host: "pve1", link: 1, peers: ["pve2", "pve3"] } })).toBe(alertKey(linkDown()));
    expect(alertKey(unreachable)).toBe("HOST_UNREACHABLE|host=pve3");
    expect(alertKey(report("error", "CLUSTER_NOT_QUORATE", "x", { inquorate: ["a"] }))).toBe("CLUSTER_NOT_QUORATE");
  });
});

describe("advanceAlerts", () => {
  it("fires an error in its first round and resolves it after three clean rounds", () => {
    const { log, open } = rounds([[unreachable], [unreachable], [], [], []]);
    expect(log).toEqual([["fired HOST_UNREACHABLE|host=pve3"], [], [], [], ["resolved HOST_UNREACHABLE|host=pve3"]]);
    expect(open).toEqual([]);
  });

  it("fires a warning only when it is seen in two rounds running", () => {
    expect(rounds([[linkDown()], []]).log).toEqual([[], []]);
    expect(rounds([[linkDown()], [linkDown()]]).log).toEqual([[], ["fired COROSYNC_LINK_DOWN|host=pve1|link=1"]]);
  });

  it("does not re-fire a flapping condition: one alert until it has been gone for three rounds", () => {
    const L = [linkDown()];
    const { log } = rounds([L, L, [], L, [], L, [], [], [], L, L]);
    expect(log.flat()).toEqual([
      "fired COROSYNC_LINK_DOWN|host=pve1|link=1",
      "resolved COROSYNC_LINK_DOWN|host=pve1|link=1",
      "fired COROSYNC_LINK_DOWN|host=pve1|link=1",
    ]);
  });

  it("drops a pending condition that went away before it fired", () => {
    const first = advanceAlerts([], [linkDown()], t(0));
    const pending = first.upserts.map((u) => ({ ...u, id: "a1" }));
    const second = advanceAlerts(pending, [], t(5));
    expect(second).toMatchObject({ upserts: [], events: [] });
    expect(second.dropped.map((d) => d.id)).toEqual(["a1"]);
  });

  it("keeps the newest message and params but the first-seen time", () => {
    const a = advanceAlerts([], [unreachable], t(0)).upserts.map((u) => ({ ...u, id: "a1" }));
    const changed = { ...unreachable, message: "The panel cannot reach pve3: refused", params: { host: "pve3", cause: "SSH_CONNECT_REFUSED" } };
    const [b] = advanceAlerts(a, [changed], t(5)).upserts;
    expect(b).toMatchObject({ id: "a1", state: "firing", message: changed.message, params: changed.params, seenRounds: 2, firstSeenAt: t(0), lastSeenAt: t(5), firedAt: t(0) });
  });

  it("tracks info without firing, then escalates a maintenance that lasts over half an hour", () => {
    const seq = Array.from({ length: 8 }, () => [maintenance]);
    const { log, open } = rounds(seq, 0, 5 * 60);
    // Rounds at 0, 5, …, 35 minutes: it becomes a warning at 30 min, already seen for long
    // enough, so it fires in that round.
    expect(log.flat()).toEqual(["fired NODE_IN_MAINTENANCE|node=pve2"]);
    expect(log.findIndex((l) => l.length > 0)).toBe(6);
    expect(open[0]).toMatchObject({ severity: "warning", firstSeenAt: t(0), state: "firing" });
  });

  it("reports an escalation of a firing alert to a worse severity", () => {
    const w = report("warning", "PACEMAKER_NODE_OFFLINE", "pve2 is offline", { node: "pve2" });
    const e = report("error", "PACEMAKER_NODE_OFFLINE", "pve2 is offline and unclean", { node: "pve2" });
    expect(rounds([[w], [w], [e]]).log.flat()).toEqual(["fired PACEMAKER_NODE_OFFLINE|node=pve2", "escalated PACEMAKER_NODE_OFFLINE|node=pve2"]);
  });

  it("leaves an alert alone in a round that could not see its condition", () => {
    const firing = advanceAlerts([], [unreachable], t(0)).upserts.map((u) => ({ ...u, id: "a1" }));
    let open = firing;
    for (let i = 1; i <= 5; i++) {
      const r = advanceAlerts(open, [], t(i * 5), (rec) => rec.code === "HOST_UNREACHABLE");
      expect(r).toEqual({ upserts: [], dropped: [], events: [] });
      open = firing;
    }
  });

  it("merges duplicates of one condition in a round, keeping the worst", () => {
    const dup = { ...unreachable, severity: "warning" as const };
    const r = advanceAlerts([], [dup, unreachable], t(0));
    expect(r.upserts).toHaveLength(1);
    expect(r.upserts[0]).toMatchObject({ severity: "error", state: "firing" });
  });
});
