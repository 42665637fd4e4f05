import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusEntry } from "./corpus-map";
import { detectAndParse } from "./detect";

// Auto-detection must name the right format for every complete real sample, so an admin
// can paste anything from a ticket without choosing.
const corpus = path.resolve(import.meta.dirname, "../../../shared/corpus");

function samples(rel = ""): string[] {
  return readdirSync(path.join(corpus, rel)).flatMap((n) => {
    const r = rel ? `${rel}/${n}` : n;
    return statSync(path.join(corpus, r)).isDirectory() ? samples(r) : [r];
  });
}

const cases = existsSync(corpus)
  ? samples().flatMap((rel) => {
      const e = corpusEntry(rel);
      return e.format && !e.expectFailure ? [[rel, e.format] as const] : [];
    })
  : [];

describe("detectAndParse", () => {
  it("has the corpus to check against", () => {
    expect(cases.length, "../shared/corpus is missing").toBeGreaterThan(100);
  });

  const SAME_OUTPUT: Record<string, string> = { "pvecm-nodes": "corosync-quorum" };
  it.each(cases)("%s → %s", (rel, format) => {
    const outcome = detectAndParse(readFileSync(path.join(corpus, rel), "utf8"));
    expect(outcome?.format).toBe(SAME_OUTPUT[format] ?? format);
  });

  it("gives up on text that is no known capture", () => {
    expect(detectAndParse("hello, this is not a cluster")).toBeNull();
  });
});
