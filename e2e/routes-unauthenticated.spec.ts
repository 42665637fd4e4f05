import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Every page and route handler in app/, found on disk: without a session a page redirects
// to the login page and an API route answers 401. Nothing is hand-picked.
const appDir = path.resolve(import.meta.dirname, "../app");
const PUBLIC = new Set(["/login", "/setup"]);

function routesIn(dir: string, prefix = ""): { url: string; kind: "page" | "route" }[] {
  const out: { url: string; kind: "page" | "route" }[] = [];
  for (const entry of readdirSync(dir)) {
    const abs = path.join(dir, entry);
    if (statSync(abs).isDirectory()) {
      // (group) folders add nothing to the URL; [param] gets a value that exists nowhere.
      const segment = entry.startsWith("(") ? "" : entry.startsWith("[") ? "/does-not-exist" : `/${entry}`;
      out.push(...routesIn(abs, prefix + segment));
    } else if (/^page\.tsx?$/.test(entry)) {
      out.push({ url: prefix || "/", kind: "page" });
    } else if (/^route\.tsx?$/.test(entry)) {
      out.push({ url: prefix || "/", kind: "route" });
    }
  }
  return out;
}

const routes = routesIn(appDir).filter((r) => !PUBLIC.has(r.url));

test("the route list is read from app/", () => {
  expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/", "/hosts", "/jobs", "/audit", "/settings"]));
});

for (const route of routes) {
  test(`${route.kind} ${route.url} refuses without a session`, async ({ request }) => {
    for (const method of route.kind === "route" ? ["GET", "POST"] : ["GET"]) {
      const res = await request.fetch(route.url, { method, maxRedirects: 0 });
      if (route.kind === "page") {
        expect(res.status(), `${method} ${route.url}`).toBe(307);
        expect(res.headers()["location"]).toMatch(/^\/login/);
      } else {
        expect(res.status(), `${method} ${route.url}`).toBe(401);
      }
    }
  });
}

test("a server action call without a session is refused", async ({ request }) => {
  const res = await request.post("/settings", {
    headers: { "next-action": "0000000000000000000000000000000000000000", "content-type": "text/plain" },
    data: "[]",
    maxRedirects: 0,
  });
  expect(res.status()).toBe(401);
});
