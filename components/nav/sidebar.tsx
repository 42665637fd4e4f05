import { Boxes, FileSearch, ListChecks, ScrollText, Server, Settings } from "lucide-react";
import type { TSessionUser } from "@/lib/auth/session-store";
import { LogoutButton } from "./logout-button";
import { NavLink } from "./nav-link";

const ITEMS = [
  { href: "/", label: "Clusters", icon: Boxes },
  { href: "/hosts", label: "Hosts", icon: Server },
  { href: "/jobs", label: "Jobs", icon: ListChecks },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/tools/parse", label: "Read a capture", icon: FileSearch },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;

export function Sidebar({ user }: { user: TSessionUser }) {
  return (
    <nav aria-label="Main" className="flex w-56 shrink-0 flex-col bg-slate-900 px-3 py-4">
      <div className="mb-6 px-3 text-sm font-semibold tracking-wide text-white">Cluster panel</div>
      <ul className="space-y-1">
        {ITEMS.map(({ href, label, icon: Icon }) => (
          <li key={href}>
            <NavLink href={href}>
              <Icon aria-hidden className="h-4 w-4" /> {label}
            </NavLink>
          </li>
        ))}
      </ul>
      <div className="mt-auto border-t border-slate-800 px-3 pt-3 text-xs text-slate-400">
        <div className="mb-2">
          Signed in as <span className="font-medium text-slate-200">{user.username}</span> ({user.role})
        </div>
        <LogoutButton />
      </div>
    </nav>
  );
}
