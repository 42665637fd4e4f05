import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SetupForm } from "@/components/auth/setup-form";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "First start" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  if ((await db.user.count()) > 0) redirect("/login");
  const { token } = await searchParams;
  return (
    <AuthShell title="Create the first admin">
      {token ? (
        <SetupForm token={token} />
      ) : (
        <p className="text-sm text-slate-700">
          Open the one-time setup link that the panel printed on its console when it started, or start it with
          PANEL_ADMIN_PASSWORD set.
        </p>
      )}
    </AuthShell>
  );
}
