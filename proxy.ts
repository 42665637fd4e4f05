import { NextResponse, type NextRequest } from "next/server";

// A first, cheap gate in front of everything: no session cookie means no access, except to
// the login and first-start pages. Pages, actions and routes still validate the session
// itself against the database; this gate only guarantees nothing is served by mistake.
const PUBLIC_PATHS = ["/login", "/setup"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return NextResponse.next();
  if (request.cookies.get("panel_session")?.value) return NextResponse.next();
  const isPageView = request.method === "GET" && !pathname.startsWith("/api/") && !request.headers.has("next-action");
  if (isPageView) {
    const login = new URL("/login", request.url);
    if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  return NextResponse.json({ error: "authentication required" }, { status: 401 });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
