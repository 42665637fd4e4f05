import type { THostKeyOffer } from "@/lib/hosts/host-state";

// Where a host added from the wizard's Hosts step stands in onboarding (the Hosts pages' own
// flow: host key → credential → facts), so the wizard shows the one form that comes next.
// Pure.

export type TNewHostStage = "key" | "credential" | "facts" | "ready" | "failed";

export type TNewHost = {
  id: string;
  name: string;
  address: string;
  sshUser: string;
  stage: TNewHostStage;
  // Why onboarding stopped (stage "failed"), in words.
  error: string | null;
  // The fingerprint to compare before trusting (stage "key").
  offer: Pick<THostKeyOffer, "algorithm" | "fingerprint" | "verifyCommand"> | null;
};

export type TNewHostRow = {
  pinned: boolean;
  offer: boolean;
  keyChange: string | null;
  hasCredential: boolean;
  hasFacts: boolean;
  factsJobState: string | null;
  lastError: string | null;
};

const READING = ["queued", "planning", "confirmed", "running"];

export function newHostStage(h: TNewHostRow): { stage: TNewHostStage; error: string | null } {
  if (h.keyChange) return { stage: "failed", error: h.keyChange };
  if (!h.pinned) return h.offer ? { stage: "key", error: null } : { stage: "failed", error: "No host key on record: add the host again." };
  if (!h.hasCredential) return { stage: "credential", error: null };
  // Facts from an earlier read stay valid while a new read runs.
  if (h.hasFacts) return { stage: "ready", error: null };
  if (h.factsJobState === null || READING.includes(h.factsJobState)) return { stage: "facts", error: null };
  return { stage: "failed", error: h.lastError ?? `Reading the facts ended ${h.factsJobState}: see the job's log.` };
}
