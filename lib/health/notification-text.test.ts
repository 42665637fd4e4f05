import { describe, expect, it } from "vitest";
import type { TAlertRecord } from "./alert-state";
import { renderNotification } from "./notification-text";
import { readNotificationSettings, ZNotificationSettings } from "./notify-settings";

const alert: TAlertRecord = {
  id: "a1",
  key: "COROSYNC_LINK_DOWN|host=pve1|link=1",
  code: "COROSYNC_LINK_DOWN",
  severity: "warning",
  message: "Link 1 of pve1 is down\r\nBcc: evil@example.org",
  params: { host: "pve1", link: 1 },
  state: "resolved",
  firstSeenAt: new Date("2026-11-21T03:00:00Z"),
  lastSeenAt: new Date("2026-11-21T03:04:00Z"),
  firedAt: new Date("2026-11-21T03:00:05Z"),
  resolvedAt: new Date("2026-11-21T03:05:00Z"),
  seenRounds: 48,
  missingRounds: 3,
};

describe("renderNotification", () => {
  it("says what happened where, with a link, and keeps a header-safe subject", () => {
    const n = renderNotification({ id: "c1", name: "prod" }, { type: "resolved", alert }, "https://panel.example.org/");
    expect(n.subject).toBe("[prod] RESOLVED: Link 1 of pve1 is down Bcc: evil@example.org");
    expect(n.text.split("\n").slice(0, 3)).toEqual(["RESOLVED on cluster prod: Link 1 of pve1 is down\r", "Bcc: evil@example.org", ""]);
    expect(n.text).toContain("Severity: ok\n");
    expect(n.text).toContain("Resolved: 2026-11-21T03:05:00.000Z\n");
    expect(n.payload).toMatchObject({ cluster: "prod", event: "resolved", url: "https://panel.example.org/clusters/c1", alert: { id: "a1", severity: "warning", resolvedAt: "2026-11-21T03:05:00.000Z" } });
  });

  it("has no link when no panel URL is set", () => {
    const n = renderNotification({ id: "c1", name: "prod" }, { type: "fired", alert: { ...alert, resolvedAt: null } }, null);
    expect(n.payload.url).toBeNull();
    expect(n.text).not.toContain("http");
    expect(n.text).toContain("Severity: warning\n");
  });
});

describe("notification settings", () => {
  it("refuses a webhook that is not http(s) and recipients that are not addresses", () => {
    const bad = ZNotificationSettings.safeParse({ webhookUrl: "file:///etc/passwd" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("The webhook must be an http:// or https:// URL");
    const smtp = ZNotificationSettings.safeParse({ smtp: { host: "mail.example.org", from: "panel@example.org", to: ["not an address"] } });
    expect(smtp.error?.issues[0]?.message).toBe("Every recipient must be an email address");
    const host = ZNotificationSettings.safeParse({ smtp: { host: "mail;rm -rf", from: "panel@example.org", to: ["a@example.org"] } });
    expect(host.error?.issues[0]?.message).toBe("SMTP host must be a host name or an IP address");
  });

  it("defaults SMTP to port 587 with STARTTLS, and reads a broken stored value as none", () => {
    expect(ZNotificationSettings.parse({ smtp: { host: "mail.example.org", from: "p@example.org", to: ["a@example.org"] } }).smtp).toMatchObject({ port: 587, security: "starttls", username: null });
    expect(readNotificationSettings({ webhookUrl: 42 })).toEqual({ webhookUrl: null, panelUrl: null, smtp: null });
  });
});
