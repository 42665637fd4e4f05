"use client";
import { useState } from "react";
import { Badge, type TTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { ageText } from "@/lib/guests/context";
import type { TGuestPageRow } from "@/lib/guests/page-model";
import { HaDialog } from "./ha-dialog";
import { MigrateDialog } from "./migrate-dialog";

const STATUS_TONE: Record<string, TTone> = { running: "ok", stopped: "neutral", paused: "warn" };
const REPL_TONE: Record<string, TTone> = { ok: "ok", pending: "info", lagging: "warn", failing: "crit", disabled: "neutral", unknown: "neutral" };

export function GuestsTable({ clusterId, rows, canOperate }: { clusterId: string; rows: TGuestPageRow[]; canOperate: boolean }) {
  const [open, setOpen] = useState<{ vmid: number; what: "migrate" | "ha" } | null>(null);
  const openRow = open ? rows.find((r) => r.vmid === open.vmid) : undefined;
  return (
    <>
      <Table caption="Guests">
        <thead className="bg-slate-50">
          <tr>
            <Th>Guest</Th>
            <Th>Status</Th>
            <Th>Node</Th>
            <Th>Disks</Th>
            <Th>Replication</Th>
            <Th>HA</Th>
            <Th>Local devices</Th>
            {canOperate ? <Th>Actions</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <Tr key={r.vmid} aria-label={`Guest ${r.vmid}`}>
              <Td className="font-medium">
                {r.vmid} {r.name ? <span className="text-slate-600">{r.name}</span> : null}
                <span className="block text-xs text-slate-500">{r.type === "lxc" ? "container" : "VM"}</span>
              </Td>
              <Td>
                <Badge tone={STATUS_TONE[r.status] ?? "neutral"}>{r.status}</Badge>
                {r.lock ? <span className="block text-xs text-amber-700">locked: {r.lock}</span> : null}
              </Td>
              <Td data-testid={`node-${r.vmid}`}>{r.node ?? "?"}</Td>
              <Td className="text-xs">
                {!r.configKnown ? "config not read" : r.disks.length === 0 ? "none" : r.disks.map((d) => (
                  <span key={d.key} className="block">
                    {d.key}: {d.storage} <span className="text-slate-500">({d.storageType ?? "?"}, {d.shared ? "shared" : "local"})</span>
                  </span>
                ))}
              </Td>
              <Td className="text-xs">
                {r.replication.length === 0
                  ? "—"
                  : r.replication.map((j) => (
                      <span key={j.id} className="block">
                        → {j.target} <Badge tone={REPL_TONE[j.state] ?? "neutral"}>{j.state}</Badge>
                        {j.lagSeconds !== null ? ` ${ageText(j.lagSeconds)} ago` : ""}
                      </span>
                    ))}
              </Td>
              <Td className="text-xs">
                {r.haState ?? "—"}
                {r.pacemaker.length > 0 ? <span className="block text-amber-700">Pacemaker: {r.pacemaker.join(", ")}</span> : null}
              </Td>
              <Td className="text-xs">{r.localDevices.length > 0 ? <Badge tone="warn">{r.localDevices.join(", ")}</Badge> : "—"}</Td>
              {canOperate ? (
                <Td className="space-x-2 whitespace-nowrap">
                  <Button variant="secondary" onClick={() => setOpen({ vmid: r.vmid, what: "migrate" })}>
                    Migrate
                  </Button>
                  <Button variant="secondary" disabled={r.haState !== null} onClick={() => setOpen({ vmid: r.vmid, what: "ha" })}>
                    Enroll in HA
                  </Button>
                </Td>
              ) : null}
            </Tr>
          ))}
        </tbody>
      </Table>
      {openRow && open?.what === "migrate" ? <MigrateDialog key={`m${openRow.vmid}`} clusterId={clusterId} row={openRow} onClose={() => setOpen(null)} /> : null}
      {openRow && open?.what === "ha" ? <HaDialog key={`h${openRow.vmid}`} clusterId={clusterId} row={openRow} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
