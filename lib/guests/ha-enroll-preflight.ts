import { localDevices, localDisks, guestDisks } from "@/agents/proxmox/guest-config";
import { errorReport, report, warningReport, type TReport } from "@/lib/reports/report";
import { rankTargets } from "./best-target";
import { guestOf, type TGuestContext } from "./context";
import { hasRealQuorumForHa } from "./quorum";

// Which way a guest can come under Proxmox HA, decided from its storage: on shared storage it
// is enrolled directly (a failover loses nothing); on local ZFS a replication job to an HA
// partner comes first and the RPO is what a failover can lose; anything else is refused with
// what would make it possible. Pure.

export const HA_DEFAULT_SCHEDULE = "*/15";

export type THaEnrollPath =
  | { kind: "shared"; storages: string[] }
  | { kind: "replicate"; partner: string; schedule: string; rpoMinutes: number; existingJob: string | null }
  | { kind: "already"; state: string }
  | { kind: "refused" };

export type THaEnrollPreflight = { vmid: number; node: string | null; path: THaEnrollPath; reports: TReport[]; ok: boolean };

// Minutes between runs of a pvesr calendar event; the schedules the panel offers are */N and
// hourly/daily forms, anything else is taken as PVE's default of 15.
export function scheduleMinutes(schedule: string): number {
  const every = /^\*\/(\d{1,4})$/.exec(schedule.trim());
  if (every) return Number(every[1]);
  if (/^\d{1,2}:\d{2}$/.test(schedule.trim())) return 24 * 60;
  if (/^hourly$/.test(schedule.trim())) return 60;
  return 15;
}

const REPLICABLE = new Set(["zfspool"]);

export function haEnrollPreflight(ctx: TGuestContext, vmid: number, opts: { partner?: string | null; schedule?: string } = {}): THaEnrollPreflight {
  const guest = guestOf(ctx, vmid);
  const params = { vmid };
  const done = (path: THaEnrollPath, reports: TReport[]): THaEnrollPreflight => ({
    vmid,
    node: guest?.node ?? null,
    path,
    reports,
    ok: path.kind !== "refused" && !reports.some((r) => r.severity === "error"),
  });
  if (!guest) return done({ kind: "refused" }, [errorReport("GUESTS_NO_SUCH_GUEST", `There is no guest ${vmid} in the cluster.`, params)]);
  if (guest.hastate !== null) return done({ kind: "already", state: guest.hastate }, [report("info", "GUESTS_HA_ALREADY", `Guest ${vmid} is already under HA (${guest.hastate}).`, params)]);
  const reports: TReport[] = [];
  if (!hasRealQuorumForHa(ctx.quorum)) {
    reports.push(
      errorReport(
        "GUESTS_HA_NO_REAL_QUORUM",
        ctx.quorum.nodes.length === 2
          ? "This cluster has 2 nodes and no QDevice: when one node fails the other loses quorum too and fences itself, so HA could never recover a guest. Add a QDevice (a third vote on a small witness host), then enroll."
          : "HA needs at least three votes (three nodes, or two nodes and a QDevice).",
        { ...params, nodes: ctx.quorum.nodes.length, qdeviceVotes: ctx.quorum.qdeviceVotes },
      ),
    );
  }
  const owners = ctx.pacemaker[vmid] ?? [];
  if (owners.length > 0) {
    reports.push(
      warningReport(
        "GUESTS_PACEMAKER_OWNS",
        `Pacemaker already manages guest ${vmid} (${owners.join(", ")}): with Proxmox HA too, two managers would start and stop it. Remove it from Pacemaker first; keep one owner per failover.`,
        { ...params, resources: owners },
      ),
    );
  }
  const config = ctx.view.guestConfigs[vmid];
  if (!config) return done({ kind: "refused" }, [...reports, errorReport("GUESTS_CONFIG_UNKNOWN", `The configuration of guest ${vmid} was not read; its storage cannot be judged.`, params)]);
  const devices = guest.type === "qemu" ? localDevices(config) : [];
  if (devices.length > 0) {
    reports.push(errorReport("GUESTS_HA_LOCAL_DEVICES", `Guest ${vmid} uses host devices (${devices.join(", ")}) that exist on ${guest.node ?? "one node"} only; HA cannot start it elsewhere. Remove them or pass them over the network (USB/IP).`, { ...params, devices }));
  }
  const local = localDisks(config, ctx.view.storage);
  if (local.length === 0) {
    const storages = [...new Set(guestDisks(config).map((d) => d.storage))].sort();
    reports.push(report("info", "GUESTS_HA_SHARED", `Guest ${vmid}'s disks are on shared storage (${storages.join(", ") || "no disks"}): it is enrolled directly and a failover loses no written data.`, { ...params, storages }));
    return done({ kind: "shared", storages }, reports);
  }
  const unreplicable = local.filter((d) => !REPLICABLE.has(ctx.view.storage.find((s) => s.id === d.storage)?.type ?? ""));
  if (unreplicable.length > 0) {
    const what = unreplicable.map((d) => `${d.volid} (${ctx.view.storage.find((s) => s.id === d.storage)?.type ?? "unknown storage"})`).join(", ");
    reports.push(
      errorReport(
        "GUESTS_HA_STORAGE_UNSUITABLE",
        `Guest ${vmid} has disks only ${guest.node ?? "its node"} can reach and that cannot be replicated: ${what}. Move them to shared storage (Ceph, LINSTOR/DRBD, NFS) to enroll directly, or to a ZFS pool storage to enroll with replication.`,
        { ...params, volumes: unreplicable.map((d) => d.volid) },
      ),
    );
    return done({ kind: "refused" }, reports);
  }
  const existing = ctx.replication.find((j) => j.guest === vmid && j.enabled && (opts.partner ? j.target === opts.partner : true));
  const partner = opts.partner ?? existing?.target ?? rankTargets(ctx, vmid).find((c) => c.fits)?.node ?? null;
  if (!partner) {
    reports.push(errorReport("GUESTS_HA_NO_PARTNER", `No other online node can take guest ${vmid} (memory or maintenance); HA needs a partner node for its replica.`, params));
    return done({ kind: "refused" }, reports);
  }
  const schedule = existing && existing.target === partner ? existing.schedule : (opts.schedule ?? HA_DEFAULT_SCHEDULE);
  const rpoMinutes = scheduleMinutes(schedule);
  reports.push(
    warningReport(
      "GUESTS_HA_RPO",
      `Guest ${vmid} is on local ZFS: it is replicated to ${partner} every ${rpoMinutes} min (${schedule}) and HA may restart it only there. RPO ${rpoMinutes} min: a failover restarts it from the last replica and loses up to ${rpoMinutes} min of writes.`,
      { ...params, partner, schedule, rpoMinutes },
    ),
  );
  return done({ kind: "replicate", partner, schedule, rpoMinutes, existingJob: existing && existing.target === partner ? existing.id : null }, reports);
}
