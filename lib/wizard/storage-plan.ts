import { z } from "zod";
import { ZCephDesired, type TCephDesired } from "@/agents/ceph/desired";
import { planCephCluster } from "@/agents/ceph/plan";
import type { TCephHostObserved } from "@/agents/ceph/probe";
import { withPacemakerFencing } from "@/agents/drbd/fencing";
import { planDrbdResource } from "@/agents/drbd/plan";
import type { TDrbdObserved } from "@/agents/drbd/probe";
import { ZDrbdResourceConfig, type TDrbdResourceConfig } from "@/agents/drbd/res-model";
import { ZLinstorDesired, type TLinstorDesired } from "@/agents/linstor/desired";
import { planLinstorCluster } from "@/agents/linstor/plan";
import type { TLinstorClusterObserved, TLinstorHostObserved } from "@/agents/linstor/probe";
import type { TPacemakerObserved } from "@/agents/pacemaker/probe";
import type { TStorageEntry } from "@/agents/proxmox/model-config";
import { ZPveStorageDesired, ZZfsPoolDesired, type TPveStorageDesiredInput } from "@/agents/proxmox/storage/model";
import { planPveStorage } from "@/agents/proxmox/storage/plan";
import { planZfsPool, type TZfsObserved } from "@/agents/proxmox/storage/zfs";
import { buildPlan, commandStep } from "@/lib/plan/build";
import type { TPlan, TPlanStep } from "@/lib/plan/plan";
import { report, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import { pacemakerFromDraft } from "./desired";
import { ZWizardHostName, type TWizardContext, type TWizardDraft } from "./model";
import { drbdCibDesired, planDrbdCib, ZStage3Cib } from "./storage-pacemaker";

// Stage 3 of the wizard: the storage the admin chose on step 5, as each storage agent's
// desired config (the job's input, which never holds a secret), and the plan composed from
// the agents' own planners against what the hosts have. Pure.

// DRBD's conventional first port and a minor no other wizard resource uses.
export const DRBD_PORT = 7788;
export const DRBD_MINOR = 0;
// LINSTOR's backing on every node: a thin pool in a VG of its own, or a zpool.
export const LINSTOR_VG = "linstor_vg";
export const LINSTOR_THINPOOL = "thinpool";
export const LINSTOR_ZPOOL = "linstor";
export const LINSTOR_POOL = "wizard_pool";
export const LINSTOR_GROUP = "wizard_rg";
export const CEPH_POOL = "vmpool";

const ZDrbdInput = z.object({
  kind: z.literal("drbd"),
  generation: z.enum(["9", "8.4"]),
  // Without its shared secret: the job adds the one on the hosts, or a new one.
  resource: ZDrbdResourceConfig,
  initialSyncSource: ZWizardHostName,
  handoff: z.discriminatedUnion("kind", [z.object({ kind: z.literal("pacemaker") }), z.object({ kind: z.literal("lvm"), vg: z.string().regex(/^[A-Za-z0-9+_.][A-Za-z0-9+_.-]*$/) })]),
  // Proxmox VE: the shared LVM entry in storage.cfg on the volume group.
  storage: ZPveStorageDesired.nullable(),
  // Pacemaker-managed: the promotable clone added to the CIB after the DRBD steps. Null for
  // LVM on DRBD (and in jobs planned before the clone was part of stage 3).
  pacemaker: ZStage3Cib.nullable().default(null),
});
const ZLinstorInput = z.object({
  kind: z.literal("linstor"),
  poolType: z.enum(["lvmthin", "zfsthin"]),
  // The disk each node's thin pool is made on.
  disks: z.array(z.object({ node: ZWizardHostName, disk: z.string().regex(/^\/dev\/[a-z][a-z0-9]{0,31}$/) })).min(1),
  linstor: ZLinstorDesired,
});
const ZZfsInput = z.object({
  kind: z.literal("zfs"),
  pools: z.array(ZZfsPoolDesired).min(1),
  storage: ZPveStorageDesired,
  replication: z.object({ schedule: z.string().max(64), rpoMinutes: z.number().int().positive() }),
});
const ZCephInput = z.object({ kind: z.literal("ceph"), ceph: ZCephDesired });

export const ZStage3Input = z.discriminatedUnion("kind", [ZDrbdInput, ZLinstorInput, ZZfsInput, ZCephInput]);
export type TStage3Input = z.infer<typeof ZStage3Input>;

// The nodes every probe of the stage reads.
export function stage3Nodes(input: TStage3Input): string[] {
  switch (input.kind) {
    case "drbd":
      return input.resource.hosts.map((h) => h.name);
    case "linstor":
      return input.linstor.nodes.map((n) => n.name);
    case "zfs":
      return input.pools.map((p) => p.node);
    case "ceph":
      return input.ceph.nodes;
  }
}

const dev = (disk: string) => `/dev/${disk}`;

// 10.99.0.11 with /24 → 10.99.0.0/24 (Ceph's public network).
export function ipv4Network(address: string, prefix: number): string | null {
  const parts = address.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255) || prefix < 0 || prefix > 32) return null;
  const n = parts.reduce((acc, p) => acc * 256 + p, 0);
  const mask = prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix);
  const net = Number(BigInt(n) & BigInt(mask));
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join(".")}/${prefix}`;
}

function drbdInput(draft: TWizardDraft, s: Extract<TWizardDraft["storage"], { kind: "drbd" }>, ctx: TWizardContext): TStage3Input {
  const nodes = draft.nodes;
  const first = nodes[0] ?? "";
  const diskOf = (n: string) => dev(s.disks[n] ?? "");
  const lvm = s.mode === "lvm";
  const base = ZDrbdResourceConfig.parse({
    name: s.resource,
    protocol: "C",
    net: {
      cramHmacAlg: "sha256",
      // Proxmox's shared LVM needs every node Primary for live migration.
      allowTwoPrimaries: lvm ? true : null,
      afterSb0pri: "discard-zero-changes",
      afterSb1pri: "discard-secondary",
      afterSb2pri: "disconnect",
    },
    volumes: [{ volume: 0, device: `/dev/drbd${DRBD_MINOR}`, minor: DRBD_MINOR, disk: diskOf(first) }],
    hosts: nodes.map((n, i) => {
      const addr = s.addresses[n] ?? "";
      return {
        name: n,
        // DRBD 9 numbers its peers; 8.4 has exactly two and no node-id.
        nodeId: s.version === "9" ? i : null,
        address: { family: addr.includes(":") ? "ipv6" : "ipv4", host: addr, port: DRBD_PORT },
        volumes: diskOf(n) === diskOf(first) ? [] : [{ volume: 0, disk: diskOf(n) }],
      };
    }),
  });
  const resource = s.mode === "pacemaker" ? withPacemakerFencing(base, s.version) : base;
  const vg = `drbd_${s.resource}`;
  // The HA group stage 2 configures, if any: it then follows the Primary.
  const group = pacemakerFromDraft(draft, ctx.clusterName).groups?.[0]?.id ?? null;
  return {
    kind: "drbd",
    generation: s.version,
    resource,
    initialSyncSource: first,
    handoff: lvm ? { kind: "lvm", vg } : { kind: "pacemaker" },
    storage:
      lvm && ctx.kind === "pve"
        ? ZPveStorageDesired.parse({ type: "lvm", id: vg.replace(/_/g, "-"), vgname: vg, shared: true, content: ["images", "rootdir"] } satisfies TPveStorageDesiredInput)
        : null,
    pacemaker: lvm ? null : { desired: drbdCibDesired({ resource: s.resource, nodeCount: nodes.length, group }), via: first },
  };
}

// A finished draft (validateWizardUpTo(6) accepts it) → stage 3's input; null: no stage 3.
export function wizardStorageInput(draft: TWizardDraft, ctx: TWizardContext): TStage3Input | null {
  const s = draft.storage;
  const nodes = draft.nodes;
  const first = nodes[0] ?? "";
  switch (s.kind) {
    case "none":
      return null;
    case "drbd":
      return drbdInput(draft, s, ctx);
    case "linstor": {
      const desired: TLinstorDesired = ZLinstorDesired.parse({
        nodes: nodes.map((n) => ({ name: n, address: draft.links[0]?.[n] ?? "", dataAddress: draft.links[1]?.[n] ?? null })),
        controller: { host: first },
        storagePools: [
          s.poolType === "lvmthin"
            ? { name: LINSTOR_POOL, driver: "lvmthin", backing: `${LINSTOR_VG}/${LINSTOR_THINPOOL}` }
            : { name: LINSTOR_POOL, driver: "zfsthin", backing: LINSTOR_ZPOOL },
        ],
        // Two replicas; a third node holds a diskless tie-breaker.
        resourceGroups: [{ name: LINSTOR_GROUP, placeCount: 2, storagePool: LINSTOR_POOL }],
        storage: { id: "linstor", resourceGroup: LINSTOR_GROUP },
      });
      return { kind: "linstor", poolType: s.poolType, disks: nodes.map((n) => ({ node: n, disk: dev(s.disks[n] ?? "") })), linstor: desired };
    }
    case "zfs":
      return {
        kind: "zfs",
        pools: nodes.map((n) => ZZfsPoolDesired.parse({ node: n, pool: s.pool, disk: dev(s.disks[n] ?? "") })),
        storage: ZPveStorageDesired.parse({ type: "zfspool", id: s.pool, pool: s.pool, content: ["images", "rootdir"], sparse: true }),
        replication: { schedule: s.schedule, rpoMinutes: s.rpoMinutes },
      };
    case "ceph": {
      const host = ctx.hosts.find((h) => h.name === first);
      const link0 = draft.links[0]?.[first] ?? "";
      const prefix = host?.addresses.find((a) => a.address === link0)?.prefixLength ?? 24;
      const ceph: TCephDesired = ZCephDesired.parse({
        nodes,
        network: ipv4Network(link0, prefix) ?? "",
        monitors: nodes,
        managers: nodes,
        osds: nodes.flatMap((n) => (s.osds[n] ?? []).map((d) => ({ host: n, disk: dev(d) }))),
        pools: [{ name: CEPH_POOL, size: s.size, minSize: s.minSize, storage: { id: CEPH_POOL } }],
      });
      return { kind: "ceph", ceph };
    }
  }
}

// What stage 3's probes read, per kind.
export type TStage3Observed = {
  drbd?: Readonly<Record<string, TDrbdObserved>>;
  // storage.cfg (Proxmox VE), read on the first node.
  storage?: readonly TStorageEntry[];
  zfs?: Readonly<Record<string, TZfsObserved>>;
  // Whether LINSTOR's volume group (with its thin pool) exists on each node.
  lvmThin?: Readonly<Record<string, boolean>>;
  linstorHosts?: Readonly<Record<string, TLinstorHostObserved>>;
  linstorCluster?: TLinstorClusterObserved;
  ceph?: Readonly<Record<string, TCephHostObserved>>;
  // The live CIB, read on the DRBD input's `pacemaker.via` node.
  pacemaker?: TPacemakerObserved;
};

function compose(title: string, plans: readonly TPlan[], extra: TReport[] = []): TPlan {
  const reports = [...plans.flatMap((p) => p.reports), ...extra];
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });
  return buildPlan({ title, steps: plans.flatMap((p) => p.steps), diffs: plans.flatMap((p) => p.diffs), dryRuns: plans.flatMap((p) => p.dryRuns), reports });
}

const VG_THIN_CHECK = 'lvs -- "$1/$2" >/dev/null 2>&1';

// LINSTOR's lvmthin backing: a PV, a VG and a thin pool filling it, on each node's disk.
function lvmThinSteps(node: string, disk: string): TPlanStep[] {
  const thin = shScript(VG_THIN_CHECK, [LINSTOR_VG, LINSTOR_THINPOOL]);
  return [
    commandStep({
      id: `linstor-vg-${node}`,
      title: `Create volume group ${LINSTOR_VG} on ${disk} (${node}); everything on the disk is lost`,
      host: node,
      argv: ["vgcreate", "--", LINSTOR_VG, disk],
      check: { kind: "command", argv: ["vgs", "--", LINSTOR_VG] },
      undo: { kind: "command", argv: ["vgremove", "-f", "--", LINSTOR_VG] },
      destructive: true,
    }),
    commandStep({
      id: `linstor-thinpool-${node}`,
      title: `Create thin pool ${LINSTOR_VG}/${LINSTOR_THINPOOL} on ${node} (95% of the group; the rest for its meta-data)`,
      host: node,
      argv: ["lvcreate", "-l", "95%FREE", "--thinpool", LINSTOR_THINPOOL, "--", LINSTOR_VG],
      check: { kind: "command", argv: thin },
      undo: { kind: "command", argv: ["lvremove", "-f", "--", `${LINSTOR_VG}/${LINSTOR_THINPOOL}`] },
    }),
  ];
}

// (stage 3's input, what the hosts have, the DRBD shared secret) → one plan, or no steps and
// the agents' reports when any of them refuses.
export function planWizardStorage(input: TStage3Input, observed: TStage3Observed, opts: { drbdSecret?: string } = {}): TPlan {
  const nodes = stage3Nodes(input);
  const first = nodes[0] ?? "";
  switch (input.kind) {
    case "drbd": {
      const resource: TDrbdResourceConfig = { ...input.resource, net: { ...input.resource.net, sharedSecret: opts.drbdSecret ?? null } };
      const drbd = planDrbdResource(resource, observed.drbd ?? {}, { generation: input.generation, initialSyncSource: input.initialSyncSource, handoff: input.handoff });
      const storage = input.storage ? planPveStorage([input.storage], observed.storage ?? [], first) : null;
      // The CIB push comes last: Pacemaker's first monitor then finds the resource up and demoted.
      const cib = input.pacemaker ? planDrbdCib(input.pacemaker, observed.pacemaker) : null;
      return compose(drbd.title, [drbd, ...(storage ? [storage] : []), ...(cib ? [cib] : [])]);
    }
    case "linstor": {
      const backing = input.disks.map(({ node, disk }) =>
        input.poolType === "zfsthin"
          ? planZfsPool({ node, pool: LINSTOR_ZPOOL, disk }, observed.zfs?.[node] ?? { disks: null, pools: null })
          : buildPlan({ title: `thin pool on ${node}`, steps: observed.lvmThin?.[node] ? [] : lvmThinSteps(node, disk) }),
      );
      const linstor = planLinstorCluster(input.linstor, observed.linstorHosts ?? {}, observed.linstorCluster ?? EMPTY_LINSTOR);
      return compose(linstor.title, [...backing, linstor]);
    }
    case "zfs": {
      const pools = input.pools.map((p) => planZfsPool(p, observed.zfs?.[p.node] ?? { disks: null, pools: null }));
      const storage = planPveStorage([input.storage], observed.storage ?? [], first);
      const r = input.replication;
      const note = report(
        "info",
        "WIZARD_ZFS_REPLICATION",
        `Replication runs per guest: a guest on ${input.storage.id} that is made highly available gets a job to its partner node, schedule ${r.schedule} (recovery point objective ${r.rpoMinutes} min).`,
        { schedule: r.schedule, rpoMinutes: r.rpoMinutes },
      );
      return compose(`ZFS pool ${input.storage.id} on ${nodes.join(", ")}`, [...pools, storage], [note]);
    }
    case "ceph":
      return planCephCluster(input.ceph, observed.ceph ?? {});
  }
}

const EMPTY_LINSTOR: TLinstorClusterObserved = {
  nodes: null,
  nodeProps: null,
  storagePools: null,
  resources: null,
  definitions: null,
  groups: null,
  controllerProps: null,
  storages: null,
  errors: [],
};
