import { z } from "zod";
import { errorReport, report, warningReport, type TReport } from "@/lib/reports/report";
import { clusterNodes, nodeOnline, type TPveClusterView } from "../cluster-view";
import { localDevices, localDisks } from "../guest-config";
import { validateInput, ZPveNodeName, ZVmid } from "../ids";

// Checks before moving a guest to another node. Pure: reads the cluster view only.

export const ZMigrationRequest = z.object({
  vmid: ZVmid,
  target: ZPveNodeName,
  // Allow copying local disks of a running VM over the network (qm migrate --with-local-disks).
  withLocalDisks: z.boolean().default(false),
});
export type TMigrationRequest = z.infer<typeof ZMigrationRequest>;
export type TMigrationRequestInput = z.input<typeof ZMigrationRequest>;

export function precheckMigration(input: TMigrationRequestInput, view: TPveClusterView): TReport[] {
  const { value: req, reports } = validateInput(ZMigrationRequest, input, "PVE_MIGRATE_INVALID", "Migration");
  if (!req) return reports;
  const guest = view.resources.guests.find((g) => g.vmid === req.vmid);
  const params = { vmid: req.vmid, target: req.target };
  if (!guest) return [errorReport("PVE_MIGRATE_NO_SUCH_GUEST", `There is no guest ${req.vmid} in the cluster.`, { ...params, field: "vmid" })];
  if (!clusterNodes(view).includes(req.target)) return [errorReport("PVE_MIGRATE_NO_SUCH_TARGET", `${req.target} is not a node of this cluster.`, { ...params, field: "target" })];
  if (guest.node === req.target) {
    return [errorReport("PVE_MIGRATE_TARGET_IS_SOURCE", `Guest ${req.vmid} already runs on ${req.target}.`, { ...params, field: "target" })];
  }
  const out: TReport[] = [];
  if (nodeOnline(view, req.target) !== true) {
    out.push(errorReport("PVE_MIGRATE_TARGET_OFFLINE", `${req.target} is offline (not in the cluster membership); a guest can only move to an online node.`, { ...params, field: "target" }));
  }
  if (view.status.cluster?.quorate === false) {
    out.push(errorReport("PVE_MIGRATE_NO_QUORUM", "The cluster has no quorum; /etc/pve is read-only and no migration can start.", params));
  }
  if (guest.lock) out.push(errorReport("PVE_MIGRATE_GUEST_LOCKED", `Guest ${req.vmid} is locked (${guest.lock}); wait for that task to end or clear the lock.`, { ...params, lock: guest.lock }));
  const running = guest.status === "running";
  const config = view.guestConfigs[req.vmid];
  if (!config) {
    out.push(errorReport("PVE_MIGRATE_CONFIG_UNKNOWN", `The configuration of guest ${req.vmid} was not read; its disks and devices cannot be checked.`, params));
  } else {
    const devices = guest.type === "qemu" ? localDevices(config) : [];
    if (devices.length > 0) {
      out.push(
        errorReport(
          "PVE_MIGRATE_LOCAL_DEVICES",
          `Guest ${req.vmid} uses host devices (${devices.join(", ")}); they stay on ${guest.node}, so the guest cannot move. Pass USB/serial devices over the network (USB/IP) instead.`,
          { ...params, devices },
        ),
      );
    }
    const replicated = view.replication.some((j) => j.guest === req.vmid && j.target === req.target && j.disable !== true);
    const local = localDisks(config, view.storage);
    if (local.length > 0 && !replicated) {
      const volumes = local.map((d) => d.volid);
      if (guest.type === "qemu" && running && !req.withLocalDisks) {
        out.push(
          errorReport(
            "PVE_MIGRATE_LOCAL_DISKS",
            `Guest ${req.vmid} has disks on local storage (${volumes.join(", ")}) that are neither shared nor replicated to ${req.target}. Replicate them, or allow copying them (with-local-disks), which moves all their data now.`,
            { ...params, volumes },
          ),
        );
      } else {
        out.push(warningReport("PVE_MIGRATE_COPIES_DISKS", `The local disks of guest ${req.vmid} (${volumes.join(", ")}) are copied to ${req.target} in full.`, { ...params, volumes }));
      }
    }
  }
  const target = view.resources.nodes.find((n) => n.name === req.target);
  const needs = guest.maxmem;
  if (target && target.maxmem !== null && target.mem !== null && needs !== null) {
    const free = target.maxmem - target.mem;
    if (free < needs) {
      const make = running ? errorReport : warningReport;
      out.push(
        make("PVE_MIGRATE_TARGET_MEMORY", `${req.target} has ${Math.floor(free / 2 ** 20)} MiB free; guest ${req.vmid} needs ${Math.floor(needs / 2 ** 20)} MiB.`, { ...params, freeBytes: free, neededBytes: needs }),
      );
    }
  }
  if (guest.hastate !== null) {
    out.push(
      report("info", "PVE_MIGRATE_HA_MANAGED", `Guest ${req.vmid} is HA-managed (${guest.hastate}): the HA manager carries out the migration; its state shows in the HA status.`, {
        ...params,
        hastate: guest.hastate,
      }),
    );
  }
  if (guest.type === "lxc" && running) {
    out.push(warningReport("PVE_MIGRATE_CT_RESTART", `Container ${req.vmid} is stopped, moved and started again (restart migration): it is down for the move.`, params));
  }
  return out;
}
