"use client";
import { useAction } from "next-safe-action/hooks";
import { LogOut } from "lucide-react";
import { logout } from "@/lib/actions/auth";

export function LogoutButton() {
  const { execute, isPending } = useAction(logout);
  return (
    <button
      type="button"
      onClick={() => execute()}
      disabled={isPending}
      className="flex items-center gap-2 rounded-md px-2 py-1 text-xs text-slate-300 hover:bg-slate-800 hover:text-white"
    >
      <LogOut aria-hidden className="h-3.5 w-3.5" /> Log out
    </button>
  );
}
