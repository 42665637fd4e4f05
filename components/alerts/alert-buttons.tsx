"use client";
import { useAction } from "next-safe-action/hooks";
import { useRouter } from "next/navigation";
import { acknowledgeAlert, silenceAlert } from "@/lib/actions/alerts";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";

// Acknowledge ("someone is on it") and silence (no notifications for a while) one alert.
export function AlertButtons({ alertId, label, acknowledged }: { alertId: string; label: string; acknowledged: boolean }) {
  const router = useRouter();
  const ack = useAction(acknowledgeAlert, { onSuccess: () => router.refresh() });
  const silence = useAction(silenceAlert, { onSuccess: () => router.refresh() });
  const error = ack.result.serverError ?? silence.result.serverError;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {acknowledged ? null : (
        <Button variant="secondary" disabled={ack.isPending} onClick={() => ack.execute({ alertId })} aria-label={`Acknowledge: ${label}`}>
          Acknowledge
        </Button>
      )}
      <label className="sr-only" htmlFor={`silence-${alertId}`}>
        Silence notifications for: {label}
      </label>
      <Select
        id={`silence-${alertId}`}
        defaultValue=""
        disabled={silence.isPending}
        onChange={(e) => {
          if (e.target.value) silence.execute({ alertId, hours: Number(e.target.value) });
          e.target.value = "";
        }}
        className="w-auto py-1 text-xs"
      >
        <option value="">Silence…</option>
        <option value="1">for 1 hour</option>
        <option value="4">for 4 hours</option>
        <option value="24">for 1 day</option>
        <option value="168">for 1 week</option>
      </Select>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
