import type { ReactNode } from "react";
import { Sidebar } from "@/components/nav/sidebar";
import { requirePageUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("viewer");
  return (
    <div className="flex min-h-screen">
      <Sidebar user={user} />
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
