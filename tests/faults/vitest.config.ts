import path from "node:path";
import { defineConfig } from "vitest/config";

// The fault suite (npm run test:faults): integration tests that break things on purpose. Kept out
// of the integration project's globs because it runs longer and changes the lab's shape.
const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    name: "faults",
    root,
    include: ["tests/faults/**/*.int.test.ts"],
    exclude: ["node_modules/**"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // One lab, one set of namespaces and addresses: files run one at a time.
    fileParallelism: false,
  },
});
