import "server-only";
import { Client } from "ssh2";
import { classifyConnectError, SshError } from "./errors";
import { fingerprintOf, keyTypeOf, verifyCommandFor } from "./fingerprint";

export type THostKeyInfo = { algorithm: string; fingerprint: string; verifyCommand: string };

const DEFAULT_TIMEOUT_MS = 10_000;

// Trust on first use, done deliberately: run the key exchange only far enough to see the
// host's key, then abort before any credentials are sent. The admin compares the fingerprint
// with `verifyCommand`'s output on the host and pins it.
export function fetchHostKey(opts: { address: string; port?: number; timeoutMs?: number }): Promise<THostKeyInfo> {
  const port = opts.port ?? 22;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const host = `${opts.address}:${port}`;
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen: THostKeyInfo | null = null;
    const finish = (fn: () => void) => {
      client.removeAllListeners();
      client.on("error", () => {});
      client.end();
      fn();
    };
    client.on("error", (err) => {
      if (seen) {
        const info = seen;
        finish(() => resolve(info));
      } else {
        finish(() => reject(classifyConnectError(host, err, timeoutMs)));
      }
    });
    client.on("ready", () =>
      finish(() => reject(new SshError("SSH_HANDSHAKE_FAILED", `${host} accepted a login without credentials; refusing.`, { host }))),
    );
    client.on("close", () => {
      if (seen) {
        const info = seen;
        finish(() => resolve(info));
      } else {
        finish(() => reject(new SshError("SSH_HANDSHAKE_FAILED", `${host} closed the connection before showing a host key.`, { host })));
      }
    });
    client.connect({
      host: opts.address,
      port,
      username: "panel-host-key-probe",
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => {
        const algorithm = keyTypeOf(key);
        seen = { algorithm, fingerprint: fingerprintOf(key), verifyCommand: verifyCommandFor(algorithm) };
        return false;
      },
    });
  });
}
