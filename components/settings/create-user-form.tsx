"use client";
import { useAction } from "next-safe-action/hooks";
import { createUser } from "@/lib/actions/users";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

export function CreateUserForm() {
  const { execute, result, isPending } = useAction(createUser);
  const errs = result.validationErrors as Record<string, { _errors?: string[] } | undefined> | undefined;
  return (
    <form
      aria-label="New user"
      className="grid gap-4 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        execute({
          username: String(f.get("username") ?? ""),
          password: String(f.get("password") ?? ""),
          role: String(f.get("role") ?? "viewer") as "viewer",
        });
      }}
    >
      <Field id="new-username" label="User name" error={errs?.username?._errors?.[0]}>
        <Input id="new-username" name="username" autoComplete="off" required />
      </Field>
      <Field id="new-password" label="Password" error={errs?.password?._errors?.[0]}>
        <Input id="new-password" name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field id="new-role" label="Role">
        <Select id="new-role" name="role" defaultValue="viewer">
          <option value="viewer">viewer: reads</option>
          <option value="operator">operator: everyday actions</option>
          <option value="admin">admin: everything</option>
        </Select>
      </Field>
      <Button type="submit" disabled={isPending}>
        Add user
      </Button>
      {result.serverError ? <p role="alert" className="text-sm text-red-700 sm:col-span-4">{result.serverError}</p> : null}
      {result.data ? <p role="status" className="text-sm text-green-800 sm:col-span-4">User added.</p> : null}
    </form>
  );
}
