import { describe, expect, it } from "vitest";
import { credentialStateOf, hostKeyChangeOf, hostKeyStateOf, readHostKeyOffer } from "./host-state";

const OLD = `SHA256:${"a".repeat(43)}`;
const NEW = `SHA256:${"b".repeat(43)}`;
const changedReport = (expected: string) => ({
  at: "2026-11-22T10:00:00.000Z",
  report: { code: "SSH_HOST_KEY_CHANGED", severity: "error", message: "changed", params: { expected, presented: NEW, algorithm: "ssh-ed25519" } },
});

describe("host key state", () => {
  it("is not trusted without a pin date, even with a fingerprint", () => {
    expect(hostKeyStateOf({ hostKeyFingerprint: OLD, hostKeyPinnedAt: null, lastConnection: null })).toBe("not-trusted");
    expect(hostKeyStateOf({ hostKeyFingerprint: null, hostKeyPinnedAt: null, lastConnection: null })).toBe("not-trusted");
  });

  it("is trusted when pinned and the last connection worked or failed otherwise", () => {
    const pinnedAt = new Date("2026-11-22T09:00:00Z");
    expect(hostKeyStateOf({ hostKeyFingerprint: OLD, hostKeyPinnedAt: pinnedAt, lastConnection: { at: "2026-11-22T10:00:00.000Z", report: null } })).toBe("trusted");
    const refused = { at: "2026-11-22T10:00:00.000Z", report: { code: "SSH_AUTH_FAILED", severity: "error", message: "no", params: {} } };
    expect(hostKeyStateOf({ hostKeyFingerprint: OLD, hostKeyPinnedAt: pinnedAt, lastConnection: refused })).toBe("trusted");
  });

  it("is CHANGED while the refusal is about the key pinned now", () => {
    const pinnedAt = new Date("2026-11-22T09:00:00Z");
    const host = { hostKeyFingerprint: OLD, hostKeyPinnedAt: pinnedAt, lastConnection: changedReport(OLD) };
    expect(hostKeyStateOf(host)).toBe("changed");
    expect(hostKeyChangeOf(host)).toMatchObject({ expected: OLD, presented: NEW });
  });

  it("forgets a change report that concerned a key no longer pinned", () => {
    const host = { hostKeyFingerprint: NEW, hostKeyPinnedAt: new Date(), lastConnection: changedReport(OLD) };
    expect(hostKeyStateOf(host)).toBe("trusted");
    expect(hostKeyChangeOf(host)).toBeNull();
  });

  it("reads only well-formed offers", () => {
    const offer = { algorithm: "ssh-ed25519", fingerprint: NEW, verifyCommand: "ssh-keygen -lf x", seenAt: "2026-11-22T10:00:00.000Z" };
    expect(readHostKeyOffer(offer)).toEqual(offer);
    expect(readHostKeyOffer({ ...offer, fingerprint: "nope" })).toBeNull();
    expect(readHostKeyOffer(null)).toBeNull();
  });
});

describe("credential state", () => {
  it("tells the panel's key from a pasted one", () => {
    expect(credentialStateOf({ credentialId: null }, "panel-key")).toBe("none");
    expect(credentialStateOf({ credentialId: "panel-key" }, "panel-key")).toBe("panel-key");
    expect(credentialStateOf({ credentialId: "c123" }, "panel-key")).toBe("private-key");
  });
});
