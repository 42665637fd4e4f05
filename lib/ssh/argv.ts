import { quote } from "shell-quote";
import { errorReport, ReportError } from "@/lib/reports/report";

// SSH carries one command string, which the remote login shell parses. This module is the
// only place that builds that string, so quoting is correct (and tested) in exactly one spot.
// It assumes a POSIX login shell (sh, dash, bash) for the remote user, as on Proxmox VE.

// Locale-style variables only: anything that changes which binary runs (PATH, LD_*) or how
// the shell parses (IFS, ENV) must never be settable per command.
const ENV_NAME = /^(LANG|LANGUAGE|LC_[A-Z]+)$/;
const ENV_VALUE = /^[A-Za-z0-9_.@:-]*$/;

const DEFAULT_ENV: Readonly<Record<string, string>> = { LC_ALL: "C" };

function invalidArgv(message: string, params: Record<string, unknown> = {}): ReportError {
  return new ReportError(errorReport("RUNNER_INVALID_ARGV", message, params));
}

function assertArgv(argv: readonly unknown[]): asserts argv is string[] {
  if (!Array.isArray(argv) || argv.length === 0) throw invalidArgv("a command needs at least one argument");
  argv.forEach((arg, index) => {
    if (typeof arg !== "string") {
      throw invalidArgv(`argument ${index} is a ${typeof arg}, not a string`, { index });
    }
    if (arg.includes("\0")) {
      throw invalidArgv(`argument ${index} contains a NUL byte, which no command line can carry`, { index });
    }
  });
  if (argv[0] === "") throw invalidArgv("the program name (argument 0) is empty");
}

function envAssignments(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env).map(([name, value]) => {
    if (!ENV_NAME.test(name)) {
      throw invalidArgv(`environment variable ${JSON.stringify(name)} is not allowed (only LANG, LANGUAGE, LC_*)`, { name });
    }
    if (!ENV_VALUE.test(value)) {
      throw invalidArgv(`value of ${name} must be a plain locale name`, { name });
    }
    return `${name}=${value}`;
  });
}

// The remote side of a command timeout. Closing an SSH channel does not stop the command, and
// sshd refuses "signal" requests for root sessions (OpenSSH 9.2 runs them without privilege
// separation), so a hung command would live on and keep its session slot. coreutils timeout
// on the host ends it (TERM, then KILL a second later), together with its process group.
const REMOTE_TIMEOUT = "/usr/bin/timeout";
const KILL_AFTER_SECONDS = "1";

function timeoutSeconds(timeoutMs: number): string {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw invalidArgv(`timeout must be a positive number of ms, got ${timeoutMs}`);
  return (timeoutMs / 1000).toFixed(3);
}

function timeoutPrefix(timeoutMs: number | undefined): string[] {
  if (timeoutMs === undefined) return [];
  return [REMOTE_TIMEOUT, "-k", KILL_AFTER_SECONDS, timeoutSeconds(timeoutMs)];
}

// argv → the string sent as the SSH exec request: `LC_ALL=C [timeout -k 1 N] 'prog' 'arg'...`.
export function toShellCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
  // `replaceShell`: the parsing shell execs the program instead of forking it (a shell
  // session's /bin/sh has nothing left to do after it).
  opts: { timeoutMs?: number; replaceShell?: boolean } = {},
): string {
  assertArgv(argv);
  const assignments = envAssignments({ ...DEFAULT_ENV, ...env });
  return [...assignments, ...(opts.replaceShell ? ["exec"] : []), quote([...timeoutPrefix(opts.timeoutMs), ...argv])].join(" ");
}

// One command in the two forms the pool can send it: `exec` for an SSH exec request (with the
// remote timeout wrapper), `line` for a shell session (lib/ssh/shell-session.ts): the timeout
// in seconds, a space, the command without the wrapper — null when the command holds a
// newline, which a line-based session cannot carry.
export type TRemoteCommand = { exec: string; line: string | null };

export function toRemoteCommand(argv: readonly string[], env: Readonly<Record<string, string>> = {}, timeoutMs: number): TRemoteCommand {
  const exec = toShellCommand(argv, env, { timeoutMs });
  const bare = toShellCommand(argv, env, { replaceShell: true });
  return { exec, line: bare.includes("\n") ? null : `${timeoutSeconds(timeoutMs)} ${bare}` };
}

// For the few steps that need a pipeline or a test: the script is a constant in our code and
// user data only ever arrives as "$1", "$2"... (Cockpit's cockpit.script pattern).
export function shScript(script: string, args: readonly string[] = []): string[] {
  return ["/bin/sh", "-c", script, "--", ...args];
}
