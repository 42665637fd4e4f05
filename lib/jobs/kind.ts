import type { z } from "zod";
import type { Host } from "@/lib/generated/prisma/client";
import type { TRole } from "@/lib/auth/roles";
import type { TPlanInput } from "@/lib/plan/plan";
import type { Runner } from "@/lib/ssh/runner";

// What a kind of job is: how its input looks, how it plans, and who may confirm it. Agents
// register their kinds here; the worker and the server actions look them up by name.

export type TJobHost = Pick<Host, "id" | "name" | "address" | "clusterId">;

export type TJobPlanContext<I> = {
  jobId: string;
  input: I;
  cluster: { id: string; name: string } | null;
  // The cluster's hosts, by name order.
  hosts: TJobHost[];
  // Read-only probing while planning; commands run here are audited like any other.
  runnerFor: (hostName: string) => Promise<Runner>;
  log: (line: string) => void;
};

type TJobKindBase = {
  kind: string;
  // In words, for the jobs list ("Check hosts").
  title: string;
  // true for anything that changes hosts: the admin sees the plan and confirms it first.
  requiresConfirmation: boolean;
  // Every plan of this kind is destructive (typed cluster name), whatever its steps say.
  destructive?: boolean;
  // Who may confirm, resume or undo it; destructive plans always need an admin.
  role: Exclude<TRole, "viewer">;
};

export type TJobKindDefinition<S extends z.ZodType> = TJobKindBase & {
  inputSchema: S;
  plan(ctx: TJobPlanContext<z.infer<S>>): Promise<TPlanInput> | TPlanInput;
};

export type TJobKind = TJobKindBase & {
  inputSchema: z.ZodType;
  plan(ctx: TJobPlanContext<unknown>): Promise<TPlanInput>;
};

export function defineJobKind<S extends z.ZodType>(def: TJobKindDefinition<S>): TJobKind {
  return { ...def, plan: async (ctx) => def.plan({ ...ctx, input: def.inputSchema.parse(ctx.input) }) };
}
