import type { TBlockDevice } from "./model";

// Logical drives of hardware RAID controllers, as lsblk shows their MODEL (and VENDOR): Dell
// PERC ("PERC H730P Mini"), LSI/Broadcom MegaRAID ("MR9361-8i", "MegaRAID SAS..."), HPE Smart
// Array ("LOGICAL VOLUME"), IBM ServeRAID, Fujitsu PRAID, Dell BOSS. An HBA in IT/JBOD mode shows
// the drives' own models and is not flagged.
const RAID_MODELS = [/\bPERC\b/i, /megaraid/i, /smart\s*array/i, /logical[\s_]*volume/i, /serveraid/i, /\bMR9\d{3}/i, /\bPRAID\b/i, /dellboss/i, /(?:^|[^a-z])raid/i];
const RAID_VENDORS = /^(LSI|AVAGO|BROADCOM|Adaptec)$/i;

export function looksLikeHardwareRaid(model: string | null, vendor: string | null): boolean {
  if (model !== null && RAID_MODELS.some((re) => re.test(model))) return true;
  return vendor !== null && RAID_VENDORS.test(vendor.trim());
}

// Kernel devices typed "disk" that are not drives: zram/ramdisks, DRBD, NBD, RBD, ZFS zvols.
export function isVirtualDisk(name: string): boolean {
  return /^(zram|ram|drbd|nbd|rbd|zd)\d+$/.test(name);
}

const FSTYPE_WORDS: Record<string, string> = {
  LVM2_member: "LVM physical volume",
  zfs_member: "ZFS pool member",
  linux_raid_member: "software RAID (md) member",
  ceph_bluestore: "Ceph OSD",
  drbd: "DRBD metadata",
  swap: "swap",
  crypto_LUKS: "LUKS encrypted volume",
};

// Why a device (and what sits on it) is in use, in words an admin reads on the host page.
export function usageReasons(device: TBlockDevice, children: readonly TBlockDevice[]): string[] {
  const reasons: string[] = [];
  if (device.fstype) reasons.push(FSTYPE_WORDS[device.fstype] ?? `filesystem ${device.fstype}`);
  for (const m of device.mountpoints) reasons.push(m === "[SWAP]" ? "active swap" : `mounted at ${m}`);
  for (const d of children) {
    reasons.push(d.type === "part" ? `partition ${d.name}` : `${d.type} ${d.name} on top`);
  }
  return [...new Set(reasons)];
}
