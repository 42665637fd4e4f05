import { guestDisks, localDevices } from "@/agents/proxmox/guest-config";
import { isSharedStorage } from "@/agents/proxmox/storage-cfg";
import type { TGuestContext } from "./context";

// One row per guest for the guests table: where it runs, what its disks sit on, how it is
// replicated and protected, and what ties it to its node. Pure.

export type TGuestRow = {
  vmid: number;
  name: string | null;
  type: "qemu" | "lxc" | "openvz";
  status: string;
  node: string | null;
  lock: string | null;
  maxmem: number | null;
  disks: { key: string; storage: string; storageType: string | null; shared: boolean }[];
  replication: { id: string; target: string | null; state: string; lagSeconds: number | null; error: string | null }[];
  haState: string | null;
  // haState from the CRM's own view (ha-manager status), e.g. "started" or "migrate".
  haService: string | null;
  localDevices: string[];
  pacemaker: string[];
  configKnown: boolean;
};

export function guestRows(ctx: TGuestContext): TGuestRow[] {
  return ctx.view.resources.guests
    .filter((g) => !g.template)
    .map((g): TGuestRow => {
      const config = ctx.view.guestConfigs[g.vmid];
      const disks = (config ? guestDisks(config) : []).map((d) => {
        const s = ctx.view.storage.find((x) => x.id === d.storage);
        return { key: d.key, storage: d.storage, storageType: s?.type ?? null, shared: s ? isSharedStorage(s) : false };
      });
      const sid = `${g.type === "lxc" ? "ct" : "vm"}:${g.vmid}`;
      return {
        vmid: g.vmid,
        name: g.name,
        type: g.type,
        status: g.status,
        node: g.node,
        lock: g.lock,
        maxmem: g.maxmem,
        disks,
        replication: ctx.replication
          .filter((j) => j.guest === g.vmid)
          .map((j) => ({ id: j.id, target: j.target, state: j.state, lagSeconds: j.lagSeconds, error: j.error })),
        haState: g.hastate,
        haService: ctx.ha?.services.find((s) => s.sid === sid)?.state ?? null,
        localDevices: config && g.type === "qemu" ? localDevices(config) : [],
        pacemaker: ctx.pacemaker[g.vmid] ?? [],
        configKnown: config !== undefined,
      };
    })
    .sort((a, b) => a.vmid - b.vmid);
}
