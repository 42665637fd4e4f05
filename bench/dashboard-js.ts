// The JavaScript a browser loads for the cluster dashboard (/clusters/<id>), gzip-compressed
// (target < 250 KB). Read from the existing `next build` output the way Next counts "First Load
// JS" (next/dist/build/route-bundle-stats.js): the route's client reference manifest lists, per
// segment (root layout, the (panel) layout, the page, their loading/error/not-found files),
// the chunks it needs (entryJSFiles); build-manifest.json adds the runtime every page loads
// (rootMainFiles). polyfillFiles are left out: they load only in browsers without ES modules.
// Chunks a client component imports lazily (next/dynamic, import()) are not counted either.
// Build first, under the lab lock: flock /tmp/panel-lab.lock npx next build
//   npx tsx bench/dashboard-js.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { printSummary, stamp, type TSummaryRow } from "./summary";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST = path.join(ROOT, ".next");
const APP_PATH = "/(panel)/clusters/[clusterId]/page";
const TARGET_KB = 250;

const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(DIST, file), "utf8"));

if (!existsSync(path.join(DIST, "BUILD_ID"))) throw new Error("no complete .next build (BUILD_ID missing): flock /tmp/panel-lab.lock npx next build");
const builtAt = statSync(path.join(DIST, "BUILD_ID")).mtime;

const appPaths = readJson("server/app-paths-manifest.json") as Record<string, string>;
if (!(APP_PATH in appPaths)) throw new Error(`${APP_PATH} is not in .next/server/app-paths-manifest.json`);
const build = readJson("build-manifest.json") as { rootMainFiles?: string[]; polyfillFiles?: string[] };

// The manifest is a script that assigns globalThis.__RSC_MANIFEST[<app path>]: run it in a sandbox.
const manifestFile = path.join(DIST, "server/app", `${APP_PATH}_client-reference-manifest.js`);
const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
sandbox.globalThis = sandbox;
runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
const entry = sandbox.__RSC_MANIFEST?.[APP_PATH]?.entryJSFiles;
if (!entry) throw new Error(`${path.relative(ROOT, manifestFile)} has no entryJSFiles for ${APP_PATH}`);

const bySegment = Object.entries(entry).map(([segment, files]) => ({ segment: segment.replace(/^\[project\]\//, ""), files: files.filter((f) => f.endsWith(".js")) }));
const runtime = (build.rootMainFiles ?? []).filter((f) => f.endsWith(".js"));
const files = [...new Set([...runtime, ...bySegment.flatMap((s) => s.files)])];
const sizes = new Map(
  files.map((f) => {
    const body = readFileSync(path.join(DIST, f));
    return [f, { raw: body.length, gzip: gzipSync(body).length }] as const;
  }),
);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const sum = (list: readonly string[], k: "raw" | "gzip") => list.reduce((a, f) => a + (sizes.get(f)?.[k] ?? 0), 0);
const gzip = sum(files, "gzip");
const raw = sum(files, "raw");

console.log(`\nJS for ${APP_PATH} (.next built ${builtAt.toISOString().slice(0, 16).replace("T", " ")} UTC); ${stamp()}`);
console.log("| file | from | size | gzip |\n|---|---|---|---|");
for (const f of [...files].sort((a, b) => (sizes.get(b)?.gzip ?? 0) - (sizes.get(a)?.gzip ?? 0))) {
  const from = [...(runtime.includes(f) ? ["runtime (rootMainFiles)"] : []), ...bySegment.filter((s) => s.files.includes(f)).map((s) => s.segment)];
  console.log(`| ${f} | ${from.join(", ")} | ${kb(sizes.get(f)?.raw ?? 0)} | ${kb(sizes.get(f)?.gzip ?? 0)} |`);
}
console.log(`| **${files.length} files** | | ${kb(raw)} | **${kb(gzip)}** |`);
const polyfills = (build.polyfillFiles ?? []).filter((f) => f.endsWith(".js"));
if (polyfills.length > 0) console.log(`not counted: ${polyfills.join(", ")} (nomodule polyfills)`);

// Next's own First Load JS figure for the route (uncompressed), when the build wrote it.
const statsFile = path.join(DIST, "diagnostics/route-bundle-stats.json");
if (existsSync(statsFile)) {
  const stats = JSON.parse(readFileSync(statsFile, "utf8")) as { route: string; firstLoadUncompressedJsBytes: number }[];
  const mine = stats.find((s) => s.route === "/clusters/[clusterId]");
  if (mine) console.log(`Next's route-bundle-stats.json: First Load JS ${kb(mine.firstLoadUncompressedJsBytes)} uncompressed (this script: ${kb(raw)})`);
}

const rows: TSummaryRow[] = [{ bench: "dashboard-js", figure: `cluster dashboard JS, ${files.length} chunks, gzip (raw ${kb(raw)})`, value: kb(gzip), target: `< ${TARGET_KB} KB`, met: gzip < TARGET_KB * 1024 }];
printSummary(rows);
if (gzip >= TARGET_KB * 1024) process.exitCode = 1;
