import { createHash, randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PRINT_ARGS_SCRIPT, startSshd, type TTestSshd } from "@/lib/testing/sshd";
import { HOSTILE_ARGS } from "./__fixtures__/hostile-args";
import { shScript } from "./argv";
import type { TCommandEvent } from "./command-event";
import { SshPool, type TPoolOptions } from "./pool";
import { CommandFailedError } from "./runner";
import { createSshRunner } from "./ssh-runner";
import { ZSshTarget } from "./target";

// Against a real OpenSSH sshd on 127.0.0.1 (see lib/testing/sshd.ts).

let sshd: TTestSshd;
const pools: SshPool[] = [];

beforeAll(async () => {
  sshd = await startSshd();
});
afterEach(() => {
  for (const p of pools.splice(0)) p.closeAll();
});
afterAll(async () => {
  await sshd?.stop();
});

function setup(options: TPoolOptions = {}) {
  const events: TCommandEvent[] = [];
  const pool = new SshPool({ connectTimeoutMs: 5_000, commandTimeoutMs: 20_000, onCommand: (e) => void events.push(e), ...options });
  pools.push(pool);
  const target = ZSshTarget.parse(sshd.target());
  return { pool, events, runner: createSshRunner(pool, target, { jobId: "job-1" }), stats: () => pool.stats(target) };
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { report: { code: string; params: Record<string, unknown> }; retryable?: boolean },
  );

describe("running commands over the pool", () => {
  it("runs a command as root with LC_ALL=C and returns code, output and duration", { timeout: 30_000 }, async () => {
    const { runner } = setup();
    const r = await runner.run(["sh", "-c", 'echo "$LC_ALL"; id -u; echo oops >&2']);
    expect(r).toMatchObject({ code: 0, stdout: "C\n0\n", stderr: "oops\n" });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    const utf8 = await runner.run(["sh", "-c", 'echo "$LC_ALL"'], { env: { LC_ALL: "C.UTF-8" } });
    expect(utf8.stdout).toBe("C.UTF-8\n");
  });

  it("hands every hostile string to the remote program as one literal argument", { timeout: 30_000 }, async () => {
    const { runner } = setup();
    const r = await runner.run(["/bin/sh", PRINT_ARGS_SCRIPT, ...HOSTILE_ARGS]);
    expect(r.stdout.split("\0").slice(0, -1)).toEqual(HOSTILE_ARGS);
    const canary = await runner.run(["sh", "-c", "test -e /tmp/panel-injection-canary"], { okCodes: "any" });
    expect(canary.code).toBe(1);
  });

  it("passes data through stdin untouched and gives EOF when there is none", { timeout: 30_000 }, async () => {
    const { runner } = setup();
    const data = randomBytes(3 * 1024 * 1024);
    const r = await runner.run(["sha256sum"], { stdin: data });
    expect(r.stdout.split(" ")[0]).toBe(createHash("sha256").update(data).digest("hex"));
    expect((await runner.run(["cat"])).stdout).toBe("");
    expect((await runner.run(["cat"], { stdin: "héllo\n" })).stdout).toBe("héllo\n");
  });

  it("returns large output whole and refuses output past the bound", { timeout: 30_000 }, async () => {
    const big = setup();
    const r = await big.runner.run(shScript("head -c \"$1\" /dev/zero | tr '\\0' a", ["5000000"]));
    expect(r.stdout.length).toBe(5_000_000);

    const bounded = setup({ maxOutputBytes: 1024 * 1024 });
    const e = await errorOf(bounded.runner.run(shScript("head -c \"$1\" /dev/zero | tr '\\0' a", ["5000000"])));
    expect(e?.report).toMatchObject({ code: "SSH_OUTPUT_TOO_LARGE", params: { limitBytes: 1024 * 1024 } });
    expect((await bounded.runner.run(["echo", "still fine"])).stdout).toBe("still fine\n");
    expect(bounded.stats()?.connects).toBe(1);
  });

  it("reports exit codes: non-zero throws unless allowed, signals map to 128+N", { timeout: 30_000 }, async () => {
    const { runner } = setup();
    const failed = await errorOf(runner.run(["sh", "-c", "echo broken >&2; exit 3"]));
    expect(failed).toBeInstanceOf(CommandFailedError);
    expect(failed?.report).toMatchObject({ code: "COMMAND_FAILED", params: { code: 3, stderr: "broken" } });
    expect((await runner.run(["sh", "-c", "exit 3"], { okCodes: [0, 3] })).code).toBe(3);
    expect((await runner.run(["sh", "-c", "kill -TERM $$"], { okCodes: "any" })).code).toBe(143);
  });

  it("sends an audit event per command, with bounded output and no stdin content", { timeout: 30_000 }, async () => {
    const { runner, events } = setup({ auditOutputChars: 100 });
    await runner.run(["sh", "-c", "cat >/dev/null; head -c 500 /dev/zero | tr '\\0' x"], { stdin: "s3cret-password" });
    await runner.run(["false"]).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toHaveLength(2);
    const [first, second] = events;
    expect(first).toMatchObject({
      host: `root@127.0.0.1:${sshd.port}`,
      argv: ["sh", "-c", "cat >/dev/null; head -c 500 /dev/zero | tr '\\0' x"],
      code: 0,
      stdout: "x".repeat(100),
      stdoutTruncated: true,
      stdinBytes: 15,
      context: { jobId: "job-1" },
    });
    expect(first?.startedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(events)).not.toContain("s3cret");
    expect(second).toMatchObject({ argv: ["false"], code: 1 });
  });
});

