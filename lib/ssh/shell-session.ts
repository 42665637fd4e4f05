import "server-only";
import { randomBytes } from "node:crypto";
import type { Client, ClientChannel } from "ssh2";
import { toShellCommand } from "./argv";
import { commandTimeout, connectionLost, outputTooLarge, SshError } from "./errors";
import { ChannelNotOpenedError, classifyOpenError, type TExecOutcome } from "./exec";
import { MarkerReader } from "./marker-reader";
import { CHOOSE_LOOP, PERL_LOOP, SH_LOOP } from "./shell-loops";

// Runs commands on a long-lived loop on the host (lib/ssh/shell-loops.ts) instead of an SSH
// exec channel each: see there for the protocol and why.
const SESSION_COMMAND = toShellCommand(["/bin/sh", "-c", CHOOSE_LOOP, "-", PERL_LOOP, SH_LOOP]);

export type TShellRunSettings = { host: string; timeoutMs: number; maxOutputBytes: number; closeGraceMs: number };

type TCurrent = {
  stdout: MarkerReader;
  stderr: MarkerReader;
  out: { body: Buffer; trailer: string } | null;
  err: { body: Buffer; trailer: string } | null;
  checkSize: () => void;
  finish: () => void;
  fail: (error: SshError) => void;
};

export class ShellSession {
  private busy = true;
  private dead = false;
  private current: TCurrent | null = null;

  private constructor(
    readonly client: Client,
    private readonly channel: ClientChannel,
    private readonly nonce: string,
    private readonly host: string,
  ) {
    channel.on("data", (chunk: Buffer) => this.onOutput("stdout", chunk));
    channel.stderr.on("data", (chunk: Buffer) => this.onOutput("stderr", chunk));
    channel.on("error", (err: Error) => this.onGone(err.message));
    channel.on("close", () => this.onGone("the host closed the shell session"));
  }

  // Opens a session, already claimed by the caller.
  static open(client: Client, host: string): Promise<ShellSession> {
    return new Promise((resolve, reject) => {
      try {
        client.exec(SESSION_COMMAND, (err, channel) => {
          if (err) return reject(classifyOpenError(err));
          const nonce = randomBytes(16).toString("hex");
          const session = new ShellSession(client, channel, nonce, host);
          channel.write(`${nonce}\n`);
          resolve(session);
        });
      } catch (err) {
        reject(new ChannelNotOpenedError("connection", err instanceof Error ? err.message : String(err)));
      }
    });
  }

  get alive(): boolean {
    return !this.dead;
  }

  get idle(): boolean {
    return !this.dead && !this.busy;
  }

  tryClaim(): boolean {
    if (!this.idle) return false;
    this.busy = true;
    return true;
  }

  close(): void {
    if (this.dead) return;
    this.dead = true;
    this.channel.end();
    this.channel.close();
  }

  // Runs one command on a claimed session and releases it afterwards. `onUnhealthy` is called
  // when the host does not confirm closing a session we gave up on: the connection is stuck.
  run(line: string, s: TShellRunSettings, onUnhealthy: () => void): Promise<TExecOutcome> {
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(connectionLost(this.host, "the shell session was closed"));
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.current = null;
        fn();
      };
      // Gives up on the session: EOF ends the loop once the command is gone (its timeout
      // wrapper sees to that), and the host confirms the close only then.
      const abandon = (makeError: (connectionKept: boolean) => SshError) => {
        if (settled) return;
        this.current = null;
        clearTimeout(timer);
        const grace = setTimeout(() => {
          onUnhealthy();
          settle(() => reject(makeError(false)));
        }, s.closeGraceMs);
        this.channel.once("close", () => {
          clearTimeout(grace);
          settle(() => reject(makeError(true)));
        });
        this.close();
      };
      const timer = setTimeout(() => abandon((kept) => commandTimeout(s.host, s.timeoutMs, kept)), s.timeoutMs);

      const current: TCurrent = {
        stdout: new MarkerReader(this.nonce),
        stderr: new MarkerReader(this.nonce),
        out: null,
        err: null,
        finish: () => {
          if (!current.out || !current.err) return;
          const code = /^ (\d+)$/.exec(current.out.trailer)?.[1];
          if (code === undefined) {
            abandon(() => connectionLost(s.host, `unreadable end of command: ${JSON.stringify(current.out?.trailer)}`));
            return;
          }
          const outcome = { code: Number(code), stdout: current.out.body.toString("utf8"), stderr: current.err.body.toString("utf8") };
          settle(() => {
            this.busy = false;
            resolve(outcome);
          });
        },
        // The markers count towards the size; an exit code never has more than 3 digits.
        checkSize: () => {
          if (current.stdout.size + current.stderr.size > s.maxOutputBytes + 2 * (this.nonce.length + 6)) {
            abandon(() => outputTooLarge(s.host, s.maxOutputBytes));
          }
        },
        fail: (error) => settle(() => reject(error)),
      };
      this.current = current;
      this.channel.write(`${line}\n`);
    });
  }

  private onOutput(stream: "stdout" | "stderr", chunk: Buffer): void {
    const current = this.current;
    if (!current) return;
    const frame = (stream === "stdout" ? current.stdout : current.stderr).push(chunk);
    if (frame) current[stream === "stdout" ? "out" : "err"] = frame;
    current.checkSize();
    if (this.current === current) current.finish();
  }

  private onGone(detail: string): void {
    this.dead = true;
    this.current?.fail(connectionLost(this.host, detail));
  }
}
