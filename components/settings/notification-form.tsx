"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { saveNotificationSettings, sendTestNotification } from "@/lib/actions/alerts";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

export type TNotificationFormInitial = {
  webhookUrl: string;
  panelUrl: string;
  smtp: { host: string; port: number; security: "starttls" | "tls" | "none"; username: string; hasPassword: boolean; from: string; to: string } | null;
};

type TErrors = Record<string, { _errors?: string[] } & Record<string, { _errors?: string[] } | undefined>> | undefined;

// Where alerts go: a webhook (JSON POST) and/or email. The SMTP password is write-only:
// the page never receives it; leaving the field empty keeps the stored one.
export function NotificationForm({ initial }: { initial: TNotificationFormInitial }) {
  const [email, setEmail] = useState(initial.smtp !== null);
  const save = useAction(saveNotificationSettings);
  const test = useAction(sendTestNotification);
  const errs = save.result.validationErrors as TErrors;
  const smtpErr = (k: string) => (errs?.smtp as Record<string, { _errors?: string[] } | undefined> | undefined)?.[k]?._errors?.[0];
  const s = initial.smtp;
  return (
    <form
      aria-label="Notifications"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const v = (k: string) => String(f.get(k) ?? "");
        save.execute({
          webhookUrl: v("webhookUrl"),
          panelUrl: v("panelUrl"),
          smtpEnabled: email,
          smtp: email
            ? { host: v("host"), port: Number(v("port") || 587), security: v("security") as "starttls", username: v("username") || null, password: v("password"), from: v("from"), to: v("to") }
            : null,
        });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="webhookUrl" label="Webhook URL" hint="Each alert is POSTed here as JSON." error={errs?.webhookUrl?._errors?.[0]}>
          <Input id="webhookUrl" name="webhookUrl" type="url" defaultValue={initial.webhookUrl} placeholder="https://chat.example.org/hooks/…" />
        </Field>
        <Field id="panelUrl" label="Panel address for links" hint="How admins open this panel, e.g. https://panel.example.org" error={errs?.panelUrl?._errors?.[0]}>
          <Input id="panelUrl" name="panelUrl" type="url" defaultValue={initial.panelUrl} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} />
        Send alerts by email
      </label>
      {email ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="host" label="SMTP server" error={smtpErr("host")}>
            <Input id="host" name="host" defaultValue={s?.host ?? ""} required />
          </Field>
          <Field id="port" label="Port" error={smtpErr("port")}>
            <Input id="port" name="port" type="number" min={1} max={65535} defaultValue={s?.port ?? 587} />
          </Field>
          <Field id="security" label="Security">
            <Select id="security" name="security" defaultValue={s?.security ?? "starttls"}>
              <option value="starttls">STARTTLS (587)</option>
              <option value="tls">TLS (465)</option>
              <option value="none">none (local relay only)</option>
            </Select>
          </Field>
          <Field id="username" label="User name" hint="Empty: no login">
            <Input id="username" name="username" defaultValue={s?.username ?? ""} autoComplete="off" />
          </Field>
          <Field id="password" label="Password" hint={s?.hasPassword ? "Stored. Leave empty to keep it." : "Not stored yet."}>
            <Input id="password" name="password" type="password" autoComplete="new-password" />
          </Field>
          <Field id="from" label="From" error={smtpErr("from")}>
            <Input id="from" name="from" type="email" defaultValue={s?.from ?? ""} required />
          </Field>
          <div className="sm:col-span-3">
            <Field id="to" label="To" hint="Addresses separated by commas" error={smtpErr("to")}>
              <Input id="to" name="to" defaultValue={s?.to ?? ""} required />
            </Field>
          </div>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          Save notifications
        </Button>
        <Button type="button" variant="secondary" disabled={test.isPending} onClick={() => test.execute()}>
          Send a test
        </Button>
        {save.result.data ? <span role="status" className="text-sm text-green-800">Saved.</span> : null}
      </div>
      {save.result.serverError ? <p role="alert" className="text-sm text-red-700">{save.result.serverError}</p> : null}
      {test.result.serverError ? <p role="alert" className="text-sm text-red-700">{test.result.serverError}</p> : null}
      {test.result.data ? (
        <ul role="status" className="text-sm">
          {test.result.data.results.map((r) => (
            <li key={r.channel} className={r.ok ? "text-green-800" : "text-red-700"}>
              {r.channel}: {r.ok ? "delivered" : "failed"} ({r.detail})
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
