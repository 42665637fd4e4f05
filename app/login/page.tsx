import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; setup?: string }> }) {
  if (await getCurrentUser()) redirect("/");
  const { next, setup } = await searchParams;
  return (
    <AuthShell title="Sign in">
      {setup === "done" ? (
        <p className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">Admin account created. Sign in with it.</p>
      ) : null}
      <LoginForm next={next} />
    </AuthShell>
  );
}
