import { describe, expect, it } from "vitest";
import { classifyConnectError, hostKeyChanged, SshError } from "./errors";

const err = (message: string, extra: { level?: string; code?: string }) => Object.assign(new Error(message), extra);

describe("classifyConnectError", () => {
  const host = "root@10.0.0.1:22";

  it.each([
    [err("connect ECONNREFUSED 10.0.0.1:22", { level: "client-socket", code: "ECONNREFUSED" }), "SSH_UNREACHABLE", true],
    [err("connect EHOSTUNREACH", { level: "client-socket", code: "EHOSTUNREACH" }), "SSH_UNREACHABLE", true],
    [err("getaddrinfo ENOTFOUND pve9", { level: "client-socket", code: "ENOTFOUND" }), "SSH_UNREACHABLE", false],
    [err("getaddrinfo EAI_AGAIN pve9", { level: "client-socket", code: "EAI_AGAIN" }), "SSH_UNREACHABLE", true],
    [err("Timed out while waiting for handshake", { level: "client-timeout" }), "SSH_CONNECT_TIMEOUT", true],
    [err("All configured authentication methods failed", { level: "client-authentication" }), "SSH_AUTH_FAILED", false],
    [err("Handshake failed: no matching host key format", { level: "handshake" }), "SSH_HANDSHAKE_FAILED", false],
  ])("%s → %s (retryable %s)", (e, code, retryable) => {
    const mapped = classifyConnectError(host, e, 5000);
    expect(mapped.report.code).toBe(code);
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.report.params.host).toBe(host);
  });
});

describe("SshError", () => {
  it("is a report error that never marks host-key or auth failures retryable", () => {
    const changed = hostKeyChanged("h", "SHA256:old", "SHA256:new", "ssh-ed25519");
    expect(changed.retryable).toBe(false);
    expect(changed.report).toMatchObject({ code: "SSH_HOST_KEY_CHANGED", severity: "error", params: { expected: "SHA256:old", presented: "SHA256:new" } });
    expect(changed.message).toContain("expected SHA256:old");
    expect(changed.message).toContain("presented SHA256:new");
    expect(changed.message).toContain("re-pin");
    expect(new SshError("SSH_AUTH_FAILED", "x").retryable).toBe(false);
    expect(new SshError("SSH_CONNECTION_LOST", "x").retryable).toBe(true);
  });

  it("adds params without losing code or retryability", () => {
    const e = new SshError("SSH_UNREACHABLE", "down", { host: "h" }).withParams({ attempts: 3 });
    expect(e.report.params).toEqual({ host: "h", attempts: 3 });
    expect(e.retryable).toBe(true);
  });
});
