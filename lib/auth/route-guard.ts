import "server-only";
import { NextResponse } from "next/server";
import { getCurrentUser } from "./current-user";
import { hasRole, type TRole } from "./roles";
import type { TSessionUser } from "./session-store";

type THandler<C> = (req: Request, ctx: C & { user: TSessionUser }) => Promise<Response>;

// Every route handler is wrapped in this, so a route cannot forget to check the session.
export function withRole<C extends object>(role: TRole, handler: THandler<C>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const user = await getCurrentUser();
    if (!user) return NextResponse.json({ error: "authentication required" }, { status: 401 });
    if (!hasRole(user.role, role)) return NextResponse.json({ error: `requires role ${role}` }, { status: 403 });
    return handler(req, { ...ctx, user });
  };
}
