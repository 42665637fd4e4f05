import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "@/agents/common/parse-error";
import { corpusEntry } from "./corpus-map";
import { FORMAT_NAMES, parserFor } from "./formats";

// Property: whatever bytes arrive, a parser either returns a model or throws ParseError
// (which the CLI turns into exit 2). Seeds are the real corpus samples, cut and corrupted
// by a seeded generator so a failure is reproducible; huge and pathological inputs check
// that no parser backtracks its way into a hang (the per-test timeout is the guard).
const corpus = path.resolve(import.meta.dirname, "../../../shared/corpus");

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedsByFormat(): Map<string, string[]> {
  const seeds = new Map<string, string[]>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(corpus, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(corpus, r)).isDirectory()) walk(r);
      else {
        const entry = corpusEntry(r);
        if (entry.format) seeds.set(entry.format, [...(seeds.get(entry.format) ?? []), readFileSync(path.join(corpus, r), "utf8")]);
      }
    }
  };
  if (existsSync(corpus)) walk("");
  return seeds;
}

function expectOnlyParseError(format: string, input: string): void {
  const parse = parserFor(format)!;
  try {
    parse(input);
  } catch (e) {
    if (!(e instanceof ParseError)) {
      throw new Error(`${format} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} on input starting ${JSON.stringify(input.slice(0, 80))}`);
    }
    expect(e.oneLine()).not.toContain("\n");
  }
}

const PATHOLOGICAL = [
  "",
  "\n\n\n",
  "\u0000".repeat(1000),
  "{".repeat(100_000),
  "[".repeat(100_000),
  "<a>".repeat(30_000),
  "<".repeat(100_000),
  "a:".repeat(100_000),
  " ".repeat(1_000_000),
  "\t".repeat(200_000) + "x",
  "-".repeat(200_000),
  "0: cs:".repeat(50_000),
  '"'.repeat(100_000),
  "nan ".repeat(100_000),
];

const seeds = seedsByFormat();

describe.each(FORMAT_NAMES)("%s", (format) => {
  const rnd = mulberry32(format.length * 7919 + format.charCodeAt(0));
  const own = seeds.get(format) ?? [];

  it("throws only ParseError on pathological input", () => {
    for (const input of PATHOLOGICAL) expectOnlyParseError(format, input);
  }, 60_000);

  it("throws only ParseError on random bytes", () => {
    for (let i = 0; i < 30; i++) {
      const len = Math.floor(rnd() * 4000);
      expectOnlyParseError(format, Array.from({ length: len }, () => String.fromCharCode(Math.floor(rnd() * 256))).join(""));
    }
  }, 60_000);

  it("throws only ParseError on cut and corrupted real samples", () => {
    for (const seed of own) {
      for (let i = 0; i < 25; i++) expectOnlyParseError(format, seed.slice(0, Math.floor(rnd() * seed.length)));
      for (let i = 0; i < 25; i++) {
        const chars = [...seed];
        for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) chars[Math.floor(rnd() * chars.length)] = String.fromCharCode(Math.floor(rnd() * 256));
        expectOnlyParseError(format, chars.join(""));
      }
    }
  }, 60_000);

  it("reads a huge input without hanging", () => {
    const seed = own[0] ?? "x\n";
    expectOnlyParseError(format, seed.repeat(Math.max(1, Math.floor(2_000_000 / Math.max(1, seed.length)))));
  }, 60_000);
});
