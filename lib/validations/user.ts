import { z } from "zod";
import { ZRole } from "@/lib/auth/roles";

export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{1,31}$/, "2-32 characters: a-z, 0-9, _ . - starting with a letter");

export const ZPassword = z
  .string()
  .min(12, "at least 12 characters")
  .max(256, "at most 256 characters");

export const ZLoginInput = z.object({
  username: z.string().trim().toLowerCase().min(1, "required").max(64),
  password: z.string().min(1, "required").max(256),
  next: z.string().optional(),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZSetupInput = z
  .object({
    token: z.string().min(20).max(100),
    username: ZUsername,
    password: ZPassword,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "passwords differ", path: ["confirm"] });
export type TSetupInput = z.infer<typeof ZSetupInput>;

export const ZCreateUserInput = z.object({
  username: ZUsername,
  password: ZPassword,
  role: ZRole,
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUserIdInput = z.object({ userId: z.string().min(1).max(64) });
