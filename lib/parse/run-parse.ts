import { ParseError } from "@/agents/common/parse-error";
import { parserFor } from "./formats";

export type TParseOutcome =
  | { ok: true; format: string; model: unknown }
  | { ok: false; format: string; message: string; line: number | null };

// One place that runs a parser and turns every failure into a one-line message: the CLI,
// the paste page and the collector all go through it, so none of them can crash on input.
export function runParse(format: string, text: string): TParseOutcome {
  const parse = parserFor(format);
  if (!parse) return { ok: false, format, message: `${format}: unknown format`, line: null };
  try {
    return { ok: true, format, model: parse(text) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, format, message: e.oneLine(), line: e.line };
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, format, message: `${format}: cannot read input (${why})`.replace(/[\r\n]+/g, " "), line: null };
  }
}
