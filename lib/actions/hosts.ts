"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import {
  addHost as addHostRow,
  attachPanelKey,
  bootstrapWithPassword,
  enqueueHostFacts,
  fetchReplacementKey,
  repinHostKey as repinHostKeyRow,
  setHostPrivateKey as setHostPrivateKeyRow,
  trustHostKey as trustHostKeyRow,
} from "@/lib/hosts/onboarding";
import {
  ZAddHostInput,
  ZBootstrapInput,
  ZHostIdInput,
  ZRepinHostKeyInput,
  ZSetPrivateKeyInput,
  ZTrustHostKeyInput,
} from "@/lib/validations/host";
import { adminAction, operatorAction } from "./safe-action";

// Host onboarding. Unlike other actions, addHost, trust and re-pin talk to the host: a key
// fetch is a ~100 ms handshake without credentials, bounded at 5 s. The password bootstrap
// also runs here (bounded at 20 s) because a job's input is stored and the password must not
// be. See docs/hosts.md.

const refresh = (hostId?: string) => {
  revalidatePath("/hosts");
  if (hostId) revalidatePath(`/hosts/${hostId}`);
};

export const addHost = adminAction.inputSchema(ZAddHostInput).action(async ({ parsedInput, ctx }) => {
  const r = await addHostRow(db, ctx.user.id, parsedInput);
  refresh(r.hostId);
  return r;
});

export const trustHostKey = adminAction.inputSchema(ZTrustHostKeyInput).action(async ({ parsedInput, ctx }) => {
  const r = await trustHostKeyRow(db, ctx.user.id, parsedInput);
  refresh(parsedInput.hostId);
  return r;
});

export const fetchNewHostKey = adminAction.inputSchema(ZHostIdInput).action(async ({ parsedInput, ctx }) => {
  const r = await fetchReplacementKey(db, ctx.user.id, parsedInput.hostId);
  refresh(parsedInput.hostId);
  return r;
});

export const repinHostKey = adminAction.inputSchema(ZRepinHostKeyInput).action(async ({ parsedInput, ctx }) => {
  const r = await repinHostKeyRow(db, ctx.user.id, parsedInput);
  refresh(parsedInput.hostId);
  return r;
});

export const setHostPrivateKey = adminAction.inputSchema(ZSetPrivateKeyInput).action(async ({ parsedInput, ctx }) => {
  const r = await setHostPrivateKeyRow(db, ctx.user.id, parsedInput);
  refresh(parsedInput.hostId);
  return r;
});

export const installPanelKeyWithPassword = adminAction.inputSchema(ZBootstrapInput).action(async ({ parsedInput, ctx }) => {
  const r = await bootstrapWithPassword(db, ctx.user.id, parsedInput);
  refresh(parsedInput.hostId);
  return r;
});

export const attachPanelKeyToHost = adminAction.inputSchema(ZHostIdInput).action(async ({ parsedInput, ctx }) => {
  const r = await attachPanelKey(db, ctx.user.id, parsedInput.hostId);
  refresh(parsedInput.hostId);
  return r;
});

export const refreshHostFacts = operatorAction.inputSchema(ZHostIdInput).action(async ({ parsedInput, ctx }) => {
  const jobId = await enqueueHostFacts(db, ctx.user.id, parsedInput.hostId);
  refresh(parsedInput.hostId);
  return { jobId };
});
