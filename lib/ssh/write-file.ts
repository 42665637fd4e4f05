import { errorReport, ReportError } from "@/lib/reports/report";
import { shScript } from "./argv";
import type { Runner } from "./runner";

// Remote files are written like Ansible's lineinfile does it: read the current content (the
// caller keeps it to show a diff and to undo), write only if it differs, into a temp file
// beside the target, validate that temp file with the tool, then rename it over the target.
// rename(2) within one directory is atomic: readers see the old file or the new one, never half.

// Stands for the temp file's path inside a `validate` argv, e.g. ["drbdadm", "-c", TEMP_PATH, "dump"].
export const TEMP_PATH = "{tmp}";

// Exit code our read script uses for "no such file" (cat itself exits 1 on errors).
const MISSING = 3;
const READ_SCRIPT = `[ -e "$1" ] || exit ${MISSING}; exec cat -- "$1"`;
const MODE_SCRIPT = 'exec stat -c %a -- "$1"';
// $1 target, $2 mode or "" to keep the target's owner and mode (0644 for a new file).
// Prints the temp path; removes the temp file itself if anything fails before that.
const WRITE_TEMP_SCRIPT = [
  "set -e",
  'tmp=$(mktemp "$(dirname -- "$1")/.$(basename -- "$1").panel-XXXXXX")',
  "trap 'rm -f -- \"$tmp\"' EXIT",
  'cat > "$tmp"',
  'if [ -n "$2" ]; then chmod "$2" "$tmp"',
  'elif [ -e "$1" ]; then chmod --reference="$1" "$tmp"; chown --reference="$1" "$tmp"',
  'else chmod 0644 "$tmp"; fi',
  'sync -- "$tmp"',
  "trap - EXIT",
  'printf "%s" "$tmp"',
].join("\n");
const MOVE_SCRIPT = 'exec mv -f -- "$1" "$2"';
const REMOVE_SCRIPT = 'exec rm -f -- "$1"';
const CHMOD_SCRIPT = 'exec chmod "$1" "$2"';

// Exported so tests can spell out the exact commands a write runs.
export const FILE_SCRIPTS = {
  read: READ_SCRIPT,
  mode: MODE_SCRIPT,
  writeTemp: WRITE_TEMP_SCRIPT,
  move: MOVE_SCRIPT,
  remove: REMOVE_SCRIPT,
  chmod: CHMOD_SCRIPT,
} as const;

export type TWriteFileRequest = {
  path: string;
  content: string;
  // Octal string like "0640"; without it an existing file keeps its mode and owner.
  mode?: string;
  validate?: string[];
};
export type TWriteFileResult = { changed: boolean; previous: string | null };

function fileError(code: string, message: string, params: Record<string, unknown>): ReportError {
  return new ReportError(errorReport(code, message, params));
}

function assertPath(path: string): void {
  if (!path.startsWith("/") || path.endsWith("/") || /[\0\n]/.test(path)) {
    throw fileError("FILE_PATH_INVALID", `${JSON.stringify(path)} is not an absolute file path`, { path });
  }
}

export async function readFileIfExists(runner: Runner, path: string): Promise<string | null> {
  assertPath(path);
  const r = await runner.run(shScript(READ_SCRIPT, [path]), { okCodes: "any" });
  if (r.code === MISSING) return null;
  if (r.code !== 0) throw fileError("FILE_READ_FAILED", `cannot read ${path}: ${r.stderr.trim()}`, { path, code: r.code, stderr: r.stderr });
  return r.stdout;
}

async function modeDiffers(runner: Runner, path: string, mode: string): Promise<boolean> {
  const r = await runner.run(shScript(MODE_SCRIPT, [path]));
  return parseInt(r.stdout.trim(), 8) !== parseInt(mode, 8);
}

export async function writeFileAtomic(runner: Runner, req: TWriteFileRequest): Promise<TWriteFileResult> {
  assertPath(req.path);
  if (req.mode !== undefined && !/^0?[0-7]{3,4}$/.test(req.mode)) {
    throw fileError("FILE_MODE_INVALID", `${JSON.stringify(req.mode)} is not an octal file mode`, { mode: req.mode });
  }
  if (req.validate && !req.validate.some((arg) => arg.includes(TEMP_PATH))) {
    throw fileError("FILE_VALIDATE_INVALID", `the validate command must contain ${TEMP_PATH} where the file goes`, { validate: req.validate });
  }
  const previous = await readFileIfExists(runner, req.path);
  if (previous === req.content) {
    if (req.mode === undefined || !(await modeDiffers(runner, req.path, req.mode))) return { changed: false, previous };
    await runner.run(shScript(CHMOD_SCRIPT, [req.mode, req.path]));
    return { changed: true, previous };
  }

  const written = await runner.run(shScript(WRITE_TEMP_SCRIPT, [req.path, req.mode ?? ""]), { stdin: req.content, okCodes: "any" });
  if (written.code !== 0) {
    throw fileError("FILE_WRITE_FAILED", `cannot write beside ${req.path}: ${written.stderr.trim()}`, { path: req.path, stderr: written.stderr });
  }
  const tmp = written.stdout;
  try {
    if (req.validate) {
      const argv = req.validate.map((arg) => arg.split(TEMP_PATH).join(tmp));
      const v = await runner.run(argv, { okCodes: "any" });
      if (v.code !== 0) {
        throw fileError("FILE_VALIDATION_FAILED", `${argv[0]} rejected the new ${req.path}: ${(v.stderr || v.stdout).trim()}`, {
          path: req.path,
          validate: req.validate,
          code: v.code,
          output: (v.stderr || v.stdout).trim(),
        });
      }
    }
    await runner.run(shScript(MOVE_SCRIPT, [tmp, req.path]));
  } catch (err) {
    // Best effort: a failed cleanup must not hide why the write failed.
    await runner.run(shScript(REMOVE_SCRIPT, [tmp]), { okCodes: "any" }).catch(() => undefined);
    throw err;
  }
  return { changed: true, previous };
}
