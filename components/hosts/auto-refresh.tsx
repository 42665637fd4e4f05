"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

// Re-renders the server page while a facts job is queued or running, so facts appear without a reload.
export function AutoRefresh({ active, intervalMs = 2_000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return null;
}
