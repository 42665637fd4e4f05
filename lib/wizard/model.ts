import { z } from "zod";
import { ZWizardNetwork, ZWizardPveHa } from "./model-pve";

// The setup wizard's saved state (Cluster.wizard) and what the wizard knows about each
// candidate host. One schema for the browser (validation as you type) and the server (the
// actions refuse what it refuses). Every field has a default, so a draft saved by an older
// panel, or half-filled, still reads.

export const WIZARD_STEPS = [
  { n: 1, slug: "cluster", title: "Cluster" },
  { n: 2, slug: "hosts", title: "Hosts" },
  { n: 3, slug: "network", title: "Network" },
  { n: 4, slug: "quorum", title: "Quorum" },
  { n: 5, slug: "storage", title: "Storage" },
  { n: 6, slug: "ha", title: "HA and fencing" },
  { n: 7, slug: "review", title: "Review" },
  { n: 8, slug: "apply", title: "Apply" },
] as const;
export const ZWizardStep = z.number().int().min(1).max(8);
export type TWizardStep = z.infer<typeof ZWizardStep>;

// Inventory host names are DNS labels (lib/validations/host.ts); they become corosync and
// Pacemaker node names.
export const ZWizardHostName = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i, "a host name from the inventory");

// Identifiers that land in the CIB as XML ids.
const ZXmlId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, "letters, digits, _ . - (starting with a letter or _), at most 64");

// Agents the wizard offers for one fencing device covering every node. fence_dummy exists
// for tests and fences nothing; it is offered only with that said next to it.
export const FENCE_AGENTS = [
  { agent: "fence_ipmilan", label: "IPMI (fence_ipmilan)", note: "BMC of each node; set ip, username, password per device or pcmk_host_map." },
  { agent: "fence_redfish", label: "Redfish (fence_redfish)", note: "Modern BMCs (iDRAC 9, iLO 5)." },
  { agent: "fence_virsh", label: "libvirt (fence_virsh)", note: "Nodes that are VMs on a libvirt host." },
  { agent: "fence_dummy", label: "fence_dummy (tests only)", note: "Fences nothing: only for labs and tests. A real cluster needs a real device." },
] as const;
export const ZFenceAgent = z.enum(FENCE_AGENTS.map((a) => a.agent) as [string, ...string[]]);

export const ZParam = z.object({
  name: z.string().regex(/^[a-z_][a-z0-9_]{0,63}$/, "a parameter name: lower-case letters, digits and _"),
  // One line of printable text: cibadmin takes it as XML 1.0, which cannot hold control characters.
  value: z.string().max(512).regex(/^[^\u0000-\u001f\u007f]*$/, "one line of printable characters (no tabs or control characters)"),
});
export type TParam = z.infer<typeof ZParam>;

// Kernel block device names as lsblk prints them (sdb, nvme0n1, vdb); the plan adds /dev/.
export const ZWizardDiskName = z.string().regex(/^[a-z][a-z0-9]{0,31}$/, "a disk name such as sdb");
// Per node (inventory name): one disk.
const ZDiskPerNode = z.record(ZWizardHostName, ZWizardDiskName).default({});

// Step 5. Which kinds the cluster may use and their checks: storage-choices.ts, validate.ts.
export const ZWizardStorage = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("none") }),
    z.object({
      kind: z.literal("drbd"),
      version: z.enum(["9", "8.4"]).default("9"),
      // pacemaker: demoted after the initial sync, Pacemaker decides where it is Primary;
      // lvm: a volume group on the DRBD device (Proxmox VE shared LVM).
      mode: z.enum(["pacemaker", "lvm"]).default("pacemaker"),
      resource: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "lower-case letters, digits and _, starting with a letter").default("r0"),
      disks: ZDiskPerNode,
      // The replication address per node; defaults to corosync link 1 (else link 0).
      addresses: z.record(ZWizardHostName, z.string().max(64)).default({}),
    }),
    z.object({ kind: z.literal("linstor"), poolType: z.enum(["lvmthin", "zfsthin"]).default("lvmthin"), disks: ZDiskPerNode }),
    z.object({
      kind: z.literal("zfs"),
      pool: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "lower-case letters, digits and _, starting with a letter").default("tank"),
      disks: ZDiskPerNode,
      // pvesr calendar event for each guest's replication job, and the lag that raises an alert.
      schedule: z.string().regex(/^[A-Za-z0-9*/:.,_ -]{1,64}$/, "a pvesr schedule such as */15").default("*/15"),
      rpoMinutes: z.number().int().min(1).max(1440).default(15),
    }),
    z.object({
      kind: z.literal("ceph"),
      osds: z.record(ZWizardHostName, z.array(ZWizardDiskName).max(12)).default({}),
      size: z.number().int().min(2).max(3).default(3),
      minSize: z.number().int().min(1).max(3).default(2),
    }),
  ])
  .prefault({ kind: "none" });
