import "server-only";
import nodemailer from "nodemailer";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decryptSecret } from "@/lib/secrets/secrets";
import type { TAlertEvent } from "./alert-state";
import { silencedKeys } from "./alerts";
import { renderNotification, type TNotification } from "./notification-text";
import { NOTIFICATION_SETTING_KEY, readNotificationSettings, SMTP_PASSWORD_CONTEXT, type TNotificationSettings, type TSmtpSettings } from "./notify-settings";

// Sends alert events by webhook and email. A slow or dead receiver must never hold up the
// collector: each delivery has a short timeout, failures are logged and dropped (the alert
// itself stays on the dashboard and in the timeline).

const DELIVERY_TIMEOUT_MS = 5_000;

export type TDeliveryResult = { channel: "webhook" | "email"; ok: boolean; detail: string };

export async function loadNotificationSettings(db: PrismaClient): Promise<TNotificationSettings> {
  const row = await db.setting.findUnique({ where: { key: NOTIFICATION_SETTING_KEY } });
  return readNotificationSettings(row?.value);
}

async function postWebhook(url: string, n: TNotification): Promise<TDeliveryResult> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "cluster-panel" },
      body: JSON.stringify(n.payload),
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      redirect: "error",
    });
    return { channel: "webhook", ok: res.ok, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { channel: "webhook", ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

function transportFor(smtp: TSmtpSettings) {
  const password = smtp.passwordEnvelope ? decryptSecret(smtp.passwordEnvelope, SMTP_PASSWORD_CONTEXT) : null;
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "tls",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    auth: smtp.username ? { user: smtp.username, pass: password ?? "" } : undefined,
    connectionTimeout: DELIVERY_TIMEOUT_MS,
    greetingTimeout: DELIVERY_TIMEOUT_MS,
    socketTimeout: DELIVERY_TIMEOUT_MS,
  });
}

async function sendEmail(smtp: TSmtpSettings, n: TNotification): Promise<TDeliveryResult> {
  try {
    const info = await transportFor(smtp).sendMail({ from: smtp.from, to: smtp.to, subject: n.subject, text: n.text });
    return { channel: "email", ok: true, detail: `accepted for ${info.accepted.length} recipient(s)` };
  } catch (err) {
    return { channel: "email", ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

export async function deliver(settings: TNotificationSettings, n: TNotification): Promise<TDeliveryResult[]> {
  const jobs: Promise<TDeliveryResult>[] = [];
  if (settings.webhookUrl) jobs.push(postWebhook(settings.webhookUrl, n));
  if (settings.smtp) jobs.push(sendEmail(settings.smtp, n));
  return Promise.all(jobs);
}

// The collector's entry point: every event whose key is not silenced goes to every channel.
export async function notifyAlertEvents(db: PrismaClient, clusterId: string, events: readonly TAlertEvent[], now: Date): Promise<TDeliveryResult[]> {
  if (events.length === 0) return [];
  const settings = await loadNotificationSettings(db);
  if (!settings.webhookUrl && !settings.smtp) return [];
  const [cluster, silenced] = await Promise.all([
    db.cluster.findUniqueOrThrow({ where: { id: clusterId }, select: { id: true, name: true } }),
    silencedKeys(db, clusterId, now),
  ]);
  const results: TDeliveryResult[] = [];
  for (const event of events) {
    if (silenced.has(event.alert.key)) continue;
    const sent = await deliver(settings, renderNotification(cluster, event, settings.panelUrl));
    for (const r of sent) if (!r.ok) console.error(`notification (${r.channel}) for ${event.alert.key} on ${cluster.name} failed: ${r.detail}`);
    results.push(...sent);
  }
  return results;
}
