"use server";
import { revalidatePath } from "next/cache";
import { auditEvent } from "@/lib/audit";
import { db } from "@/lib/db";
import { deliver, loadNotificationSettings } from "@/lib/health/notify";
import { renderNotification } from "@/lib/health/notification-text";
import { NOTIFICATION_SETTING_KEY, SMTP_PASSWORD_CONTEXT, ZNotificationSettings } from "@/lib/health/notify-settings";
import { errorReport, ReportError } from "@/lib/reports/report";
import { encryptSecret } from "@/lib/secrets/secrets";
import { ZAcknowledgeAlertInput, ZNotificationForm, ZRecipients, ZSilenceAlertInput } from "@/lib/validations/alerts";
import { adminAction, operatorAction } from "./safe-action";

// Alert buttons (operators) and notification settings (admins).

async function alertOrThrow(alertId: string) {
  const alert = await db.alert.findUnique({ where: { id: alertId }, select: { id: true, clusterId: true, key: true } });
  if (!alert) throw new ReportError(errorReport("ALERT_NOT_FOUND", "That alert no longer exists.", { alertId }));
  return alert;
}

export const acknowledgeAlert = operatorAction.inputSchema(ZAcknowledgeAlertInput).action(async ({ parsedInput, ctx }) => {
  const alert = await alertOrThrow(parsedInput.alertId);
  await db.alert.update({ where: { id: alert.id }, data: { acknowledgedAt: new Date(), acknowledgedBy: ctx.user.username } });
  await auditEvent("alert.acknowledge", ctx.user.id, { alertId: alert.id, key: alert.key });
  revalidatePath(`/clusters/${alert.clusterId}/alerts`);
  return { ok: true };
});

export const silenceAlert = operatorAction.inputSchema(ZSilenceAlertInput).action(async ({ parsedInput, ctx }) => {
  const alert = await alertOrThrow(parsedInput.alertId);
  const until = new Date(Date.now() + parsedInput.hours * 3600_000);
  await db.alertSilence.create({ data: { clusterId: alert.clusterId, key: alert.key, until, createdBy: ctx.user.username } });
  await auditEvent("alert.silence", ctx.user.id, { alertId: alert.id, key: alert.key, until: until.toISOString() });
  revalidatePath(`/clusters/${alert.clusterId}/alerts`);
  return { ok: true, until: until.toISOString() };
});

export const saveNotificationSettings = adminAction.inputSchema(ZNotificationForm).action(async ({ parsedInput, ctx }) => {
  const current = await loadNotificationSettings(db);
  let smtp = null;
  if (parsedInput.smtpEnabled) {
    const form = parsedInput.smtp;
    if (!form) throw new ReportError(errorReport("SMTP_SETTINGS_MISSING", "Fill in the SMTP server, or turn email off."));
    const to = ZRecipients.safeParse(form.to);
    if (!to.success) throw new ReportError(errorReport("SMTP_RECIPIENTS_INVALID", to.error.issues[0]?.message ?? "Recipients are not valid.", { field: "to" }));
    const passwordEnvelope = form.password ? encryptSecret(form.password, SMTP_PASSWORD_CONTEXT) : (current.smtp?.passwordEnvelope ?? null);
    smtp = { host: form.host, port: form.port, security: form.security, username: form.username || null, passwordEnvelope, from: form.from, to: to.data };
  }
  const value = ZNotificationSettings.parse({ webhookUrl: parsedInput.webhookUrl, panelUrl: parsedInput.panelUrl, smtp });
  await db.setting.upsert({ where: { key: NOTIFICATION_SETTING_KEY }, create: { key: NOTIFICATION_SETTING_KEY, value }, update: { value } });
  await auditEvent("settings.notifications", ctx.user.id, { webhook: value.webhookUrl !== null, email: value.smtp !== null });
  revalidatePath("/settings");
  return { ok: true };
});

// Sends a made-up event through the saved settings and says what each channel answered.
export const sendTestNotification = adminAction.action(async ({ ctx }) => {
  const settings = await loadNotificationSettings(db);
  if (!settings.webhookUrl && !settings.smtp) throw new ReportError(errorReport("NOTIFICATIONS_OFF", "No webhook or email is set up yet."));
  const now = new Date();
  const n = renderNotification(
    { id: "test", name: "test" },
    {
      type: "fired",
      alert: { id: null, key: "PANEL_TEST", code: "PANEL_TEST", severity: "info", message: `Test notification sent by ${ctx.user.username}`, params: {}, state: "firing", firstSeenAt: now, lastSeenAt: now, firedAt: now, resolvedAt: null, seenRounds: 1, missingRounds: 0 },
    },
    settings.panelUrl,
  );
  const results = await deliver(settings, n);
  await auditEvent("settings.notifications.test", ctx.user.id, { results: results.map((r) => ({ channel: r.channel, ok: r.ok })) });
  return { results };
});
