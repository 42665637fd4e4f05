import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// What the production build depends on. A checkout that changed any of these since the
// last build gets rebuilt on start, so `git pull && npm start` never serves stale code.
const INPUTS = ["app", "components", "lib", "agents", "proxy.ts", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", "__fixtures__"]);

function collect(root: string, rel: string, out: string[]): void {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return;
  if (statSync(abs).isFile()) {
    out.push(rel);
    return;
  }
  for (const entry of readdirSync(abs).sort()) {
    if (SKIP.has(entry) || entry.endsWith(".test.ts")) continue;
    collect(root, path.join(rel, entry), out);
  }
}

export function computeBuildStamp(root: string): string {
  const files: string[] = [];
  for (const input of INPUTS) collect(root, input, files);
  const hash = createHash("sha256");
  for (const f of files) hash.update(f).update("\0").update(readFileSync(path.join(root, f))).update("\0");
  return hash.digest("hex");
}

export const STAMP_FILE = ".next/panel-build-stamp";

export function buildIsCurrent(root: string): boolean {
  const stampPath = path.join(root, STAMP_FILE);
  if (!existsSync(path.join(root, ".next/BUILD_ID")) || !existsSync(stampPath)) return false;
  return readFileSync(stampPath, "utf8").trim() === computeBuildStamp(root);
}
