import "server-only";
import { constants as osConstants } from "node:os";
import type { Client, ClientChannel } from "ssh2";
import { commandTimeout, connectionLost, outputTooLarge, SshError } from "./errors";

export type TExecSettings = {
  host: string;
  stdin?: string | Buffer;
  timeoutMs: number;
  maxOutputBytes: number;
  // How long to wait for the host to confirm a channel we closed before calling the
  // connection unhealthy.
  closeGraceMs: number;
};

export type TExecOutcome = { code: number; stdout: string; stderr: string };

// The channel never opened, so the command did not run and may safely be tried again:
// "connection" = the connection was already gone; "refused" = the host declined the channel.
export class ChannelNotOpenedError extends Error {
  readonly reason: "connection" | "refused";
  constructor(reason: "connection" | "refused", detail: string) {
    super(detail);
    this.name = "ChannelNotOpenedError";
    this.reason = reason;
  }
}

// A shell reports death by signal N as 128+N; we do the same so callers see one number.
function signalExitCode(signal: string): number {
  const signals: Record<string, number | undefined> = osConstants.signals;
  return 128 + (signals[signal.startsWith("SIG") ? signal : `SIG${signal}`] ?? 0);
}

export function classifyOpenError(err: Error): Error {
  const reason: unknown = (err as Error & { reason?: unknown }).reason;
  if (typeof reason === "number") return new ChannelNotOpenedError("refused", err.message);
  if (/No response from server|Not connected/i.test(err.message)) return new ChannelNotOpenedError("connection", err.message);
  return new SshError("SSH_CHANNEL_FAILED", `Could not start the command: ${err.message}.`, { detail: err.message });
}

// Runs one command on an open connection. `onUnhealthy` is called when the host stops
// answering on this connection, so the owner can drop it instead of reusing it.
export function execOnClient(client: Client, command: string, s: TExecSettings, onUnhealthy: () => void): Promise<TExecOutcome> {
  return new Promise((resolve, reject) => {
    try {
      // Listeners must be attached inside the callback, synchronously: ssh2 may deliver the
      // output and the exit status in the same tick the channel opens.
      client.exec(command, (err, channel) => (err ? reject(classifyOpenError(err)) : watch(channel, resolve, reject)));
    } catch (err) {
      reject(new ChannelNotOpenedError("connection", err instanceof Error ? err.message : String(err)));
    }
  });

  function watch(channel: ClientChannel, resolve: (o: TExecOutcome) => void, reject: (e: Error) => void): void {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    let exitCode: number | null = null;
    let connectionClosed = false;
    let aborting = false;
    let settled = false;

    const onClientClose = () => {
      connectionClosed = true;
    };
    client.once("close", onClientClose);
    const timer = setTimeout(() => abort((kept) => commandTimeout(s.host, s.timeoutMs, kept)), s.timeoutMs);

    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeListener("close", onClientClose);
      fn();
    };

    // Close the channel; the error is raised once we know whether the host confirmed the close.
    // sshd confirms only after the command has exited (the remote timeout wrapper sees to that),
    // so no confirmation means a stuck command or a dead host: drop the connection either way,
    // which also frees the session slot the stuck channel holds.
    const abort = (makeError: (connectionKept: boolean) => SshError) => {
      if (aborting || settled) return;
      aborting = true;
      clearTimeout(timer);
      channel.close();
      const grace = setTimeout(() => {
        onUnhealthy();
        settle(() => reject(makeError(false)));
      }, s.closeGraceMs);
      channel.once("close", () => {
        clearTimeout(grace);
        settle(() => reject(makeError(!connectionClosed)));
      });
    };

    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (aborting) return;
      outputBytes += chunk.length;
      if (outputBytes > s.maxOutputBytes) {
        abort(() => outputTooLarge(s.host, s.maxOutputBytes));
        return;
      }
      into.push(chunk);
    };
    channel.on("data", collect(stdout));
    channel.stderr.on("data", collect(stderr));
    channel.on("exit", (code: number | null, signal?: string) => {
      exitCode = code ?? signalExitCode(signal ?? "");
    });
    channel.on("error", (err: Error) => {
      if (!aborting) settle(() => reject(connectionLost(s.host, err.message)));
    });
    channel.on("close", () => {
      if (aborting) return;
      if (exitCode === null) {
        settle(() => reject(connectionLost(s.host, connectionClosed ? "connection closed" : "channel closed without an exit status")));
        return;
      }
      const code = exitCode;
      settle(() =>
        resolve({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }),
      );
    });
    // Always close stdin: a command that reads it must see EOF rather than wait forever.
    if (s.stdin === undefined) channel.end();
    else channel.end(s.stdin);
  }
}
