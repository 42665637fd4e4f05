import { z } from "zod";

// Where alert notifications go. Stored in the Setting row "notifications"; the SMTP password
// only as an AES-GCM envelope (lib/secrets), never returned to a page.
export const NOTIFICATION_SETTING_KEY = "notifications";
export const SMTP_PASSWORD_CONTEXT = "setting:notifications:smtp-password";

const ZHostName = z
  .string()
  .trim()
  .min(1, "SMTP host is required")
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, "SMTP host must be a host name or an IP address");

export const ZSmtpSettings = z.object({
  host: ZHostName,
  port: z.coerce.number().int().min(1).max(65535).default(587),
  // "tls" = TLS from the first byte (465); "starttls" = upgrade required; "none" only for a
  // relay on the same machine or LAN.
  security: z.enum(["starttls", "tls", "none"]).default("starttls"),
  username: z.string().trim().max(200).nullable().default(null),
  passwordEnvelope: z.string().nullable().default(null),
  from: z.email("From must be an email address"),
  to: z.array(z.email("Every recipient must be an email address")).min(1, "At least one recipient").max(20),
});
export type TSmtpSettings = z.infer<typeof ZSmtpSettings>;

export const ZWebhookUrl = z
  .url({ protocol: /^https?$/, error: "The webhook must be an http:// or https:// URL" })
  .max(2000);

export const ZNotificationSettings = z.object({
  webhookUrl: ZWebhookUrl.nullable().default(null),
  // How admins reach this panel, for the link in each notification.
  panelUrl: ZWebhookUrl.nullable().default(null),
  smtp: ZSmtpSettings.nullable().default(null),
});
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;

export const NO_NOTIFICATIONS: TNotificationSettings = { webhookUrl: null, panelUrl: null, smtp: null };

// A stored value that no longer fits (older version, hand edit) means "no notifications"
// rather than a crash in the collector.
export function readNotificationSettings(value: unknown): TNotificationSettings {
  const r = ZNotificationSettings.safeParse(value);
  return r.success ? r.data : NO_NOTIFICATIONS;
}
