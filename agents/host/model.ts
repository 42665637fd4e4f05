import { z } from "zod";
import { ZCorosyncQuorum } from "../corosync/model";
import { ParseError } from "../common/parse-error";

// Facts about one host, gathered when an admin adds it and read again by the cluster wizard's
// prechecks. Every fact is null when its command is missing or failed; the reason for a
// failure sits in `errors`, so the host page can say "lsblk failed: ...".

export const ZOsRelease = z.object({
  // os-release(5): ID defaults to "linux" when the file leaves it out.
  id: z.string(),
  idLike: z.array(z.string()),
  name: z.string().nullable(),
  prettyName: z.string().nullable(),
  version: z.string().nullable(),
  versionId: z.string().nullable(),
  versionCodename: z.string().nullable(),
});
export type TOsRelease = z.infer<typeof ZOsRelease>;

export const ZPveVersion = z.object({
  // pve-manager's version, e.g. "8.2.4"; major/minor taken from it.
  managerVersion: z.string(),
  major: z.number().int().nonnegative(),
  minor: z.number().int().nonnegative().nullable(),
  // The build hash after the version ("faa83925c9641325"); null when not printed.
  build: z.string().nullable(),
  runningKernel: z.string().nullable(),
  // pveversion -v package list; null version = "not correctly installed". Empty for plain pveversion.
  packages: z.record(z.string(), z.string().nullable()),
});
export type TPveVersion = z.infer<typeof ZPveVersion>;

export const ZHostname = z.object({
  // What `hostname` prints: the kernel's host name, sometimes a full FQDN.
  name: z.string(),
  // The first label: Proxmox and corosync use this as the node name.
  short: z.string(),
  // `hostname --fqdn`; null when the resolver cannot produce one.
  fqdn: z.string().nullable(),
});
export type THostname = z.infer<typeof ZHostname>;

export const ZHostsEntry = z.object({ address: z.string(), names: z.array(z.string()) });
export type THostsEntry = z.infer<typeof ZHostsEntry>;

export const ZNameResolution = z.object({
  name: z.string(),
  // Empty when the name does not resolve (getent exit 2).
  addresses: z.array(z.string()),
  // Some address is 127.0.0.0/8 or ::1 (Debian's installer writes 127.0.1.1 for the host name).
  loopback: z.boolean(),
});
export type TNameResolution = z.infer<typeof ZNameResolution>;

export const ZNetAddress = z.object({
  family: z.enum(["inet", "inet6"]),
  address: z.string(),
  prefixLength: z.number().int().min(0).max(128),
  scope: z.string().nullable(),
  broadcast: z.string().nullable(),
  dynamic: z.boolean(),
});
export type TNetAddress = z.infer<typeof ZNetAddress>;

export const ZNetInterface = z.object({
  index: z.number().int().nullable(),
  name: z.string(),
  // operstate as ip prints it: UP, DOWN, UNKNOWN (loopback, some virtual links), LOWERLAYERDOWN...
  state: z.string().nullable(),
  // Administratively up (the UP flag) and carrier present (LOWER_UP).
  up: z.boolean(),
  carrier: z.boolean(),
  mtu: z.number().int().nullable(),
  mac: z.string().nullable(),
  linkType: z.string().nullable(),
  // linkinfo.info_kind with `ip -d`: bridge, bond, vlan, veth...; null for plain NICs.
  kind: z.string().nullable(),
  // The bridge or bond this interface is enslaved to.
  master: z.string().nullable(),
  addresses: z.array(ZNetAddress),
});
export type TNetInterface = z.infer<typeof ZNetInterface>;

