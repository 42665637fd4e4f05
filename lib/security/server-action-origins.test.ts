import path from "node:path";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";

const configPath = path.resolve(import.meta.dirname, "../../next.config.js");
const nextConfig = ((await import(/* @vite-ignore */ configPath)) as { default: NextConfig }).default;

// Next.js runs a server action only when the request's Origin names the host it was sent to,
// unless next.config.js widens that with serverActions.allowedOrigins. The panel must not: any
// origin listed there could post actions with an admin's cookie. e2e/security.spec.ts proves the
// check on the built panel.
describe("next.config.js", () => {
  it("lets no other origin run server actions", () => {
    expect(nextConfig.experimental?.serverActions?.allowedOrigins).toBeUndefined();
    expect("serverActions" in nextConfig).toBe(false);
  });

  it("forbids framing (clickjacking of the confirm buttons) on every path", async () => {
    const headers = nextConfig.headers ? await nextConfig.headers() : [];
    expect(headers).toEqual([
      {
        source: "/:path*",
        headers: expect.arrayContaining([
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ]),
      },
    ]);
  });
});
