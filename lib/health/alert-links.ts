import { RESOURCE_NAME } from "@/agents/drbd/validate";

// Where an alert leads: a split brain to its recovery assistant, a host's trouble to the host's
// page. Pure; the params are whatever the alert's code carries (unknown for rows of older versions).

const SPLIT_BRAIN = new Set(["DRBD_SPLIT_BRAIN", "DRBD_BOTH_PRIMARY_DISCONNECTED"]);
const HOST_CODES = new Set(["HOST_UNREACHABLE", "HOST_PROBE_FAILED", "HOST_CLOCK_DRIFT"]);
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;

export function alertLink(clusterId: string, a: { code: string; params: Record<string, unknown> }): { href: string; label: string } | null {
  const { resource, host } = a.params;
  if (SPLIT_BRAIN.has(a.code) && typeof resource === "string" && RESOURCE_NAME.test(resource)) {
    return { href: `/clusters/${clusterId}/drbd/${encodeURIComponent(resource)}/split-brain`, label: "Open the split-brain assistant" };
  }
  if (HOST_CODES.has(a.code) && typeof host === "string" && HOST_NAME.test(host)) {
    return { href: `/clusters/${clusterId}/hosts/${encodeURIComponent(host)}`, label: `Open ${host}` };
  }
  return null;
}
