"use client";
import { useAction } from "next-safe-action/hooks";
import { login } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function LoginForm({ next }: { next?: string }) {
  const { execute, result, isPending } = useAction(login);
  const fieldErrors = result.validationErrors as Record<string, { _errors?: string[] } | undefined> | undefined;
  return (
    <form
      aria-label="Sign in"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        execute({ username: String(form.get("username") ?? ""), password: String(form.get("password") ?? ""), next });
      }}
    >
      <Field id="username" label="User name" error={fieldErrors?.username?._errors?.[0]}>
        <Input id="username" name="username" autoComplete="username" required autoFocus />
      </Field>
      <Field id="password" label="Password" error={fieldErrors?.password?._errors?.[0]}>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {result.serverError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {result.serverError}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
