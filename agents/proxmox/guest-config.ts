import { ParseError } from "../common/parse-error";
import { isJsonObject, readPveJson } from "./pve-json";
import type { TStorageEntry } from "./model-config";
import { isSharedStorage } from "./storage-cfg";

// A guest's configuration as `pvesh get /nodes/N/{qemu,lxc}/ID/config --output-format json`
// prints it: key → value, values as text (numbers come back as JSON numbers).
export type TGuestConfig = Record<string, string>;

export function parseGuestConfigJson(text: string): TGuestConfig {
  const format = "pve-guest-config-json";
  const data = readPveJson(text, format);
  if (!isJsonObject(data)) throw new ParseError(format, "expected an object of config keys");
  const out: TGuestConfig = {};
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}

const DISK_KEY = /^(scsi|sata|ide|virtio|efidisk|tpmstate|unused)\d+$|^(rootfs|mp\d+)$/;

export type TGuestDisk = { key: string; volid: string; storage: string };

// Volumes on a storage (`local-zfs:vm-100-disk-0,size=32G`); CD-ROMs, passthrough of host
// block devices (`/dev/...`) and `none` are not volumes.
export function guestDisks(config: TGuestConfig): TGuestDisk[] {
  return Object.entries(config).flatMap(([key, value]) => {
    if (!DISK_KEY.test(key) || /(^|,)media=cdrom(,|$)/.test(value)) return [];
    const volid = value.split(",")[0] ?? "";
    const colon = volid.indexOf(":");
    if (colon <= 0 || volid.startsWith("/")) return [];
    return [{ key, volid, storage: volid.slice(0, colon) }];
  });
}

// What ties a VM to its host (qemu-server's check_local_resources): host USB devices (not
// SPICE redirection), PCI passthrough, serial/parallel ports on a host device.
export function localDevices(config: TGuestConfig): string[] {
  return Object.entries(config)
    .filter(([key, value]) => {
      if (/^usb\d+$/.test(key)) return !/(^|,)host=spice(,|$)/.test(value) && !value.startsWith("spice");
      if (/^hostpci\d+$/.test(key)) return true;
      if (/^(serial|parallel)\d+$/.test(key)) return value.startsWith("/dev/");
      return false;
    })
    .map(([key]) => key)
    .sort();
}

// Disks whose storage the other nodes cannot reach (not shared, or not in storage.cfg).
export function localDisks(config: TGuestConfig, storages: readonly TStorageEntry[]): TGuestDisk[] {
  return guestDisks(config).filter((d) => {
    const s = storages.find((x) => x.id === d.storage);
    return !s || !isSharedStorage(s);
  });
}
