import { cephFormats } from "@/agents/ceph/formats";
import { corosyncFormats } from "@/agents/corosync/formats";
import { drbdFormats } from "@/agents/drbd/formats";
import { linstorFormats } from "@/agents/linstor/formats";
import { pacemakerFormats } from "@/agents/pacemaker/formats";
import { proxmoxFormats } from "@/agents/proxmox/formats";
import { pvecmFormats } from "@/agents/proxmox/pvecm-formats";

export type TParser = (text: string) => unknown;

// Every format the panel reads, by the name the parse CLI contract gives it. Built from each
// agent's own table so an agent adds a format in one place; a name used twice is a bug.
function combine(...tables: Record<string, TParser>[]): Readonly<Record<string, TParser>> {
  const all: Record<string, TParser> = {};
  for (const table of tables) {
    for (const [name, parse] of Object.entries(table)) {
      if (name in all) throw new Error(`parse format ${name} is registered twice`);
      all[name] = parse;
    }
  }
  return Object.freeze(all);
}

export const PARSE_FORMATS = combine(
  drbdFormats,
  pacemakerFormats,
  corosyncFormats,
  pvecmFormats,
  proxmoxFormats,
  cephFormats,
  linstorFormats,
);

export const FORMAT_NAMES: readonly string[] = Object.keys(PARSE_FORMATS).sort();

export function parserFor(format: string): TParser | null {
  return Object.hasOwn(PARSE_FORMATS, format) ? (PARSE_FORMATS[format] ?? null) : null;
}