export type TWizardStorage = z.infer<typeof ZWizardStorage>;
export type TWizardStorageKind = TWizardStorage["kind"];

export const ZWizardDraft = z.object({
  nodeCount: z.union([z.literal(2), z.literal(3)]).default(3),
  // Inventory host names in node order (nodeid 1, 2, 3).
  nodes: z.array(ZWizardHostName).max(3).default([]),
  // One entry per corosync link (link 0 first): each node's address on it.
  links: z.array(z.record(z.string(), z.string())).max(2).default([]),
  // Proxmox VE only: the migration network.
  network: ZWizardNetwork.prefault({}),
  quorum: z
    .object({
      // Only for two nodes: a QDevice on a third host, or votequorum's two_node.
      mode: z.enum(["qdevice", "two_node"]).nullable().default(null),
      witness: ZWizardHostName.nullable().default(null),
      twoNodeAcknowledged: z.boolean().default(false),
    })
    .prefault({}),
  storage: ZWizardStorage,
  ha: z
    .object({
      fencing: z.enum(["device", "none"]).nullable().default(null),
      fenceAgent: ZFenceAgent.nullable().default(null),
      fenceParams: z.array(ZParam).max(16).default([]),
      noFencingAcknowledged: z.boolean().default(false),
      resourceStickiness: z.number().int().min(0).max(1_000_000).default(100),
      group: z
        .object({
          id: ZXmlId.default("ha_group"),
          vip: z.object({ ip: z.string().default(""), cidrNetmask: z.number().int().min(1).max(32).default(24), nic: z.string().default("") }).nullable().default(null),
          service: z.enum(["none", "dummy", "systemd"]).default("dummy"),
          systemdUnit: z.string().default(""),
        })
        .nullable()
        .default(null),
      // Proxmox VE only: the watchdog that fences, and an HA group (fencing and group above are Pacemaker's).
      pve: ZWizardPveHa.prefault({}),
    })
    .prefault({}),
  // The furthest step saved, so "come back later" lands where the admin left.
  step: ZWizardStep.default(1),
  precheckJobId: z.string().nullable().default(null),
  // The nodes (and witness) that precheck looked at, so a changed pick asks for a new one.
  precheckHosts: z.array(ZWizardHostName).max(4).default([]),
  // Stage 1: corosync (+ QDevice) and Pacemaker started; stage 2: the Pacemaker configuration.
  stage1JobId: z.string().nullable().default(null),
  stage2JobId: z.string().nullable().default(null),
  // Stage 3: the storage (DRBD, LINSTOR, ZFS or Ceph); never planned with storage "none".
  stage3JobId: z.string().nullable().default(null),
});
export type TWizardDraft = z.infer<typeof ZWizardDraft>;
export type TWizardDraftInput = z.input<typeof ZWizardDraft>;

// The QDevice host, when the draft has one.
export const witnessOf = (d: TWizardDraft): string | null => (d.nodeCount === 2 && d.quorum.mode === "qdevice" ? d.quorum.witness : null);
export const precheckHostsOf = (d: TWizardDraft): string[] => {
  const witness = witnessOf(d);
  return witness ? [...d.nodes, witness] : [...d.nodes];
};

export const emptyDraft = (): TWizardDraft => ZWizardDraft.parse({});

// A saved draft that no longer parses (hand-edited, or from a future panel) restarts the
// wizard rather than breaking the page.
export const readDraft = (value: unknown): TWizardDraft => ZWizardDraft.safeParse(value ?? {}).data ?? emptyDraft();

export const ZWizardAddress = z.object({ iface: z.string(), address: z.string(), prefixLength: z.number().int(), family: z.enum(["inet", "inet6"]) });
export type TWizardAddress = z.infer<typeof ZWizardAddress>;

// What the wizard knows of an inventory host, built on the server from its row and facts.
export const ZWizardHost = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  clusterId: z.string().nullable(),
  clusterName: z.string().nullable(),
  keyState: z.enum(["trusted", "not-trusted", "changed"]),
  hasCredential: z.boolean(),
  factsAt: z.string().nullable(),
  // Global unicast addresses on interfaces that are up: the ring address candidates.
  addresses: z.array(ZWizardAddress),
  freeDisks: z.array(z.object({ name: z.string(), sizeBytes: z.number().nullable() })),
  corosyncVersion: z.string().nullable(),
  pacemakerVersion: z.string().nullable(),
  os: z.string().nullable(),
  // The last connection's failure, in words (host key changed, refused, unreachable).
  lastError: z.string().nullable(),
});
export type TWizardHost = z.infer<typeof ZWizardHost>;

export type TWizardContext = {
  clusterId: string;
  clusterName: string;
  kind: "pve" | "pacemaker";
  hosts: TWizardHost[];
};

export type TWizardIssue = { step: TWizardStep; path: string; message: string };