export const ZBlockDevice = z.object({
  name: z.string(),
  path: z.string().nullable(),
  // lsblk TYPE: disk, part, lvm, crypt, raid1, mpath, loop, rom...
  type: z.string(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  fstype: z.string().nullable(),
  mountpoints: z.array(z.string()),
  model: z.string().nullable(),
  vendor: z.string().nullable(),
  serial: z.string().nullable(),
  rotational: z.boolean().nullable(),
  // The device this one sits on (tree parent, else PKNAME); null for top-level devices.
  parent: z.string().nullable(),
});
export type TBlockDevice = z.infer<typeof ZBlockDevice>;

export const ZDisk = z.object({
  name: z.string(),
  path: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative().nullable(),
  model: z.string().nullable(),
  vendor: z.string().nullable(),
  serial: z.string().nullable(),
  rotational: z.boolean().nullable(),
  // Nothing on it: no partitions, filesystem or signature, not mounted, no holder (LVM, md, dm).
  empty: z.boolean(),
  // Why it is not empty, in words ("partition sda1", "LVM physical volume", "mounted at /").
  usedBy: z.array(z.string()),
  // A logical drive of a hardware RAID controller: ZFS and Ceph must not sit on one.
  hardwareRaid: z.boolean(),
  // zram/ram disks: listed by lsblk as disks but never storage candidates.
  virtual: z.boolean(),
});
export type TDisk = z.infer<typeof ZDisk>;

export const ZBlockDevices = z.object({ devices: z.array(ZBlockDevice), disks: z.array(ZDisk) });
export type TBlockDevices = z.infer<typeof ZBlockDevices>;

export const ZPackage = z.object({
  name: z.string(),
  installed: z.boolean(),
  // Version dpkg knows (also for removed packages with config files left); null when none.
  version: z.string().nullable(),
  // db:Status-Abbrev verbatim ("ii", "rc", "iU"); null when dpkg has never heard of the package.
  status: z.string().nullable(),
});
export type TPackage = z.infer<typeof ZPackage>;

export const ZTimeSync = z.object({
  source: z.enum(["timedatectl", "chrony"]),
  synchronized: z.boolean().nullable(),
  ntpEnabled: z.boolean().nullable(),
  timezone: z.string().nullable(),
  // chrony's estimate of the local clock against NTP time; positive = fast.
  offsetSeconds: z.number().nullable(),
});
export type TTimeSync = z.infer<typeof ZTimeSync>;

export const ZClockSkew = z.object({
  // Host clock minus the panel's clock, measured around one `date` call.
  skewSeconds: z.number(),
  // Half the round trip: the skew is only known to within this.
  uncertaintySeconds: z.number().nonnegative(),
});
export type TClockSkew = z.infer<typeof ZClockSkew>;

export const ZClusterMembership = z.object({
  corosyncConfPresent: z.boolean().nullable(),
  pveCorosyncConfPresent: z.boolean().nullable(),
  // cluster_name and nodes from /etc/corosync/corosync.conf (Debian's package ships a stub
  // with cluster_name "debian" and one node on 127.0.0.1, which is no cluster at all).
  clusterName: z.string().nullable(),
  confNodes: z.array(z.object({ name: z.string().nullable(), addrs: z.array(z.string()) })),
  // corosync answers corosync-quorumtool (exit 0 quorate, 2 not quorate); null when unknown.
  corosyncRunning: z.boolean().nullable(),
  quorum: ZCorosyncQuorum.nullable(),
});
export type TClusterMembership = z.infer<typeof ZClusterMembership>;

export const ZDrbdPresence = z.object({
  // /proc/drbd exists: the kernel module is loaded.
  moduleLoaded: z.boolean().nullable(),
  utilsVersion: z.string().nullable(),
  kernelVersion: z.string().nullable(),
});
export type TDrbdPresence = z.infer<typeof ZDrbdPresence>;

export const ZCephVersion = z.object({ version: z.string(), release: z.string().nullable() });
export type TCephVersion = z.infer<typeof ZCephVersion>;

export const ZGuestCounts = z.object({
  vms: z.number().int().nonnegative().nullable(),
  containers: z.number().int().nonnegative().nullable(),
});
export type TGuestCounts = z.infer<typeof ZGuestCounts>;

export const ZFactError = z.object({
  fact: z.string(),
  argv: z.array(z.string()),
  message: z.string(),
});
export type TFactError = z.infer<typeof ZFactError>;

export const ZHostFacts = z.object({
  collectedAt: z.iso.datetime(),
  os: ZOsRelease.nullable(),
  proxmox: ZPveVersion.nullable(),
  hostname: ZHostname.nullable(),
  resolution: ZNameResolution.nullable(),
  interfaces: z.array(ZNetInterface).nullable(),
  blockDevices: ZBlockDevices.nullable(),
  packages: z.array(ZPackage).nullable(),
  time: ZTimeSync.nullable(),
  clock: ZClockSkew.nullable(),
  cluster: ZClusterMembership,
  drbd: ZDrbdPresence,
  ceph: ZCephVersion.nullable(),
  linstorVersion: z.string().nullable(),
  guests: ZGuestCounts,
  errors: z.array(ZFactError),
});
export type THostFacts = z.infer<typeof ZHostFacts>;

export const ZPingStats = z.object({
  transmitted: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  lossPercent: z.number().min(0).max(100),
  // null when no reply came back (no rtt line).
  minMs: z.number().nonnegative().nullable(),
  avgMs: z.number().nonnegative().nullable(),
  maxMs: z.number().nonnegative().nullable(),
  mdevMs: z.number().nonnegative().nullable(),
});
export type TPingStats = z.infer<typeof ZPingStats>;

export function validated<T>(schema: z.ZodType<T>, value: unknown, format: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new ParseError(format, `unexpected value at ${first?.path.join(".") ?? "?"}: ${first?.message ?? "invalid"}`);
}
