import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { report } from "@/lib/reports/report";
import { encryptSecret } from "@/lib/secrets/secrets";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { createTempDb } from "@/lib/testing/temp-db";
import { recordAlerts } from "./alerts";
import type { TClusterHealth } from "./model";
import { notifyAlertEvents } from "./notify";
import { NOTIFICATION_SETTING_KEY, SMTP_PASSWORD_CONTEXT } from "./notify-settings";

// Alerts through a real migrated database, notifications to a real HTTP receiver and a real
// SMTP conversation (nodemailer against a loopback sink).
process.env.PANEL_SECRET_KEY ??= randomBytes(32).toString("base64");
const tmp = createTempDb();
const { db } = tmp;

const hooks: { body: unknown; headers: IncomingMessage["headers"] }[] = [];
const webhook = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    hooks.push({ body: JSON.parse(body) as unknown, headers: req.headers });
    res.writeHead(204).end();
  });
});
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let webhookUrl = "";

beforeAll(async () => {
  smtp = await startSmtpSink();
  await new Promise<void>((r) => webhook.listen(0, "127.0.0.1", r));
  const a = webhook.address();
  webhookUrl = `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}/hook`;
});
afterAll(async () => {
  await smtp.stop();
  await new Promise((r) => webhook.close(r));
  await tmp.cleanup();
});

const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 3, 0, s));
const unreachable = report("error", "HOST_UNREACHABLE", "The panel cannot reach pve3: connection timed out", { host: "pve3", cause: "SSH_CONNECT_TIMEOUT" });

function health(alerts: TClusterHealth["alerts"], pve3Reachable: boolean): TClusterHealth {
  return {
    status: alerts.length ? "critical" : "ok",
    quorum: null,
    hosts: [
      { name: "pve1", reachable: true, lastError: null, durationMs: 20, clockOffsetMs: null },
      { name: "pve3", reachable: pve3Reachable, lastError: null, durationMs: 20, clockOffsetMs: null },
    ],
    links: [],
    pacemaker: null,
    drbd: [],
    pve: null,
    ceph: null,
    linstor: null,
    alerts,
  };
}

describe("alerts over rounds", () => {
  it("stores a firing alert, resolves it after three clean rounds and keeps it as history", async () => {
    const { id } = await db.cluster.create({ data: { name: "alerts-a", kind: "pve" } });
    const fired = await recordAlerts(db, id, health([unreachable], false), at(0));
    expect(fired.map((e) => e.type)).toEqual(["fired"]);
    const row = await db.alert.findFirstOrThrow({ where: { clusterId: id } });
    expect(row).toMatchObject({ id: fired[0]?.alert.id, key: "HOST_UNREACHABLE|host=pve3", state: "firing", severity: "error", firedAt: at(0), seenRounds: 1 });

    expect(await recordAlerts(db, id, health([unreachable], false), at(5))).toEqual([]);
    expect(await recordAlerts(db, id, health([], true), at(10))).toEqual([]);
    expect(await recordAlerts(db, id, health([], true), at(15))).toEqual([]);
    const resolved = await recordAlerts(db, id, health([], true), at(20));
    expect(resolved.map((e) => [e.type, e.alert.id])).toEqual([["resolved", row.id]]);
    expect(await db.alert.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: "resolved", resolvedAt: at(20), lastSeenAt: at(5) });

    // It comes back: a new row, so the timeline shows two outages.
    await recordAlerts(db, id, health([unreachable], false), at(25));
    expect(await db.alert.count({ where: { clusterId: id } })).toBe(2);
  });

  it("deletes a warning that vanished before it fired", async () => {
    const { id } = await db.cluster.create({ data: { name: "alerts-b", kind: "pve" } });
    const link = report("warning", "COROSYNC_LINK_DOWN", "link 1 of pve1 is down", { host: "pve1", link: 1 });
    await recordAlerts(db, id, health([link], true), at(0));
    expect(await db.alert.count({ where: { clusterId: id, state: "pending" } })).toBe(1);
    await recordAlerts(db, id, health([], true), at(5));
    expect(await db.alert.count({ where: { clusterId: id } })).toBe(0);
  });
});

describe("notifications", () => {
  it("posts a webhook and sends an email per event, and skips silenced keys", async () => {
    const { id } = await db.cluster.create({ data: { name: "alerts-c", kind: "pve" } });
    await db.setting.create({
      data: {
        key: NOTIFICATION_SETTING_KEY,
        value: {
          webhookUrl,
          panelUrl: "https://panel.example.org/",
          smtp: {
            host: "127.0.0.1",
            port: smtp.port,
            security: "none",
            username: "alerts",
            passwordEnvelope: encryptSecret("smtp-s3cret", SMTP_PASSWORD_CONTEXT),
            from: "panel@example.org",
            to: ["oncall@example.org", "admin@example.org"],
          },
        },
      },
    });
    const events = await recordAlerts(db, id, health([unreachable], false), at(0));
    const results = await notifyAlertEvents(db, id, events, at(0));
    expect(results.map((r) => [r.channel, r.ok])).toEqual([
      ["webhook", true],
      ["email", true],
    ]);
    expect(hooks.at(-1)?.headers["content-type"]).toBe("application/json");
    expect(hooks.at(-1)?.body).toMatchObject({
      cluster: "alerts-c",
      event: "fired",
      alert: { key: "HOST_UNREACHABLE|host=pve3", severity: "error", message: unreachable.message, firedAt: at(0).toISOString() },
      url: `https://panel.example.org/clusters/${id}`,
    });
    const mail = smtp.messages.at(-1);
    expect(mail).toMatchObject({ from: "panel@example.org", to: ["oncall@example.org", "admin@example.org"], auth: "alerts:smtp-s3cret" });
    // Long headers arrive folded (RFC 5322): unfold before reading the subject.
    expect(mail?.data.replace(/\r\n[ \t]+/g, " ")).toContain("Subject: [alerts-c] ALERT: The panel cannot reach pve3: connection timed out");
    expect(mail?.data).toContain(`https://panel.example.org/clusters/${id}`);

    await db.alertSilence.create({ data: { clusterId: id, key: "HOST_UNREACHABLE|host=pve3", until: at(3600), createdBy: "admin" } });
    const before = { hooks: hooks.length, mails: smtp.messages.length };
    expect(await notifyAlertEvents(db, id, events, at(10))).toEqual([]);
    expect({ hooks: hooks.length, mails: smtp.messages.length }).toEqual(before);
  });

  it("reports a receiver that is down without throwing", async () => {
    await db.setting.update({ where: { key: NOTIFICATION_SETTING_KEY }, data: { value: { webhookUrl: "http://127.0.0.1:9/dead", smtp: null } } });
    const { id } = await db.cluster.create({ data: { name: "alerts-d", kind: "pve" } });
    const events = await recordAlerts(db, id, health([unreachable], false), at(0));
    const results = await notifyAlertEvents(db, id, events, at(0));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ channel: "webhook", ok: false });
    expect(results[0]?.detail).toMatch(/fetch failed|ECONNREFUSED/);
  });
});
