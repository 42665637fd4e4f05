import { z } from "zod";
import { ZSmtpSettings, ZWebhookUrl } from "@/lib/health/notify-settings";

const ZId = z.string().trim().regex(/^[a-z0-9]{20,40}$/, "not a valid id");

export const ZAcknowledgeAlertInput = z.object({ alertId: ZId });

// Silences are bounded: a week at most, so nothing is muted forever by accident.
export const SILENCE_HOURS = [1, 4, 24, 168] as const;
export const ZSilenceAlertInput = z.object({
  alertId: ZId,
  hours: z.coerce.number().refine((h) => (SILENCE_HOURS as readonly number[]).includes(h), "silence for 1, 4, 24 or 168 hours"),
});

// The form: empty strings mean "not set"; an empty password keeps the stored one.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable());

export const ZNotificationForm = z.object({
  webhookUrl: optional(ZWebhookUrl),
  panelUrl: optional(ZWebhookUrl),
  smtpEnabled: z.boolean(),
  smtp: ZSmtpSettings.omit({ passwordEnvelope: true, to: true })
    .extend({
      to: z.string().max(2000),
      password: z.string().max(500).default(""),
    })
    .nullable(),
});
export type TNotificationForm = z.input<typeof ZNotificationForm>;

// "a@x, b@y" → addresses, each checked.
export const ZRecipients = z
  .string()
  .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
  .pipe(ZSmtpSettings.shape.to);
