import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { HOSTILE_ARGS } from "./__fixtures__/hostile-args";
import { toRemoteCommand } from "./argv";
import { MarkerReader } from "./marker-reader";
import { PERL_LOOP, SH_LOOP } from "./shell-loops";
import { PRINT_ARGS_SCRIPT } from "@/lib/testing/sshd";

// Both session loops run here as local processes and must speak the same protocol: the host
// runs the Perl one when it has perl, the sh one otherwise (e.g. a NAS as QDevice witness).
const NONCE = "0123456789abcdef0123456789abcdef";
const LOOPS = { perl: ["perl", "-e", PERL_LOOP], sh: ["/bin/sh", "-c", SH_LOOP] } as const;

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

function startLoop(kind: keyof typeof LOOPS) {
  const [cmd, ...args] = LOOPS[kind];
  const child = spawn(cmd, args);
  children.push(child);
  child.stdin.write(`${NONCE}\n`);
  return {
    child,
    run(argv: string[], timeoutMs = 10_000): Promise<{ code: number; stdout: string; stderr: string }> {
      const line = toRemoteCommand(argv, {}, timeoutMs).line;
      if (line === null) throw new Error("command holds a newline");
      return new Promise((resolve) => {
        const out = new MarkerReader(NONCE);
        const err = new MarkerReader(NONCE);
        let o: ReturnType<MarkerReader["push"]> = null;
        let e: ReturnType<MarkerReader["push"]> = null;
        const done = () => {
          if (!o || !e) return;
          child.stdout.off("data", onOut);
          child.stderr.off("data", onErr);
          resolve({ code: Number(o.trailer.trim()), stdout: o.body.toString(), stderr: e.body.toString() });
        };
        const onOut = (c: Buffer) => {
          o ??= out.push(c);
          done();
        };
        const onErr = (c: Buffer) => {
          e ??= err.push(c);
          done();
        };
        child.stdout.on("data", onOut);
        child.stderr.on("data", onErr);
        child.stdin.write(`${line}\n`);
      });
    },
  };
}

describe.each(Object.keys(LOOPS) as (keyof typeof LOOPS)[])("the %s session loop", (kind) => {
  it("runs commands in turn with their own output, exit code and LC_ALL=C", { timeout: 20_000 }, async () => {
    const loop = startLoop(kind);
    expect(await loop.run(["sh", "-c", 'echo "$LC_ALL"; printf err >&2; exit 3'])).toEqual({ code: 3, stdout: "C\n", stderr: "err" });
    expect(await loop.run(["printf", "no newline"])).toEqual({ code: 0, stdout: "no newline", stderr: "" });
    expect((await loop.run(["sh", "-c", "read x; echo \"[$x]\""])).stdout).toBe("[]\n");
    expect((await loop.run(["sh", "-c", "kill -TERM $$"])).code).toBe(143);
    expect(await loop.run(["no-such-program-here"])).toMatchObject({ code: 127 });
  });

  it("hands hostile one-line strings over as single arguments", { timeout: 20_000 }, async () => {
    const loop = startLoop(kind);
    const oneLine = HOSTILE_ARGS.filter((a) => !a.includes("\n"));
    const r = await loop.run(["/bin/sh", PRINT_ARGS_SCRIPT, ...oneLine]);
    expect(r.stdout.split("\0").slice(0, -1)).toEqual(oneLine);
  });

  it("ends a command past its timeout with its children, TERM then KILL, and goes on", { timeout: 20_000 }, async () => {
    const loop = startLoop(kind);
    const started = performance.now();
    const r = await loop.run(["sh", "-c", "sleep 30 & wait"], 500);
    expect(r.code).toBe(124);
    expect(performance.now() - started).toBeLessThan(2_500);
    const stubborn = await loop.run(["sh", "-c", "trap '' TERM; sleep 31 & wait; sleep 31"], 500);
    expect(stubborn.code).toBe(137);
    const left = await loop.run(["pgrep", "-f", "^sleep 3[01]$"]);
    expect(left.code).toBe(1);
    expect((await loop.run(["echo", "after"])).stdout).toBe("after\n");
  });

  it("exits when its stdin closes", { timeout: 20_000 }, async () => {
    const loop = startLoop(kind);
    await loop.run(["true"]);
    const exited = new Promise<number | null>((resolve) => loop.child.once("exit", (code) => resolve(code)));
    loop.child.stdin.end();
    expect(await exited).toBe(0);
  });
});
