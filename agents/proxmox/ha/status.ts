import { errorReport, report, warningReport, type TReport } from "@/lib/reports/report";
import type { THaManagerStatus } from "../model-status";

// What `ha-manager status` says, judged: quorum, the CRM master, each node's LRM and each
// service. Pure.

export type THaHealth = {
  quorate: boolean;
  master: { node: string; state: string; time: string | null } | null;
  lrms: { node: string; state: string; time: string | null; ok: boolean; maintenance: boolean }[];
  services: { sid: string; node: string | null; state: string; ok: boolean }[];
  reports: TReport[];
};

const SERVICE_OK = new Set(["started", "stopped", "ignored", "disabled", "migrate", "relocate", "request_stop", "starting"]);

export function haHealth(status: THaManagerStatus): THaHealth {
  const reports: TReport[] = [];
  if (!status.quorate) reports.push(errorReport("PVE_HA_NO_QUORUM", `The node that answered has no quorum (${status.quorum}); the HA manager does nothing without it.`, {}));
  if (status.master === null && status.services.length > 0) {
    reports.push(warningReport("PVE_HA_NO_MASTER", "HA resources are configured but no CRM master is active.", {}));
  }
  const lrms = status.lrms.map((l) => {
    const maintenance = l.state.startsWith("maintenance");
    const dead = /dead|unable to read/.test(l.state);
    if (dead) reports.push(errorReport("PVE_HA_LRM_DEAD", `The HA local resource manager on ${l.node} does not report (${l.state}).`, { node: l.node }));
    if (maintenance) reports.push(report("info", "PVE_HA_NODE_MAINTENANCE", `${l.node} is in HA maintenance mode.`, { node: l.node }));
    return { node: l.node, state: l.state, time: l.time, ok: !dead, maintenance };
  });
  const services = status.services.map((s) => {
    const ok = SERVICE_OK.has(s.state);
    if (!ok) reports.push(errorReport("PVE_HA_SERVICE_STATE", `HA service ${s.sid} is in state ${s.state}${s.node ? ` on ${s.node}` : ""}.`, { sid: s.sid, state: s.state, node: s.node }));
    return { sid: s.sid, node: s.node, state: s.state, ok };
  });
  return { quorate: status.quorate, master: status.master ? { node: status.master.node, state: status.master.state, time: status.master.time } : null, lrms, services, reports };
}