describe("sharing one connection", () => {
  it("runs concurrent commands over a single connection", { timeout: 30_000 }, async () => {
    const { runner, stats } = setup();
    const before = sshd.connectionCount();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => runner.run(["echo", String(i)])));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 20 }, (_, i) => `${i}\n`));
    expect(sshd.connectionCount() - before).toBe(1);
    expect(stats()).toMatchObject({ connects: 1, connectAttempts: 1, peakChannels: 8 });
  });

  it("closes an idle connection and reconnects on the next command", { timeout: 30_000 }, async () => {
    const { runner, stats } = setup({ idleCloseMs: 200 });
    await runner.run(["true"]);
    expect(stats()?.connected).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(stats()?.connected).toBe(false);
    await runner.run(["true"]);
    expect(stats()).toMatchObject({ connected: true, connects: 2 });
  });

  it("replaces the connection when the host's settings change", { timeout: 30_000 }, async () => {
    const { pool } = setup();
    const a = createSshRunner(pool, sshd.target({ hostId: "h1" }));
    await a.run(["true"]);
    const b = createSshRunner(pool, sshd.target({ hostId: "h1", username: "nobody-here" }));
    expect((await errorOf(b.run(["true"])))?.report.code).toBe("SSH_AUTH_FAILED");
  });
});

describe("shell sessions", () => {
  it("reuses one shell for commands in sequence, and keeps stdout, stderr and exit codes apart", { timeout: 30_000 }, async () => {
    const { runner, stats } = setup();
    for (let i = 0; i < 10; i++) expect((await runner.run(["echo", String(i)])).stdout).toBe(`${i}\n`);
    const r = await runner.run(["sh", "-c", "printf out; printf err >&2; exit 7"], { okCodes: "any" });
    expect(r).toMatchObject({ code: 7, stdout: "out", stderr: "err" });
    expect((await runner.run(["sh", "-c", "read x; echo \"[$x]\""])).stdout).toBe("[]\n");
    expect(stats()).toMatchObject({ connects: 1, shellsOpened: 1, shells: 1 });
  });

  it("carries hostile strings literally through the shell, and those with newlines over exec", { timeout: 30_000 }, async () => {
    const { runner, stats } = setup();
    const oneLine = HOSTILE_ARGS.filter((a) => !a.includes("\n"));
    const multiLine = HOSTILE_ARGS.filter((a) => a.includes("\n"));
    expect(multiLine.length).toBeGreaterThan(0);
    const r = await runner.run(["/bin/sh", PRINT_ARGS_SCRIPT, ...oneLine]);
    expect(r.stdout.split("\0").slice(0, -1)).toEqual(oneLine);
    expect(stats()?.shellsOpened).toBe(1);
    const m = await runner.run(["/bin/sh", PRINT_ARGS_SCRIPT, ...multiLine]);
    expect(m.stdout.split("\0").slice(0, -1)).toEqual(multiLine);
    expect(stats()?.shellsOpened).toBe(1);
    expect((await runner.run(["sh", "-c", "test -e /tmp/panel-injection-canary"], { okCodes: "any" })).code).toBe(1);
  });

  it("opens shells up to its limit and sends the rest over exec channels", { timeout: 30_000 }, async () => {
    const { runner, stats } = setup({ shellsPerHost: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => runner.run(["sh", "-c", `sleep 0.3; echo ${i}`])));
    expect(results.map((x) => x.stdout)).toEqual(["0\n", "1\n", "2\n", "3\n", "4\n", "5\n"]);
    expect(stats()).toMatchObject({ shellsOpened: 2, shells: 2, peakChannels: 6 });
  });

  it("runs every command over exec when shells are off", { timeout: 30_000 }, async () => {
    const { runner, stats } = setup({ shellsPerHost: 0 });
    expect((await runner.run(["echo", "exec"])).stdout).toBe("exec\n");
    expect(stats()).toMatchObject({ shellsOpened: 0, shells: 0 });
  });
});

