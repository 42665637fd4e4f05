import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PRINT_ARGS_SCRIPT } from "@/lib/testing/print-args";
import { HOSTILE_ARGS } from "./__fixtures__/hostile-args";
import { shScript, toRemoteCommand, toShellCommand } from "./argv";

const CANARY = "/tmp/panel-injection-canary";

// What sshd does with our string: hand it to the login shell with -c.
function splitByShell(shell: string, command: string): string[] {
  const out = execFileSync(shell, ["-c", command], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("toShellCommand", () => {
  it("prefixes LC_ALL=C and quotes only what needs it", () => {
    expect(toShellCommand(["crm_mon", "--output-as=xml"])).toBe("LC_ALL=C crm_mon --output-as\\=xml");
    expect(toShellCommand(["echo", "a b"])).toBe("LC_ALL=C echo 'a b'");
  });

  it("lets locale variables override the default", () => {
    expect(toShellCommand(["date"], { LC_ALL: "C.UTF-8", LANG: "en_US.UTF-8" })).toBe("LC_ALL=C.UTF-8 LANG=en_US.UTF-8 date");
  });

  it("gives a shell-session line with the timeout in seconds, or none for a command with a newline", () => {
    expect(toRemoteCommand(["sleep", "5"], {}, 1500)).toEqual({ exec: "LC_ALL=C /usr/bin/timeout -k 1 1.500 sleep 5", line: "1.500 LC_ALL=C exec sleep 5" });
    expect(toRemoteCommand(["printf", "a\nb"], {}, 1000)).toEqual({ exec: "LC_ALL=C /usr/bin/timeout -k 1 1.000 printf 'a\nb'", line: null });
    expect(() => toRemoteCommand(["true"], {}, -1)).toThrow(/positive number of ms/);
  });

  it("wraps the command in the remote timeout when given one", () => {
    expect(toShellCommand(["sleep", "5"], {}, { timeoutMs: 1500 })).toBe("LC_ALL=C /usr/bin/timeout -k 1 1.500 sleep 5");
    expect(() => toShellCommand(["true"], {}, { timeoutMs: 0 })).toThrow(/positive number of ms/);
    expect(() => toShellCommand(["true"], {}, { timeoutMs: Number.NaN })).toThrow(/positive number of ms/);
  });

  it("refuses variables that change what runs or how the shell parses", () => {
    for (const name of ["PATH", "LD_PRELOAD", "IFS", "lc_all", "LC_ALL;id"]) {
      expect(() => toShellCommand(["true"], { [name]: "x" })).toThrow(/not allowed/);
    }
    expect(() => toShellCommand(["true"], { LC_ALL: "C; id" })).toThrow(/plain locale name/);
    expect(() => toShellCommand(["true"], { LANG: "$(id)" })).toThrow(/plain locale name/);
  });

  it("rejects argv no command line can carry", () => {
    expect(() => toShellCommand([])).toThrow(/at least one argument/);
    expect(() => toShellCommand([""])).toThrow(/program name/);
    expect(() => toShellCommand(["echo", "a\0b"])).toThrow(/NUL/);
    expect(() => toShellCommand(["echo", 42 as unknown as string])).toThrow(/number, not a string/);
    expect(() => toShellCommand(["echo", undefined as unknown as string])).toThrow(/undefined, not a string/);
  });

  it("carries the report code RUNNER_INVALID_ARGV", () => {
    try {
      toShellCommand([]);
      expect.unreachable();
    } catch (err) {
      expect((err as { report: { code: string } }).report.code).toBe("RUNNER_INVALID_ARGV");
    }
  });
});

describe("shScript", () => {
  it("keeps the script constant and user data positional", () => {
    expect(shScript('cat -- "$1"', ["/etc/hosts"])).toEqual(["/bin/sh", "-c", 'cat -- "$1"', "--", "/etc/hosts"]);
  });

  it("passes hostile data as $1 without evaluating it", () => {
    const argv = shScript('printf "%s\\0" "$1"', ["$(id) `id` ; id"]);
    expect(splitByShell("/bin/sh", toShellCommand(argv))).toEqual(["$(id) `id` ; id"]);
  });
});

describe.each(["/bin/sh", "/bin/bash"])("each hostile argument arrives as one literal argument through %s -c", (shell) => {
  it("splits the quoted command back into exactly the original argv", () => {
    rmSync(CANARY, { force: true });
    const command = toShellCommand(["/bin/sh", PRINT_ARGS_SCRIPT, ...HOSTILE_ARGS]);
    expect(splitByShell(shell, command)).toEqual(HOSTILE_ARGS);
    expect(existsSync(CANARY)).toBe(false);
  });

  it("keeps every argument intact behind the timeout wrapper", () => {
    const command = toShellCommand(["/bin/sh", PRINT_ARGS_SCRIPT, ...HOSTILE_ARGS], {}, { timeoutMs: 10_000 });
    expect(splitByShell(shell, command)).toEqual(HOSTILE_ARGS);
  });

  it.each(HOSTILE_ARGS.map((a) => [JSON.stringify(a).slice(0, 40), a]))("%s alone", (_label, arg) => {
    expect(splitByShell(shell, toShellCommand(["/bin/sh", PRINT_ARGS_SCRIPT, arg]))).toEqual([arg]);
  });

  it("runs a hostile program name as a (missing) program, not as shell code", () => {
    rmSync(CANARY, { force: true });
    expect(() => execFileSync(shell, ["-c", toShellCommand([`touch ${CANARY}`])], { stdio: "ignore" })).toThrow();
    expect(existsSync(CANARY)).toBe(false);
  });
});
