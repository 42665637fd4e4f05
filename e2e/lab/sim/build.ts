import { chmodSync, readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

// Bundles every simulator in src/bin into one executable file in bin/ (no extension, like
// the real tools), so a lab host runs it with plain node: ~40 ms a call instead of tsx's ~300.
const here = import.meta.dirname;
const entries = readdirSync(path.join(here, "src/bin")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

await Promise.all(
  entries.map(async (entry) => {
    const outfile = path.join(here, "bin", entry.replace(/\.ts$/, ""));
    await build({
      entryPoints: [path.join(here, "src/bin", entry)],
      outfile,
      bundle: true,
      platform: "node",
      target: "node20",
      // The project is "type": "module", so node reads these extensionless files as ESM.
      format: "esm",
      banner: { js: '#!/usr/bin/env node\nimport { createRequire as __simRequire } from "node:module";\nconst require = __simRequire(import.meta.url);' },
      minify: true,
      logLevel: "warning",
    });
    chmodSync(outfile, 0o755);
  }),
);
console.log(`sim: built ${entries.length} simulators into ${path.join(here, "bin")}`);
