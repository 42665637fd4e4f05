import { z } from "zod";

export const ZClusterStack = z.enum(["proxmox", "pacemaker"]);
export type TClusterStack = z.infer<typeof ZClusterStack>;

// What the cluster's guests will live on; the local-disk kinds need a free disk per node.
export const ZStorageKind = z.enum(["none", "zfs", "ceph", "drbd", "linstor", "lvm", "shared"]);
export type TStorageKind = z.infer<typeof ZStorageKind>;

export const STORAGE_NEEDS_DISK: ReadonlySet<TStorageKind> = new Set(["zfs", "ceph", "drbd", "linstor", "lvm"]);
// ZFS and Ceph manage redundancy themselves and must see the drives, not a controller's logical drive.
export const STORAGE_AVOIDS_HW_RAID: ReadonlySet<TStorageKind> = new Set(["zfs", "ceph"]);

// Each entry is satisfied by any one of its alternatives; the first is the one to install.
type TRequirement = readonly [string, ...string[]];

export function requiredPackages(stack: TClusterStack, storage: TStorageKind, qdevice: boolean): TRequirement[] {
  const needs: TRequirement[] =
    // pve-manager itself is checked through pveversion (a Proxmox install, not an apt-get away).
    stack === "proxmox" ? [["pve-cluster"], ["corosync"]] : [["corosync"], ["pacemaker"], ["crmsh", "pcs"]];
  if (qdevice) needs.push(["corosync-qdevice"]);
  if (storage === "zfs") needs.push(["zfsutils-linux"]);
  if (storage === "ceph") needs.push(["ceph-common"]);
  if (storage === "drbd") needs.push(["drbd-utils"]);
  // LINSTOR drives DRBD 9, which the stock Debian kernel's DRBD 8.4 module is not.
  if (storage === "linstor") needs.push(["linstor-satellite"], ["drbd-utils"], ["drbd-dkms"]);
  return needs;
}
