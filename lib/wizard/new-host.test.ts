import { describe, expect, it } from "vitest";
import { newHostStage, type TNewHostRow } from "./new-host";

const row = (over: Partial<TNewHostRow> = {}): TNewHostRow => ({
  pinned: true,
  offer: false,
  keyChange: null,
  hasCredential: true,
  hasFacts: false,
  factsJobState: "running",
  lastError: null,
  ...over,
});

describe("newHostStage", () => {
  it("asks to compare the fingerprint while the key is only offered", () => {
    expect(newHostStage(row({ pinned: false, offer: true, hasCredential: false, factsJobState: null }))).toEqual({ stage: "key", error: null });
  });

  it("fails without an offer to compare", () => {
    expect(newHostStage(row({ pinned: false, offer: false, hasCredential: false }))).toEqual({ stage: "failed", error: "No host key on record: add the host again." });
  });

  it("fails with the key-change message whatever else holds", () => {
    expect(newHostStage(row({ keyChange: "lab1 presents another host key", hasFacts: true }))).toEqual({ stage: "failed", error: "lab1 presents another host key" });
  });

  it("asks for a credential once the key is trusted", () => {
    expect(newHostStage(row({ hasCredential: false, factsJobState: null }))).toEqual({ stage: "credential", error: null });
  });

  it("waits for the facts while their job is queued or running, or not created yet", () => {
    expect(newHostStage(row({ factsJobState: "queued" })).stage).toBe("facts");
    expect(newHostStage(row({ factsJobState: "running" })).stage).toBe("facts");
    expect(newHostStage(row({ factsJobState: null })).stage).toBe("facts");
  });

  it("is ready once facts are stored, even while a newer read runs", () => {
    expect(newHostStage(row({ hasFacts: true, factsJobState: "running" }))).toEqual({ stage: "ready", error: null });
  });

  it("fails with the last connection's report when the facts job ended without facts", () => {
    expect(newHostStage(row({ factsJobState: "failed", lastError: "10.99.0.11:22 refused the key for root" }))).toEqual({
      stage: "failed",
      error: "10.99.0.11:22 refused the key for root",
    });
    expect(newHostStage(row({ factsJobState: "failed" }))).toEqual({ stage: "failed", error: "Reading the facts ended failed: see the job's log." });
  });
});
