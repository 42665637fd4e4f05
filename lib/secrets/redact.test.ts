import { describe, expect, it } from "vitest";
import { redact, REDACTED, SECRET_FIELDS } from "./redact";

describe("redact", () => {
  it("replaces secret fields at any depth and leaves the rest", () => {
    const host = {
      name: "pve1",
      credential: { kind: "private-key", privateKey: "-----BEGIN...", publicKey: "ssh-ed25519 AAAA" },
      bootstrap: [{ password: "hunter2", user: "root" }],
      pinnedAt: new Date(0),
    };
    const out = redact(host, SECRET_FIELDS);
    expect(out).toEqual({
      name: "pve1",
      credential: { kind: "private-key", privateKey: REDACTED, publicKey: "ssh-ed25519 AAAA" },
      bootstrap: [{ password: REDACTED, user: "root" }],
      pinnedAt: new Date(0),
    });
    expect(JSON.stringify(out)).not.toContain("hunter2");
    expect(host.bootstrap[0]?.password).toBe("hunter2");
  });

  it("redacts only the keys it is given", () => {
    expect(redact({ token: "t", password: "p" }, ["token"])).toEqual({ token: REDACTED, password: "p" });
  });
});
