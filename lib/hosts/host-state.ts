import { z } from "zod";
import { ZReport, type TReport } from "@/lib/reports/report";
import { ZFingerprint } from "@/lib/ssh/target";

// What the hosts list and the host page derive from a Host row. Pure: no database, no SSH.

export const ZHostKeyOffer = z.object({
  algorithm: z.string().min(1),
  fingerprint: ZFingerprint,
  verifyCommand: z.string(),
  seenAt: z.iso.datetime(),
});
export type THostKeyOffer = z.infer<typeof ZHostKeyOffer>;

export const ZLastConnection = z.object({
  at: z.iso.datetime(),
  // null: the connection worked.
  report: ZReport.nullable(),
});
export type TLastConnection = z.infer<typeof ZLastConnection>;

export const readHostKeyOffer = (value: unknown): THostKeyOffer | null => ZHostKeyOffer.safeParse(value).data ?? null;
export const readLastConnection = (value: unknown): TLastConnection | null => ZLastConnection.safeParse(value).data ?? null;

export type THostKeyState = "trusted" | "not-trusted" | "changed";

type TKeyRow = { hostKeyFingerprint: string | null; hostKeyPinnedAt: Date | null; lastConnection: unknown };

// "changed" only while the refusal concerns the key pinned now: once the admin re-pins, an
// old SSH_HOST_KEY_CHANGED report no longer describes the host.
export function hostKeyStateOf(host: TKeyRow): THostKeyState {
  if (!host.hostKeyFingerprint || !host.hostKeyPinnedAt) return "not-trusted";
  const changed = hostKeyChangeOf(host);
  return changed ? "changed" : "trusted";
}

export function hostKeyChangeOf(host: TKeyRow): { expected: string; presented: string; report: TReport } | null {
  const report = readLastConnection(host.lastConnection)?.report;
  if (!report || report.code !== "SSH_HOST_KEY_CHANGED") return null;
  const { expected, presented } = report.params;
  if (typeof expected !== "string" || typeof presented !== "string" || expected !== host.hostKeyFingerprint) return null;
  return { expected, presented, report };
}

export type TCredentialState = "panel-key" | "private-key" | "none";

export function credentialStateOf(host: { credentialId: string | null }, panelKeyCredentialId: string): TCredentialState {
  if (!host.credentialId) return "none";
  return host.credentialId === panelKeyCredentialId ? "panel-key" : "private-key";
}

// Connection failures worth remembering on the host: the SSH engine's own reports.
export const isConnectionReport = (r: TReport): boolean => r.code.startsWith("SSH_");
