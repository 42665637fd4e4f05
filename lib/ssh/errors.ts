import { errorReport, ReportError } from "@/lib/reports/report";

// SSH failures are reports like everything else, so the UI can explain them and decide what
// to offer (retry, re-pin a key, fix credentials). `retryable` is true only for failures of
// the network itself: retrying a refused key or a changed host key would only hide an attack
// or lock the account.

export type SshErrorCode =
  | "SSH_UNREACHABLE"
  | "SSH_CONNECT_TIMEOUT"
  | "SSH_AUTH_FAILED"
  | "SSH_KEY_INVALID"
  | "SSH_HOST_KEY_UNKNOWN"
  | "SSH_HOST_KEY_CHANGED"
  | "SSH_HANDSHAKE_FAILED"
  | "SSH_COMMAND_TIMEOUT"
  | "SSH_CONNECTION_LOST"
  | "SSH_CHANNEL_LIMIT"
  | "SSH_CHANNEL_FAILED"
  | "SSH_OUTPUT_TOO_LARGE";

const RETRYABLE: ReadonlySet<SshErrorCode> = new Set(["SSH_UNREACHABLE", "SSH_CONNECT_TIMEOUT", "SSH_CONNECTION_LOST"]);

export class SshError extends ReportError {
  readonly code: SshErrorCode;
  readonly retryable: boolean;
  constructor(
    code: SshErrorCode,
    message: string,
    params: Record<string, unknown> = {},
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(errorReport(code, message, params));
    this.name = "SshError";
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    if (options.cause !== undefined) this.cause = options.cause;
  }

  // The same failure with more context (e.g. how many attempts were made).
  withParams(params: Record<string, unknown>): SshError {
    return new SshError(this.code, this.message, { ...this.report.params, ...params }, { cause: this.cause, retryable: this.retryable });
  }
}

export const hostKeyUnknown = (host: string, presented: string, algorithm: string) =>
  new SshError(
    "SSH_HOST_KEY_UNKNOWN",
    `${host} presented host key ${presented} (${algorithm}), but no key is pinned for it yet. ` +
      "Confirm the fingerprint on the host and pin it before connecting.",
    { host, presented, algorithm },
  );

export const hostKeyChanged = (host: string, expected: string, presented: string, algorithm: string) =>
  new SshError(
    "SSH_HOST_KEY_CHANGED",
    `The host key of ${host} changed: expected ${expected}, the host presented ${presented} (${algorithm}). ` +
      "This happens after a reinstall, and also when someone intercepts the connection. The panel will not connect. " +
      "If the change is expected, check the new fingerprint on the host's console (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) " +
      "and re-pin the key deliberately in the host's settings.",
    { host, expected, presented, algorithm },
  );

export const commandTimeout = (host: string, timeoutMs: number, connectionKept: boolean) =>
  new SshError(
    "SSH_COMMAND_TIMEOUT",
    `The command on ${host} did not finish within ${timeoutMs} ms; its channel was closed` +
      (connectionKept
        ? " and the command was stopped."
        : ". The host did not confirm that the command ended, so the connection was dropped; the command may still be running there."),
    { host, timeoutMs, connectionKept },
  );

export const connectionLost = (host: string, detail: string) =>
  new SshError(
    "SSH_CONNECTION_LOST",
    `The SSH connection to ${host} was lost while a command was running (${detail}). ` +
      "The command may or may not have finished on the host.",
    { host, detail },
  );

export const outputTooLarge = (host: string, limitBytes: number) =>
  new SshError(
    "SSH_OUTPUT_TOO_LARGE",
    `The command on ${host} printed more than ${limitBytes} bytes; it was stopped and its output discarded.`,
    { host, limitBytes },
  );

export const channelLimit = (host: string, detail: string) =>
  new SshError(
    "SSH_CHANNEL_LIMIT",
    `${host} refused to open another session (${detail}). Its sshd MaxSessions is probably lower than ` +
      "the panel's per-host channel cap; raise MaxSessions or lower the cap.",
    { host, detail },
  );

type Ssh2Error = Error & { level?: string; code?: string };

const NETWORK_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EPIPE", "EAI_AGAIN", "EHOSTDOWN", "ENETDOWN"]);

// Maps an error emitted while connecting (socket, handshake, auth) to a report.
export function classifyConnectError(host: string, err: Ssh2Error, connectTimeoutMs: number): SshError {
  const detail = err.message;
  const code = err.code;
  if (err.level === "client-authentication") {
    return new SshError(
      "SSH_AUTH_FAILED",
      `${host} refused the panel's credentials (${detail}). Check that the panel's public key is in the user's authorized_keys.`,
      { host, detail },
      { cause: err },
    );
  }
  if (err.level === "client-timeout" || code === "ETIMEDOUT") {
    return new SshError(
      "SSH_CONNECT_TIMEOUT",
      `${host} did not complete the SSH handshake within ${connectTimeoutMs} ms.`,
      { host, timeoutMs: connectTimeoutMs, detail },
      { cause: err },
    );
  }
  if (err.level === "client-dns" || code === "ENOTFOUND") {
    // A name that does not exist will not start existing in a second: not worth retrying.
    return new SshError("SSH_UNREACHABLE", `The name of ${host} does not resolve (${detail}).`, { host, detail, dns: true }, { cause: err, retryable: code === "EAI_AGAIN" });
  }
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new SshError("SSH_UNREACHABLE", `Cannot reach ${host}: ${detail}.`, { host, detail, errno: code }, { cause: err });
  }
  if (err.level === "client-socket") {
    return new SshError("SSH_UNREACHABLE", `Cannot reach ${host}: ${detail}.`, { host, detail }, { cause: err });
  }
  return new SshError("SSH_HANDSHAKE_FAILED", `The SSH handshake with ${host} failed: ${detail}.`, { host, detail }, { cause: err });
}
