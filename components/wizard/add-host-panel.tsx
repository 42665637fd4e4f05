"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AddHostForm } from "@/components/hosts/add-host-form";
import { Button } from "@/components/ui/button";
import { AddHostProgress } from "./add-host-progress";

// "Add a host" inside the Hosts step, with the Hosts pages' own form and actions. After each
// change the server-rendered host list is refreshed in place (no page reload), so the new
// host shows up there at once, with why it cannot be picked yet until its facts are in.
export function AddHostPanel({ startOpen }: { startOpen: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(startOpen);
  const [hostId, setHostId] = useState<string | null>(null);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Add a host
      </Button>
    );
  }
  return (
    <section aria-labelledby="add-host-heading" className="space-y-4 rounded-md border border-slate-200 bg-slate-50/50 p-4">
      <div className="flex items-center justify-between">
        <h3 id="add-host-heading" className="text-sm font-semibold">
          Add a host
        </h3>
        <Button
          variant="ghost"
          onClick={() => {
            setOpen(false);
            setHostId(null);
          }}
        >
          Close
        </Button>
      </div>
      {hostId ? (
        <AddHostProgress key={hostId} hostId={hostId} onAnother={() => setHostId(null)} />
      ) : (
        <AddHostForm
          onAdded={(id) => {
            setHostId(id);
            router.refresh();
          }}
        />
      )}
    </section>
  );
}
