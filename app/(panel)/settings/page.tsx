import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { DisableUserButton } from "@/components/settings/disable-user-button";
import { NotificationForm } from "@/components/settings/notification-form";
import { loadNotificationSettings } from "@/lib/health/notify";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { readEnv } from "@/lib/config/env";
import { db } from "@/lib/db";
import { formatTimestamp } from "@/lib/format/time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const me = await requirePageUser("viewer");
  const isAdmin = hasRole(me.role, "admin");
  const env = readEnv();
  const users = isAdmin ? await db.user.findMany({ orderBy: { username: "asc" } }) : [];
  const notifications = isAdmin ? await loadNotificationSettings(db) : null;
  return (
    <>
      <PageHeader title="Settings" description="The panel itself: who may use it and where it keeps its state." />
      <Card className="mb-6">
        <CardHeader title="This panel" />
        <CardBody>
          <dl className="grid grid-cols-[12rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-600">Data directory</dt>
            <dd className="font-mono text-xs">{env.dataDir}</dd>
            <dt className="text-slate-600">Database</dt>
            <dd className="font-mono text-xs">{env.databaseUrl.startsWith("file:") ? "SQLite (embedded)" : "PostgreSQL"}</dd>
            <dt className="text-slate-600">Session lifetime</dt>
            <dd>{env.PANEL_SESSION_HOURS} h, renewed while in use</dd>
            <dt className="text-slate-600">Secure cookies</dt>
            <dd>{env.PANEL_COOKIE_SECURE === "auto" ? "when reached over HTTPS" : env.PANEL_COOKIE_SECURE}</dd>
          </dl>
        </CardBody>
      </Card>
      {isAdmin ? (
        <Card>
          <CardHeader title="Users" />
          <CardBody className="space-y-6">
            <Table caption="Users">
              <thead className="bg-slate-50">
                <tr>
                  <Th>User</Th>
                  <Th>Role</Th>
                  <Th>Created</Th>
                  <Th>Status</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((u) => (
                  <Tr key={u.id}>
                    <Td className="font-medium">{u.username}</Td>
                    <Td>{u.role}</Td>
                    <Td className="text-slate-600">{formatTimestamp(u.createdAt)}</Td>
                    <Td>{u.disabledAt ? <Badge tone="neutral">disabled</Badge> : <Badge tone="ok">active</Badge>}</Td>
                    <Td>{!u.disabledAt && u.id !== me.id ? <DisableUserButton userId={u.id} username={u.username} /> : null}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
            <CreateUserForm />
          </CardBody>
        </Card>
      ) : (
        <p className="text-sm text-slate-600">Signed in as {me.username} ({me.role}). User management needs the admin role.</p>
      )}
      {notifications ? (
        <Card className="mt-6">
          <CardHeader title="Alert notifications" />
          <CardBody>
            <NotificationForm
              initial={{
                webhookUrl: notifications.webhookUrl ?? "",
                panelUrl: notifications.panelUrl ?? "",
                smtp: notifications.smtp
                  ? {
                      host: notifications.smtp.host,
                      port: notifications.smtp.port,
                      security: notifications.smtp.security,
                      username: notifications.smtp.username ?? "",
                      hasPassword: notifications.smtp.passwordEnvelope !== null,
                      from: notifications.smtp.from,
                      to: notifications.smtp.to.join(", "),
                    }
                  : null,
              }}
            />
          </CardBody>
        </Card>
      ) : null}
    </>
  );
}
