import "server-only";
import PQueue from "p-queue";
import type { Client } from "ssh2";
import { backoffDelayMs, sleep } from "./backoff";
import { connectClient } from "./connect";
import { channelLimit, connectionLost, SshError } from "./errors";
import { ChannelNotOpenedError, execOnClient, type TExecOutcome } from "./exec";
import type { TPoolSettings } from "./pool-settings";
import { ShellSession } from "./shell-session";
import type { TRemoteCommand } from "./argv";
import { targetLabel, type TSshTarget } from "./target";

export type THostStats = {
  connected: boolean;
  // Successful connections over the lifetime of this entry (1 = everything shared one connection).
  connects: number;
  connectAttempts: number;
  openChannels: number;
  queued: number;
  // Highest number of commands running at the same time.
  peakChannels: number;
  // Shell sessions opened over the lifetime of this entry, and those open now.
  shellsOpened: number;
  shells: number;
};

// A refused channel never ran its command, so it is retried a few times (the host may
// still be releasing the previous session) before reporting SSH_CHANNEL_LIMIT.
const CHANNEL_OPEN_RETRIES = 3;

// One host: a single ssh2 connection shared by many channels, at most
// `maxChannelsPerHost` at a time (the rest wait in order), closed after an idle period.
// Commands without stdin run on reusable shell sessions (ShellSession); the others, and any
// beyond the shells, get an exec channel each. Idle shells hold channels too, so the cap
// counts them: an exec channel that would exceed it first closes an idle shell.
export class HostConnection {
  readonly label: string;
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  // Commands are numbered as they queue up. When connecting fails, every command that was
  // already waiting fails with the same report instead of hammering the host with its own
  // attempts (which for a refused key could trip fail2ban).
  private enqueued = 0;
  private connectFailure: { error: SshError; upTo: number } | null = null;
  private readonly queue: PQueue;
  private readonly counters = { connects: 0, connectAttempts: 0, openChannels: 0, peakChannels: 0, shellsOpened: 0 };
  private shells: ShellSession[] = [];
  private shellsOpening = 0;
  private execChannels = 0;

  constructor(
    readonly target: TSshTarget,
    private readonly settings: TPoolSettings,
  ) {
    this.label = targetLabel(target);
    this.queue = new PQueue({ concurrency: settings.maxChannelsPerHost });
  }

  stats(): THostStats {
    return { connected: this.client !== null, ...this.counters, shells: this.liveShells().length, queued: this.queue.size };
  }

  exec(command: TRemoteCommand, opts: { stdin?: string | Buffer; timeoutMs: number }): Promise<TExecOutcome> {
    const ticket = ++this.enqueued;
    return this.queue.add(() => {
      const failure = this.connectFailure;
      if (failure && ticket <= failure.upTo) throw failure.error;
      return this.execNow(command, opts);
    });
  }

  close(): void {
    this.closed = true;
    this.clearIdle();
    this.client?.end();
    this.client = null;
  }

  private async execNow(command: TRemoteCommand, opts: { stdin?: string | Buffer; timeoutMs: number }): Promise<TExecOutcome> {
    if (this.closed) throw connectionLost(this.label, "the connection pool was closed");
    this.clearIdle();
    this.counters.openChannels++;
    this.counters.peakChannels = Math.max(this.counters.peakChannels, this.counters.openChannels);
    try {
      for (let attempt = 1; ; attempt++) {
        const client = await this.getClient();
        try {
          if (command.line !== null && opts.stdin === undefined) {
            const shell = await this.claimShell(client);
            if (shell) return await shell.run(command.line, { host: this.label, timeoutMs: opts.timeoutMs, ...this.execLimits() }, () => this.drop(client));
          }
          return await this.execOnChannel(client, command.exec, opts);
        } catch (err) {
          if (!(err instanceof ChannelNotOpenedError)) throw err;
          if (err.reason === "connection") this.drop(client);
          if (attempt > CHANNEL_OPEN_RETRIES) {
            throw err.reason === "refused" ? channelLimit(this.label, err.message) : connectionLost(this.label, err.message);
          }
          if (err.reason === "refused") await sleep(50 * 2 ** attempt);
        }
      }
    } finally {
      this.counters.openChannels--;
      if (this.counters.openChannels === 0 && this.queue.size === 0) this.armIdle();
    }
  }

  private async execOnChannel(client: Client, command: string, opts: { stdin?: string | Buffer; timeoutMs: number }): Promise<TExecOutcome> {
    if (this.liveShells().length + this.shellsOpening + this.execChannels >= this.settings.maxChannelsPerHost) {
      this.liveShells().find((shell) => shell.idle)?.close();
    }
    this.execChannels++;
    try {
      return await execOnClient(client, command, { host: this.label, ...opts, ...this.execLimits() }, () => this.drop(client));
    } finally {
      this.execChannels--;
    }
  }

  private liveShells(): ShellSession[] {
    this.shells = this.shells.filter((shell) => shell.alive && shell.client === this.client);
    return this.shells;
  }

  // An idle shell of this connection, or a new one while under the limit; null = use exec.
  private async claimShell(client: Client): Promise<ShellSession | null> {
    const live = this.liveShells();
    const idle = live.find((shell) => shell.tryClaim());
    if (idle) return idle;
    const limit = Math.min(this.settings.shellsPerHost, this.settings.maxChannelsPerHost);
    if (live.length + this.shellsOpening >= limit) return null;
    this.shellsOpening++;
    try {
      const shell = await ShellSession.open(client, this.label);
      this.counters.shellsOpened++;
      if (client === this.client) this.shells.push(shell);
      return shell;
    } finally {
      this.shellsOpening--;
    }
  }

  private execLimits() {
    return { maxOutputBytes: this.settings.maxOutputBytes, closeGraceMs: this.settings.closeGraceMs };
  }

  private getClient(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    // Commands that arrive while connecting wait for the same attempt instead of opening their own.
    this.connecting ??= this.connectWithRetry().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connectWithRetry(): Promise<Client> {
    const s = this.settings;
    for (let attempt = 1; ; attempt++) {
      this.counters.connectAttempts++;
      try {
        const client = await connectClient(this.target, s);
        if (this.closed) {
          client.end();
          throw connectionLost(this.label, "the connection pool was closed");
        }
        this.adopt(client);
        return client;
      } catch (err) {
        if (!(err instanceof SshError)) throw err;
        if (!err.retryable || attempt >= s.connectAttempts || this.closed) {
          const final = err.withParams({ attempts: attempt });
          this.connectFailure = { error: final, upTo: this.enqueued };
          throw final;
        }
        await sleep(backoffDelayMs(attempt, { baseMs: s.backoffBaseMs, maxMs: s.backoffMaxMs }));
      }
    }
  }

  private adopt(client: Client): void {
    this.counters.connects++;
    this.client = client;
    // Running commands learn about a dead connection from their channels; here we only make
    // sure the next command reconnects instead of using a dead client.
    client.setMaxListeners(this.settings.maxChannelsPerHost + 10);
    client.on("error", () => this.drop(client));
    client.on("close", () => this.drop(client));
  }

  private drop(client: Client): void {
    if (this.client === client) this.client = null;
    client.destroy();
  }

  private armIdle(): void {
    this.clearIdle();
    if (!this.client) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.counters.openChannels > 0 || !this.client) return;
      this.client.end();
      this.client = null;
    }, this.settings.idleCloseMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
