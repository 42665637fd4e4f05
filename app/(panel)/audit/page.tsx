import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { formatTimestamp } from "@/lib/format/time";
import { ZAuditFilter } from "@/lib/validations/audit";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

function argvText(argv: unknown): string {
  return Array.isArray(argv) ? argv.map(String).join(" ") : "";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageUser("viewer");
  const filter = ZAuditFilter.parse(await searchParams);
  const where = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.host ? { hostName: filter.host } : {}),
    ...(filter.job ? { jobId: filter.job } : {}),
  };
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { user: { select: { username: true } } },
    }),
    db.auditEvent.count({ where }),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pageHref = (p: number) => {
    const q = new URLSearchParams();
    if (filter.action) q.set("action", filter.action);
    if (filter.host) q.set("host", filter.host);
    if (filter.job) q.set("job", filter.job);
    q.set("page", String(p));
    return `/audit?${q}`;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when: logins, inventory changes, and every command run on a host with its exit code and duration."
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter audit log">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Action</span>
          <Input name="action" defaultValue={filter.action ?? ""} placeholder="command, login…" className="w-44" />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Host</span>
          <Input name="host" defaultValue={filter.host ?? ""} placeholder="pve1" className="w-44" />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Job id</span>
          <Input name="job" defaultValue={filter.job ?? ""} className="w-56" />
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {events.length === 0 ? (
        <EmptyState title="Nothing recorded">No audit events match these filters.</EmptyState>
      ) : (
        <Table caption="Audit events">
          <thead className="bg-slate-50">
            <tr>
              <Th>Time</Th>
              <Th>Who</Th>
              <Th>Action</Th>
              <Th>Host</Th>
              <Th>Command</Th>
              <Th>Exit</Th>
              <Th>ms</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap text-slate-600">{formatTimestamp(e.at)}</Td>
                <Td>{e.user?.username ?? "system"}</Td>
                <Td>{e.action}</Td>
                <Td>{e.hostName ?? "—"}</Td>
                <Td className="max-w-md truncate font-mono text-xs" title={argvText(e.argv)}>
                  {argvText(e.argv) || (e.detail ? JSON.stringify(e.detail) : "")}
                </Td>
                <Td>{e.exitCode ?? ""}</Td>
                <Td>{e.durationMs ?? ""}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
        <span>
          Page {filter.page} of {pages} ({total} events)
        </span>
        {filter.page > 1 ? <Link className="text-sky-700 hover:underline" href={pageHref(filter.page - 1)}>Newer</Link> : null}
        {filter.page < pages ? <Link className="text-sky-700 hover:underline" href={pageHref(filter.page + 1)}>Older</Link> : null}
      </nav>
    </>
  );
}
