import { z } from "zod";

// A job's life: queued → planning → awaiting-confirmation → (confirm) → confirmed → running →
// succeeded | failed. A worker that stops renewing its lease leaves the job interrupted, from
// where it can be resumed (→ confirmed) or undone (→ undo-requested → undoing → undone).
export const ZJobState = z.enum([
  "queued",
  "planning",
  "awaiting-confirmation",
  "confirmed",
  "running",
  "succeeded",
  "failed",
  "interrupted",
  "cancelled",
  "undo-requested",
  "undoing",
  "undone",
]);
export type TJobState = z.infer<typeof ZJobState>;

// States a worker picks up, and what they become once claimed.
export const CLAIM_TRANSITIONS = {
  queued: "planning",
  confirmed: "running",
  "undo-requested": "undoing",
} as const satisfies Partial<Record<TJobState, TJobState>>;
export type TClaimableState = keyof typeof CLAIM_TRANSITIONS;
export const CLAIMABLE_STATES = Object.keys(CLAIM_TRANSITIONS) as TClaimableState[];

// States held under a worker's lease: if the lease runs out, the worker is gone.
export const LEASED_STATES = ["planning", "running", "undoing"] as const satisfies readonly TJobState[];
export const ACTIVE_STATES: readonly TJobState[] = [...CLAIMABLE_STATES, ...LEASED_STATES];

export const CANCELLABLE_STATES = ["queued", "awaiting-confirmation", "confirmed"] as const satisfies readonly TJobState[];
export const RESUMABLE_STATES = ["interrupted"] as const satisfies readonly TJobState[];
export const UNDOABLE_STATES = ["failed", "interrupted"] as const satisfies readonly TJobState[];

export const isActiveState = (state: string): boolean => (ACTIVE_STATES as readonly string[]).includes(state);
