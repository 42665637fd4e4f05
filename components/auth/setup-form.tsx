"use client";
import { useAction } from "next-safe-action/hooks";
import { completeSetup } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SetupForm({ token }: { token: string }) {
  const { execute, result, isPending } = useAction(completeSetup);
  const errs = result.validationErrors as Record<string, { _errors?: string[] } | undefined> | undefined;
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        execute({
          token,
          username: String(f.get("username") ?? ""),
          password: String(f.get("password") ?? ""),
          confirm: String(f.get("confirm") ?? ""),
        });
      }}
    >
      <Field id="username" label="Admin user name" error={errs?.username?._errors?.[0]}>
        <Input id="username" name="username" defaultValue="admin" autoComplete="username" required />
      </Field>
      <Field id="password" label="Password" hint="At least 12 characters." error={errs?.password?._errors?.[0]}>
        <Input id="password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field id="confirm" label="Password again" error={errs?.confirm?._errors?.[0]}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      </Field>
      {result.serverError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {result.serverError}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={isPending}>
        Create admin
      </Button>
    </form>
  );
}
