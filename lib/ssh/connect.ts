import "server-only";
import { Client, type ConnectConfig } from "ssh2";
import { classifyConnectError, hostKeyChanged, hostKeyUnknown, SshError } from "./errors";
import { fingerprintOf, hostKeyAlgorithmsFor, keyTypeOf } from "./fingerprint";
import { targetLabel, type TSshTarget } from "./target";

export type TConnectSettings = {
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
};

function authConfig(target: TSshTarget): Partial<ConnectConfig> {
  return target.auth.kind === "key"
    ? { privateKey: target.auth.privateKey, passphrase: target.auth.passphrase }
    : { password: target.auth.password };
}

// One connection attempt: TCP, key exchange with the pinned host key, authentication.
// Resolves with a ready client or rejects with an SshError; never leaves a socket behind.
export function connectClient(target: TSshTarget, settings: TConnectSettings): Promise<Client> {
  const host = targetLabel(target);
  return new Promise((resolve, reject) => {
    const client = new Client();
    // Set by the host verifier; it explains the generic "Host denied" error that follows.
    let hostKeyRefusal: SshError | null = null;
    let settled = false;
    const fail = (error: SshError) => {
      if (settled) return;
      settled = true;
      client.removeAllListeners();
      client.on("error", () => {});
      client.destroy();
      reject(error);
    };
    client.once("ready", () => {
      if (settled) return;
      settled = true;
      client.removeAllListeners();
      resolve(client);
    });
    client.on("error", (err) => fail(hostKeyRefusal ?? classifyConnectError(host, err, settings.connectTimeoutMs)));
    client.on("close", () =>
      fail(hostKeyRefusal ?? new SshError("SSH_UNREACHABLE", `${host} closed the connection during the handshake.`, { host })),
    );

    const pinned = target.hostKey;
    const pinnedAlgorithms = pinned ? hostKeyAlgorithmsFor(pinned.algorithm) : null;
    const config: ConnectConfig = {
      host: target.address,
      port: target.port,
      username: target.username,
      readyTimeout: settings.connectTimeoutMs,
      keepaliveInterval: settings.keepaliveIntervalMs,
      keepaliveCountMax: settings.keepaliveCountMax,
      tryKeyboard: false,
      ...(pinnedAlgorithms ? { algorithms: { serverHostKey: pinnedAlgorithms } } : {}),
      hostVerifier: (key: Buffer) => {
        const presented = fingerprintOf(key);
        const algorithm = keyTypeOf(key);
        if (!pinned) hostKeyRefusal = hostKeyUnknown(host, presented, algorithm);
        else if (pinned.fingerprint !== presented) hostKeyRefusal = hostKeyChanged(host, pinned.fingerprint, presented, algorithm);
        return hostKeyRefusal === null;
      },
      ...authConfig(target),
    };
    try {
      client.connect(config);
      // Commands are a few small packets each way; with Nagle's algorithm on, each waits for a
      // delayed ACK and a `true` takes ~90 ms instead of a few.
      client.setNoDelay(true);
    } catch (err) {
      // ssh2 parses the private key synchronously: a corrupt key or a wrong passphrase lands here.
      const detail = err instanceof Error ? err.message : String(err);
      fail(new SshError("SSH_KEY_INVALID", `The private key for ${host} cannot be used: ${detail}.`, { host, detail }));
    }
  });
}
