import type { TPveClusterView } from "../cluster-view";
import { emptyStorageEntry } from "../storage-cfg";

// A three-node cluster (pve1..pve3, pve3 offline) with guests on local ZFS, shared NFS and a
// USB device, for the guest planners' unit tests.

const usage = { cpu: 0.1, maxcpu: 8, disk: 0, maxdisk: 0, uptime: 100 };
const nodeRes = (name: string, online: boolean, memGiB = 4) => ({
  name,
  status: online ? "online" : "offline",
  resourceId: `node/${name}`,
  level: null,
  ...usage,
  mem: online ? memGiB * 2 ** 30 : null,
  maxmem: online ? 16 * 2 ** 30 : null,
});
const guest = (vmid: number, node: string, over: Partial<TPveClusterView["resources"]["guests"][number]> = {}) => ({
  vmid,
  name: `vm${vmid}`,
  type: "qemu" as const,
  node,
  status: "running",
  hastate: null,
  resourceId: `qemu/${vmid}`,
  template: false,
  tags: [],
  pool: null,
  lock: null,
  ...usage,
  mem: 2 ** 30,
  maxmem: 2 * 2 ** 30,
  ...over,
});

export { nodeRes };

export function clusterView(over: Partial<TPveClusterView> = {}): TPveClusterView {
  return {
    resources: {
      nodes: [nodeRes("pve1", true), nodeRes("pve2", true), nodeRes("pve3", false)],
      guests: [guest(100, "pve1"), guest(101, "pve1"), guest(102, "pve1"), guest(103, "pve2", { status: "stopped" }), guest(200, "pve1", { type: "lxc", resourceId: "lxc/200" })],
      storages: [],
      pools: [],
      sdn: [],
      others: [],
    },
    status: {
      cluster: { name: "prod", version: 5, quorate: true, nodes: 3 },
      nodes: ["pve1", "pve2", "pve3"].map((name, i) => ({ name, nodeid: i + 1, online: name !== "pve3", local: name === "pve1", ip: `10.0.0.${i + 1}`, level: null })),
    },
    storage: [
      { ...emptyStorageEntry("zfspool", "local-zfs"), pool: "rpool/data", content: ["images", "rootdir"] },
      { ...emptyStorageEntry("lvmthin", "local-lvm"), vgname: "pve", thinpool: "data", content: ["images"] },
      { ...emptyStorageEntry("nfs", "nas"), server: "10.0.0.50", export: "/vol/vm", content: ["images"] },
    ],
    replication: [
      { type: "local", id: "100-0", guest: 100, jobnum: 0, target: "pve2", schedule: "*/15", rate: null, comment: null, disable: null, source: null, removeJob: null, extra: {} },
    ],
    haResources: [],
    haGroups: [],
    haRules: [],
    guestConfigs: {
      100: { scsi0: "local-zfs:vm-100-disk-0,size=32G", memory: "2048", ide2: "none,media=cdrom" },
      101: { scsi0: "nas:101/vm-101-disk-0.qcow2,size=32G", usb0: "host=1234:5678", serial0: "socket" },
      102: { scsi0: "local-lvm:vm-102-disk-0,size=8G", virtio1: "local-zfs:vm-102-disk-1,size=8G" },
      103: { scsi0: "nas:103/vm-103-disk-0.qcow2,size=8G" },
      200: { rootfs: "local-zfs:subvol-200-disk-0,size=8G", mp0: "nas:200/vm-200-disk-1.raw,size=4G" },
    },
    ...over,
  };
}
