import { z } from "zod";
import { ZDiskPath, ZIpAddress, ZPoolName, ZPveNodeName, ZStorageId } from "../ids";

// A storage.cfg entry the admin wants. Only the keys given are managed: keys the entry has
// and the desired state leaves out are kept as they are.
const ZWord = z.string().regex(/^[A-Za-z0-9_.:/@=+-]{1,255}$/, "letters, digits and _ . : / @ = + - only");
const ZContent = z.enum(["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"]);

export const ZPveStorageType = z.enum(["zfspool", "lvmthin", "lvm", "dir", "nfs", "cifs", "rbd", "cephfs", "drbd", "pbs"]);

export const ZPveStorageDesired = z
  .object({
    type: ZPveStorageType,
    id: ZStorageId,
    content: z.array(ZContent).min(1).nullable().default(null),
    nodes: z.array(ZPveNodeName).min(1).nullable().default(null),
    shared: z.boolean().nullable().default(null),
    disable: z.boolean().nullable().default(null),
    path: ZWord.nullable().default(null),
    pool: ZWord.nullable().default(null),
    thinpool: ZWord.nullable().default(null),
    vgname: ZWord.nullable().default(null),
    server: z.union([ZIpAddress, ZWord]).nullable().default(null),
    export: ZWord.nullable().default(null),
    monhost: z.array(z.union([ZIpAddress, ZWord])).min(1).nullable().default(null),
    username: ZWord.nullable().default(null),
    options: ZWord.nullable().default(null),
    krbd: z.boolean().nullable().default(null),
    sparse: z.boolean().nullable().default(null),
    // LINSTOR's drbd plugin (linstor-proxmox): controller address(es) and resource group.
    controller: ZWord.nullable().default(null),
    resourcegroup: ZWord.nullable().default(null),
    // NFS for backups: keep this many backups per guest (prune-backups keep-last=N).
    maxBackups: z.number().int().min(1).max(1000).nullable().default(null),
  })
  .superRefine((d, ctx) => {
    const need: Partial<Record<z.infer<typeof ZPveStorageType>, (keyof typeof d)[]>> = {
      zfspool: ["pool"],
      lvmthin: ["vgname", "thinpool"],
      lvm: ["vgname"],
      dir: ["path"],
      nfs: ["server", "export"],
      rbd: ["pool"],
      drbd: ["resourcegroup"],
    };
    for (const key of need[d.type] ?? []) {
      if (d[key] === null) ctx.addIssue({ code: "custom", path: [key], message: `is required for ${d.type} storage` });
    }
  });
export type TPveStorageDesired = z.infer<typeof ZPveStorageDesired>;
export type TPveStorageDesiredInput = z.input<typeof ZPveStorageDesired>;

export const ZZfsPoolDesired = z.object({
  node: ZPveNodeName,
  pool: ZPoolName,
  disk: ZDiskPath,
  ashift: z.number().int().min(9).max(16).default(12),
});
export type TZfsPoolDesired = z.infer<typeof ZZfsPoolDesired>;
export type TZfsPoolDesiredInput = z.input<typeof ZZfsPoolDesired>;
