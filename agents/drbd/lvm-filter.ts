import { errorReport, ReportError } from "@/lib/reports/report";

// LVM on DRBD (seed 001: a volume group on /dev/drbd0 shared by two Proxmox nodes). With
// internal meta-data the backing disk starts with the same PV label as the DRBD device, so LVM
// must be told to ignore the backing disks, or it sees duplicate PVs and may activate the VG
// on the backing disk behind DRBD's back. The filter lives in lvmlocal.conf (read after
// lvm.conf, so lvm.conf stays the distribution's) in a block the panel owns and merges into.

export const LVM_BLOCK_BEGIN = "# BEGIN cluster-panel drbd: LVM must not read DRBD backing disks";
export const LVM_BLOCK_END = "# END cluster-panel drbd";
// Proxmox VE's own global_filter (lvm.conf): setting global_filter here replaces it, so keep it.
const PVE_REJECTS = ["r|/dev/zd.*|", "r|/dev/rbd.*|"];

const escape = (s: string) => s.replace(/[.+*?^$()[\]{}|\\]/g, "\\$&");

// The names LVM may list a backing disk under: the path, and for /dev/VG/LV its mapper name.
export function rejectPatterns(diskPath: string): string[] {
  const out = [`r|^${escape(diskPath)}$|`];
  const lv = /^\/dev\/([^/]+)\/([^/]+)$/.exec(diskPath);
  if (lv && lv[1] !== "mapper" && lv[1] !== "disk") {
    out.push(`r|^${escape(`/dev/mapper/${(lv[1] as string).replace(/-/g, "--")}-${(lv[2] as string).replace(/-/g, "--")}`)}$|`);
  }
  return out;
}

function blockOf(text: string): { before: string; block: string | null; after: string } {
  const start = text.indexOf(LVM_BLOCK_BEGIN);
  const end = text.indexOf(LVM_BLOCK_END, start);
  if (start < 0 || end < 0) return { before: text, block: null, after: "" };
  return { before: text.slice(0, start), block: text.slice(start, end + LVM_BLOCK_END.length), after: text.slice(end + LVM_BLOCK_END.length).replace(/^\n/, "") };
}

// The new lvmlocal.conf: `current` with the panel's block holding the union of the rejects it
// had and those of `diskPaths`. A devices section the panel does not own is refused: merging
// two global_filter settings by hand is the admin's call.
export function renderLvmLocalConf(current: string | null, diskPaths: readonly string[]): string {
  const { before, block, after } = blockOf(current ?? "");
  const outside = `${before}\n${after}`;
  if (/^\s*devices\s*\{/m.test(outside) || /^\s*global_filter\s*=/m.test(outside)) {
    throw new ReportError(
      errorReport("DRBD_LVM_FILTER_CONFLICT", "lvmlocal.conf already has a devices section of its own; add the DRBD backing disks to its global_filter by hand", {
        field: "handoff.vg",
      }),
    );
  }
  const existing = block === null ? [] : [...block.matchAll(/"(r\|[^"]*\|)"/g)].map((m) => m[1] as string).filter((p) => !PVE_REJECTS.includes(p));
  const rejects = [...new Set([...existing, ...diskPaths.flatMap(rejectPatterns)])].sort();
  const entries = [...PVE_REJECTS, ...rejects, "a|.*|"].map((p) => `"${p}"`).join(", ");
  const ours = `${LVM_BLOCK_BEGIN}\ndevices {\n    global_filter = [ ${entries} ]\n}\n${LVM_BLOCK_END}\n`;
  const head = before === "" || before.endsWith("\n") ? before : `${before}\n`;
  return `${head}${ours}${after}`;
}
