import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { normalizeText } from "../common/text";
import { isVirtualDisk, looksLikeHardwareRaid, usageReasons } from "./disk-usage";
import { validated, ZBlockDevices, type TBlockDevice, type TBlockDevices, type TDisk } from "./model";

const FORMAT = "lsblk-json";
const MAX_DEPTH = 32;

// util-linux before 2.33 printed every value as a string ("size": "8589934592", "rota": "1");
// newer versions print numbers and booleans. Both are read.
const ZText = z.string().nullable().optional();
const ZSize = z.union([z.number(), z.string()]).nullable().optional();
const ZFlag = z.union([z.boolean(), z.string(), z.number()]).nullable().optional();

type TRawDevice = {
  name?: string;
  path?: string | null;
  type?: string | null;
  size?: number | string | null;
  fstype?: string | null;
  mountpoint?: string | null;
  mountpoints?: (string | null)[] | null;
  model?: string | null;
  vendor?: string | null;
  serial?: string | null;
  rota?: boolean | string | number | null;
  pkname?: string | null;
  children?: TRawDevice[];
};

const ZRawDevice: z.ZodType<TRawDevice> = z.looseObject({
  name: z.string().optional(),
  path: ZText,
  type: ZText,
  size: ZSize,
  fstype: ZText,
  mountpoint: ZText,
  mountpoints: z.array(z.string().nullable()).nullable().optional(),
  model: ZText,
  vendor: ZText,
  serial: ZText,
  rota: ZFlag,
  pkname: ZText,
  get children() {
    return z.array(ZRawDevice).optional();
  },
});

const ZLsblk = z.object({ blockdevices: z.array(ZRawDevice) });

const text = (v: string | null | undefined) => {
  const t = v?.trim();
  return t ? t : null;
};

function size(v: TRawDevice["size"], name: string): number | null {
  if (v === null || v === undefined || v === "") return null;
  const n = typeof v === "number" ? v : /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new ParseError(FORMAT, `size of ${name} is not a byte count (run lsblk with -b): ${String(v)}`);
  return n;
}

function flag(v: TRawDevice["rota"]): boolean | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "boolean") return v;
  return String(v).trim() === "1";
}

function flatten(raw: TRawDevice, parent: string | null, depth: number, out: TBlockDevice[]): TBlockDevice {
  if (depth > MAX_DEPTH) throw new ParseError(FORMAT, "device tree nested too deeply");
  const name = text(raw.name);
  if (!name) throw new ParseError(FORMAT, "a device without a name (lsblk needs -o NAME)");
  const mountpoints = [...(raw.mountpoints ?? []), raw.mountpoint].filter((m): m is string => typeof m === "string" && m !== "");
  const device: TBlockDevice = {
    name,
    path: text(raw.path),
    type: text(raw.type) ?? "unknown",
    sizeBytes: size(raw.size, name),
    fstype: text(raw.fstype),
    mountpoints: [...new Set(mountpoints)],
    model: text(raw.model),
    vendor: text(raw.vendor),
    serial: text(raw.serial),
    rotational: flag(raw.rota),
    parent: parent ?? text(raw.pkname),
  };
  out.push(device);
  for (const child of raw.children ?? []) flatten(child, name, depth + 1, out);
  return device;
}

// `lsblk -J -b -o NAME,PATH,SIZE,TYPE,FSTYPE,MOUNTPOINT,MODEL,VENDOR,ROTA,SERIAL,PKNAME`: every
// device flattened (parent = the device it sits on), plus one verdict per disk for the wizard.
export function parseLsblkJson(input: string): TBlockDevices {
  const trimmed = normalizeText(input).trim();
  if (trimmed === "") throw new ParseError(FORMAT, "empty output");
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (err) {
    throw new ParseError(FORMAT, `not JSON: ${(err as Error).message}`);
  }
  let parsed: ReturnType<typeof ZLsblk.safeParse>;
  try {
    parsed = ZLsblk.safeParse(raw);
  } catch (err) {
    // A maliciously deep tree overflows the recursive schema before the depth check sees it.
    if (err instanceof RangeError) throw new ParseError(FORMAT, "device tree nested too deeply");
    throw err;
  }
  if (!parsed.success) throw new ParseError(FORMAT, `not lsblk JSON: ${parsed.error.issues[0]?.message ?? "invalid"} at ${parsed.error.issues[0]?.path.join(".") ?? "?"}`);

  const devices: TBlockDevice[] = [];
  const roots = parsed.data.blockdevices.map((d) => flatten(d, null, 0, devices));
  const childrenOf = new Map<string, TBlockDevice[]>();
  for (const d of devices) {
    if (d.parent === null) continue;
    const list = childrenOf.get(d.parent);
    if (list) list.push(d);
    else childrenOf.set(d.parent, [d]);
  }
  const disks: TDisk[] = roots
    .filter((d) => d.type === "disk")
    .map((d) => {
      const usedBy = usageReasons(d, childrenOf.get(d.name) ?? []);
      return {
        name: d.name,
        path: d.path,
        sizeBytes: d.sizeBytes,
        model: d.model,
        vendor: d.vendor,
        serial: d.serial,
        rotational: d.rotational,
        empty: usedBy.length === 0,
        usedBy,
        hardwareRaid: looksLikeHardwareRaid(d.model, d.vendor),
        virtual: isVirtualDisk(d.name),
      };
    });
  return validated(ZBlockDevices, { devices, disks }, FORMAT);
}