describe("channel cap", () => {
  let limited: TTestSshd;
  beforeAll(async () => {
    limited = await startSshd({ maxSessions: 3 });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("queues commands beyond the cap instead of exceeding the host's MaxSessions", { timeout: 30_000 }, async () => {
    const pool = new SshPool({ maxChannelsPerHost: 3 });
    pools.push(pool);
    const runner = createSshRunner(pool, limited.target());
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 9 }, () => runner.run(["sleep", "0.4"])));
    expect(results.every((r) => r.code === 0)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 400);
    expect(pool.stats(ZSshTarget.parse(limited.target()))).toMatchObject({ connects: 1, peakChannels: 3 });
  });

  it("closes an idle shell when an exec channel would exceed the cap", { timeout: 30_000 }, async () => {
    const pool = new SshPool({ maxChannelsPerHost: 3 });
    pools.push(pool);
    const runner = createSshRunner(pool, limited.target());
    await Promise.all(Array.from({ length: 3 }, () => runner.run(["sleep", "0.2"])));
    const target = ZSshTarget.parse(limited.target());
    expect(pool.stats(target)).toMatchObject({ shells: 3 });
    expect((await runner.run(["cat"], { stdin: "through exec\n" })).stdout).toBe("through exec\n");
    expect(pool.stats(target)).toMatchObject({ shells: 2, connects: 1 });
  });

  it("reports SSH_CHANNEL_LIMIT when the cap is set above the host's MaxSessions", { timeout: 30_000 }, async () => {
    const pool = new SshPool({ maxChannelsPerHost: 6 });
    pools.push(pool);
    const runner = createSshRunner(pool, limited.target());
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => errorOf(runner.run(["sleep", "1.5"]))));
    const codes = outcomes.map((o) => o?.report.code ?? "ok");
    expect(codes.filter((c) => c === "ok")).toHaveLength(3);
    expect(codes.filter((c) => c === "SSH_CHANNEL_LIMIT")).toHaveLength(3);
  });
});

describe("failures during a command", () => {
  it("times out a hanging command, closes its channel and keeps the healthy connection", { timeout: 30_000 }, async () => {
    const { runner, stats } = setup();
    const before = sshd.connectionCount();
    const started = performance.now();
    const e = await errorOf(runner.run(["sleep", "21.5"], { timeoutMs: 500 }));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(e?.report).toMatchObject({ code: "SSH_COMMAND_TIMEOUT", params: { timeoutMs: 500, connectionKept: true } });
    // The command itself is gone from the host, not just our channel.
    expect((await runner.run(["pgrep", "-f", "^sleep 21.5$"], { okCodes: "any" })).code).toBe(1);
    expect((await runner.run(["echo", "after"])).stdout).toBe("after\n");
    expect(stats()?.connects).toBe(1);
    expect(sshd.connectionCount() - before).toBe(1);
  });

  it("reports a connection dropped mid-command and reconnects for the next one", { timeout: 30_000 }, async () => {
    const { runner, stats } = setup();
    await runner.run(["true"]);
    const pending = errorOf(runner.run(["sleep", "20"]));
    await new Promise((r) => setTimeout(r, 300));
    sshd.killSessions();
    const e = await pending;
    expect(e?.report.code).toBe("SSH_CONNECTION_LOST");
    expect((await runner.run(["echo", "back"])).stdout).toBe("back\n");
    expect(stats()?.connects).toBe(2);
  });
});
