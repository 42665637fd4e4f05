import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { getCurrentUser } from "@/lib/auth/current-user";
import { hasRole, type TRole } from "@/lib/auth/roles";
import { ReportError } from "@/lib/reports/report";

export class ActionDenied extends Error {}

// Errors the admin should read come through as their message; anything else is logged and
// shown as a generic failure so internals never leak to the browser.
export const publicActionClient = createSafeActionClient({
  handleServerError(e) {
    if (e instanceof ActionDenied || e instanceof ReportError) return e.message;
    console.error("action failed:", e);
    return "The action failed on the server; see the panel's log.";
  },
});

export function actionClientFor(role: TRole) {
  return publicActionClient.use(async ({ next }) => {
    const user = await getCurrentUser();
    if (!user) throw new ActionDenied("authentication required: log in again");
    if (!hasRole(user.role, role)) throw new ActionDenied(`this needs the ${role} role`);
    return next({ ctx: { user } });
  });
}

export const viewerAction = actionClientFor("viewer");
export const operatorAction = actionClientFor("operator");
export const adminAction = actionClientFor("admin");
