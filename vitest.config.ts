import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname);
const shared = {
  resolve: {
    alias: {
      "@": root,
      // "server-only" throws outside React Server Components; tests run on the server anyway.
      "server-only": path.join(root, "lib/testing/server-only-stub.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["{agents,lib,app,components,scripts,e2e/lab}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["{agents,lib,app,scripts,e2e/lab}/**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // Integration suites share the lab (one set of namespaces and addresses): run files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
