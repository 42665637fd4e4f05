import { createTwoFilesPatch } from "diff";
import type { TFileDiff } from "./plan";

// The before/after of a file write as admins read it in `diff -u`: a missing file shows as
// /dev/null, the way git and diff(1) show a new file.
export function fileDiff(opts: { stepId: string; host: string; path: string; before: string | null; after: string }): TFileDiff {
  const { stepId, host, path, before, after } = opts;
  const patch =
    before === after ? "" : createTwoFilesPatch(before === null ? "/dev/null" : `a${path}`, `b${path}`, before ?? "", after, undefined, undefined, { context: 3 });
  return { stepId, host, path, before, after, patch, hidden: false };
}

export type TDiffLine = { kind: "add" | "remove" | "context" | "hunk" | "header"; text: string };

// Splits a unified diff into lines the page colours (+ green, - red).
export function diffLines(patch: string): TDiffLine[] {
  const lines = patch.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((text): TDiffLine => {
    if (text.startsWith("+++") || text.startsWith("---") || text.startsWith("====") || text.startsWith("Index:")) return { kind: "header", text };
    if (text.startsWith("@@")) return { kind: "hunk", text };
    if (text.startsWith("+")) return { kind: "add", text };
    if (text.startsWith("-")) return { kind: "remove", text };
    return { kind: "context", text };
  });
}
