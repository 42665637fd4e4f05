import { readFileSync } from "node:fs";
import { FORMAT_NAMES, parserFor } from "../lib/parse/formats";
import { runParse } from "../lib/parse/run-parse";

// `npm run -s cli -- parse FORMAT FILE` (../shared/contracts/parse-cli.md): JSON on stdout
// and exit 0; unreadable input → one line on stderr, exit 2; bad usage → exit 64.
const EX_USAGE = 64;

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: cli parse FORMAT FILE  (FILE may be - for stdin)\nformats: ${FORMAT_NAMES.join(", ")}\n`);
  process.exit(EX_USAGE);
}

function readInput(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    return usage(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function main(argv: string[]): void {
  const [command, format, file, ...extra] = argv;
  if (command !== "parse") usage(command ? `unknown command: ${command}` : "missing command");
  if (!format || !parserFor(format)) usage(format ? `unknown format: ${format}` : "missing FORMAT");
  if (!file || extra.length > 0) usage(file ? `unexpected arguments: ${extra.join(" ")}` : "missing FILE");
  const outcome = runParse(format, readInput(file));
  if (!outcome.ok) {
    process.stderr.write(`${outcome.message}\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(outcome.model, null, 2)}\n`);
}

main(process.argv.slice(2));
