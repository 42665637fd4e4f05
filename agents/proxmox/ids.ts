import { z } from "zod";
import { errorReport, type TReport } from "@/lib/reports/report";

// Every identifier that reaches a Proxmox command line passes one of these first, so a
// hostile or mistyped value is refused with a report naming the field, never run.

// PVE's pve-node format: a DNS label (hostnames of cluster nodes).
export const ZPveNodeName = z.string().regex(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/, "not a valid node name");
// qemu-server/pve-container: 100 … 999999999.
export const ZVmid = z.number().int().min(100, "VMIDs start at 100").max(999_999_999);
// pvecm create: letters, digits, - and _, at most 15 characters (corosync's cluster_name).
export const ZClusterName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,14}$/, "1-15 letters, digits, - or _, starting with a letter or digit");
// PVE's pve-storage-id.
export const ZStorageId = z.string().regex(/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i, "not a valid storage ID");
// An IPv4 or IPv6 address (corosync links, the QDevice witness).
export const ZIpAddress = z.union([z.ipv4(), z.ipv6()]);
// HA group / rule ids: pve-configid.
export const ZConfigId = z.string().regex(/^[a-z][a-z0-9_-]+$/i, "letters, digits, - or _, starting with a letter");
// Calendar events as pvesr takes them ("*/15", "mon..fri 22:00", "02:30"): no quotes, no shell.
export const ZSchedule = z.string().regex(/^[A-Za-z0-9*/:.,_ -]{1,64}$/, "not a calendar event");
// A block device path for zpool create.
export const ZDiskPath = z.string().regex(/^\/dev\/[A-Za-z0-9/_.:-]+$/, "not a /dev path").refine((p) => !p.includes(".."), "not a /dev path");
export const ZPoolName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, "not a valid pool name");

// zod issues → one report per field, the code prefixed by the agent area.
export function issuesToReports(code: string, what: string, error: z.ZodError): TReport[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    return errorReport(code, `${what}: ${field || "value"} ${issue.message}.`, { field });
  });
}

// Parses desired input; the reports say which field is wrong.
export function validateInput<T>(schema: z.ZodType<T>, input: unknown, code: string, what: string): { value: T | null; reports: TReport[] } {
  const r = schema.safeParse(input);
  return r.success ? { value: r.data, reports: [] } : { value: null, reports: issuesToReports(code, what, r.error) };
}
