import { XMLParser } from "fast-xml-parser";

// Which guests Pacemaker runs, from the resources section of the CIB (`cibadmin --query
// --scope resources`): a primitive whose instance attributes name a VMID (ocf:*:pve's "vmid",
// or a VirtualDomain config path ending in <vmid>.conf). Pure; unreadable XML means "none
// known", since Pacemaker is optional on a Proxmox cluster.

type TNode = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isNode = (v: unknown): v is TNode => typeof v === "object" && v !== null && !Array.isArray(v);

function primitives(node: unknown, out: TNode[]): TNode[] {
  if (!isNode(node)) return out;
  for (const [key, value] of Object.entries(node)) {
    for (const child of asArray(value)) {
      if (!isNode(child)) continue;
      if (key === "primitive") out.push(child);
      else primitives(child, out);
    }
  }
  return out;
}

function vmidOf(p: TNode): number | null {
  for (const attrs of asArray(p.instance_attributes)) {
    if (!isNode(attrs)) continue;
    for (const nv of asArray(attrs.nvpair)) {
      if (!isNode(nv)) continue;
      const name = String(nv["@_name"] ?? "");
      const value = String(nv["@_value"] ?? "");
      if (name === "vmid" && /^\d{3,9}$/.test(value)) return Number(value);
      const conf = /\/(\d{3,9})\.conf$/.exec(value);
      if (name === "config" && conf) return Number(conf[1]);
    }
  }
  return null;
}

export function pacemakerGuestOwners(cibResourcesXml: string): Record<number, string[]> {
  let doc: unknown;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_" }).parse(cibResourcesXml);
  } catch {
    return {};
  }
  const out: Record<number, string[]> = {};
  for (const p of primitives(doc, [])) {
    const vmid = vmidOf(p);
    if (vmid === null) continue;
    (out[vmid] ??= []).push(String(p["@_id"] ?? "?"));
  }
  return out;
}
