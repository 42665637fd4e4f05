import Link from "next/link";
import { AuthShell } from "@/components/auth/auth-shell";
import { requirePageUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

export default async function ForbiddenPage() {
  const user = await requirePageUser("viewer");
  return (
    <AuthShell title="Not allowed">
      <p className="text-sm text-slate-700">
        Your account ({user.username}, role {user.role}) cannot open that page. Ask an admin for a role with more rights.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm text-sky-700 underline">
        Back to the clusters
      </Link>
    </AuthShell>
  );
}
