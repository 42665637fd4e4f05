import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ParseError } from "@/agents/common/parse-error";
import { corpusEntry } from "./corpus-map";
import { parserFor } from "./formats";

// Every sample in ../shared/corpus through the same registry the CLI uses. The agents'
// own corpus tests check field values file by file; this sweep proves nothing is left out
// and prints the count per format.
const corpus = path.resolve(import.meta.dirname, "../../../shared/corpus");

function filesUnder(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const r = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, r)).isDirectory() ? filesUnder(dir, r) : [r];
  });
}

// The contract: absent values are null, never "".
function emptyStrings(value: unknown, at = "$"): string[] {
  if (value === "") return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyStrings(v, `${at}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => emptyStrings(v, `${at}.${k}`));
  return [];
}

const counts = new Map<string, { parsed: number; failedAsExpected: number }>();

describe("the shared corpus", () => {
  it("is beside the project (CI always has ../shared)", () => {
    expect(existsSync(corpus), `../shared/corpus is missing: expected at ${corpus}`).toBe(true);
  });

  const files = existsSync(corpus) ? filesUnder(corpus).filter((f) => f !== "INDEX.md") : [];

  it.each(files)("%s", (rel) => {
    const entry = corpusEntry(rel);
    if (entry.format === null) {
      expect(entry.reason).not.toMatch(/^no format matches/);
      return;
    }
    const parse = parserFor(entry.format)!;
    const text = readFileSync(path.join(corpus, rel), "utf8");
    const c = counts.get(entry.format) ?? { parsed: 0, failedAsExpected: 0 };
    counts.set(entry.format, c);
    if (entry.expectFailure) {
      try {
        parse(text);
        c.parsed++;
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
        c.failedAsExpected++;
      }
      return;
    }
    expect(emptyStrings(parse(text))).toEqual([]);
    c.parsed++;
  });

  afterAll(() => {
    const rows = [...counts].sort().map(([f, c]) => `  ${f.padEnd(28)} ${c.parsed} parsed${c.failedAsExpected ? `, ${c.failedAsExpected} refused (exit 2)` : ""}`);
    console.log(`corpus per format:\n${rows.join("\n")}`);
  });
});
