import { describe, expect, it } from "vitest";
import { clusterTimeline } from "./timeline";

const d = (iso: string) => new Date(iso);

describe("clusterTimeline", () => {
  it("merges quorum events, alerts raised and cleared, and finished jobs, newest first", () => {
    const t = clusterTimeline({
      clusterId: "c1",
      quorum: [
        { at: "2026-11-21T10:01:00.000Z", text: "quorum lost" },
        { at: "2026-11-21T10:03:00.000Z", text: "quorum regained" },
        { at: "2026-11-21T10:02:00.000Z", text: "lab3 left the membership (2 of 3 votes)" },
      ],
      alerts: [
        { id: "a1", code: "HOST_UNREACHABLE", severity: "warning", message: "The panel cannot reach lab3.", firedAt: d("2026-11-21T10:00:30Z"), resolvedAt: d("2026-11-21T10:04:00Z") },
        // Pending, never fired: not an event.
        { id: "a2", code: "X", severity: "error", message: "never fired", firedAt: null, resolvedAt: null },
        { id: "a3", code: "DRBD_SPLIT_BRAIN", severity: "error", message: "Split brain on r0", firedAt: d("2026-11-21T10:05:00Z"), resolvedAt: null },
      ],
      jobs: [
        { id: "j1", kind: "guest.migrate", title: "Migrate a guest", state: "succeeded", finishedAt: d("2026-11-21T10:02:30Z") },
        { id: "j2", kind: "guest.migrate", state: "running", finishedAt: null },
      ],
    });
    expect(t.map((e) => [e.at.slice(11, 19), e.kind, e.tone, e.text, e.href])).toEqual([
      ["10:05:00", "alert-raised", "crit", "Alert: Split brain on r0", "/clusters/c1/alerts"],
      ["10:04:00", "alert-cleared", "ok", "Cleared: The panel cannot reach lab3.", "/clusters/c1/alerts"],
      ["10:03:00", "quorum", "ok", "quorum regained", null],
      ["10:02:30", "job", "ok", "Migrate a guest: succeeded", "/jobs/j1"],
      ["10:02:00", "quorum", "info", "lab3 left the membership (2 of 3 votes)", null],
      ["10:01:00", "quorum", "crit", "quorum lost", null],
      ["10:00:30", "alert-raised", "warn", "Alert: The panel cannot reach lab3.", "/clusters/c1/alerts"],
    ]);
  });
  it("keeps only the newest entries", () => {
    const quorum = Array.from({ length: 5 }, (_, i) => ({ at: `2026-11-21T10:0${i}:00.000Z`, text: `event ${i}` }));
    expect(clusterTimeline({ clusterId: "c1", quorum, alerts: [], jobs: [] }, 2).map((e) => e.text)).toEqual(["event 4", "event 3"]);
  });
});
