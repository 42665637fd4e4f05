import { Badge } from "@/components/ui/badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { TStoredHostFacts } from "@/lib/hosts/facts";
import { formatBytes, kernelOf, membershipSummary, storageStackSummary, timeSummary } from "@/lib/hosts/facts-summary";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_1fr] gap-3 py-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

export function HostFactsView({ facts }: { facts: TStoredHostFacts }) {
  const stack = storageStackSummary(facts);
  const installed = (facts.packages ?? []).filter((p) => p.installed);
  const nics = (facts.interfaces ?? []).filter((i) => i.name !== "lo");
  const disks = facts.blockDevices?.disks.filter((d) => !d.virtual) ?? [];
  return (
    <div className="space-y-6 text-sm">
      <dl aria-label="Host facts" className="divide-y divide-slate-100">
        <Row label="Operating system">{facts.os?.prettyName ?? facts.os?.id ?? "unknown"}</Row>
        <Row label="Proxmox VE">{facts.proxmox ? facts.proxmox.managerVersion : "not installed"}</Row>
        <Row label="Kernel">{kernelOf(facts) ?? "unknown"}</Row>
        <Row label="Hostname">
          {facts.hostname ? (
            <>
              <span className="font-mono">{facts.hostname.name}</span>
              {facts.hostname.fqdn ? <span className="text-slate-600"> (FQDN {facts.hostname.fqdn})</span> : <span className="text-slate-600"> (no FQDN)</span>}
            </>
          ) : (
            "unknown"
          )}
        </Row>
        <Row label="Name resolution">
          {facts.resolution ? (
            facts.resolution.addresses.length === 0 ? (
              <Badge tone="warn">{facts.resolution.name} does not resolve</Badge>
            ) : (
              <>
                <span className="font-mono">{facts.resolution.addresses.join(", ")}</span>{" "}
                {facts.resolution.loopback ? <Badge tone="warn">resolves to loopback</Badge> : null}
              </>
            )
          ) : (
            "unknown"
          )}
        </Row>
        <Row label="Cluster membership">{membershipSummary(facts)}</Row>
        <Row label="DRBD">{stack.drbd}</Row>
        <Row label="Ceph">{stack.ceph}</Row>
        <Row label="LINSTOR">{stack.linstor}</Row>
        <Row label="Time">{timeSummary(facts)}</Row>
        <Row label="Guests">
          {facts.guests.vms ?? "?"} VM(s), {facts.guests.containers ?? "?"} container(s)
        </Row>
      </dl>

      <section>
        <h3 className="mb-2 font-semibold text-slate-900">Network interfaces</h3>
        <Table caption="Network interfaces">
          <thead className="bg-slate-50">
            <tr>
              <Th>Name</Th>
              <Th>State</Th>
              <Th>Kind</Th>
              <Th>Addresses</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {nics.map((n) => (
              <Tr key={n.name}>
                <Td className="font-mono">{n.name}</Td>
                <Td>{n.state ?? "?"}{n.carrier ? "" : " (no carrier)"}</Td>
                <Td>{n.kind ?? "nic"}{n.master ? ` → ${n.master}` : ""}</Td>
                <Td className="font-mono text-xs">{n.addresses.map((a) => `${a.address}/${a.prefixLength}`).join(", ") || "—"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section>
        <h3 className="mb-2 font-semibold text-slate-900">Disks</h3>
        {disks.length === 0 ? (
          <p className="text-slate-600">No disks reported.</p>
        ) : (
          <Table caption="Disks">
            <thead className="bg-slate-50">
              <tr>
                <Th>Disk</Th>
                <Th>Size</Th>
                <Th>Model</Th>
                <Th>Use</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {disks.map((d) => (
                <Tr key={d.name}>
                  <Td className="font-mono">{d.path ?? d.name}</Td>
                  <Td>{formatBytes(d.sizeBytes)}</Td>
                  <Td>
                    {[d.vendor, d.model].filter(Boolean).join(" ") || "—"}{" "}
                    {d.hardwareRaid ? <Badge tone="warn">RAID controller</Badge> : null}
                  </Td>
                  <Td>{d.empty ? <Badge tone="ok">empty</Badge> : d.usedBy.join(", ")}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section>
        <h3 className="mb-2 font-semibold text-slate-900">Cluster packages</h3>
        {installed.length === 0 ? (
          <p className="text-slate-600">None of the cluster packages is installed.</p>
        ) : (
          <ul aria-label="Cluster packages" className="grid gap-1 font-mono text-xs sm:grid-cols-2">
            {installed.map((p) => (
              <li key={p.name}>
                {p.name} {p.version}
              </li>
            ))}
          </ul>
        )}
      </section>

      {facts.errors.length > 0 ? (
        <section>
          <h3 className="mb-2 font-semibold text-slate-900">Facts that could not be read</h3>
          <ul aria-label="Fact errors" className="space-y-1 text-xs text-amber-800">
            {facts.errors.map((e, i) => (
              <li key={i}>
                <span className="font-semibold">{e.fact}</span>: {e.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
