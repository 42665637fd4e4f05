import type { TStoredHostFacts } from "./facts";

// Short phrases for the host page, derived from stored facts. Pure.

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

export function membershipSummary(f: TStoredHostFacts): string {
  const c = f.cluster;
  // Debian's corosync package ships a stub config ("debian", one node on 127.0.0.1).
  const stub = c.clusterName === "debian" && c.confNodes.length <= 1;
  const parts: string[] = [];
  if (c.corosyncConfPresent === null) parts.push("corosync.conf unknown");
  else if (!c.corosyncConfPresent) parts.push("no corosync.conf");
  else if (stub) parts.push("only Debian's stub corosync.conf");
  else parts.push(`corosync.conf for cluster ${c.clusterName ?? "(unnamed)"} with ${c.confNodes.length} node(s)`);
  if (c.pveCorosyncConfPresent) parts.push("in a Proxmox cluster (/etc/pve/corosync.conf)");
  if (c.corosyncRunning === true) {
    const q = c.quorum;
    parts.push(`corosync running${q?.quorate === true ? ", quorate" : q?.quorate === false ? ", NOT quorate" : ""}${q?.memberCount != null ? `, ${q.memberCount} member(s)` : ""}`);
  } else if (c.corosyncRunning === false) parts.push("corosync not running");
  return parts.join("; ");
}

export function timeSummary(f: TStoredHostFacts): string {
  const parts: string[] = [];
  if (f.time) {
    parts.push(f.time.synchronized === true ? "synchronized" : f.time.synchronized === false ? "NOT synchronized" : "sync state unknown");
    if (f.time.ntpEnabled !== null) parts.push(`NTP ${f.time.ntpEnabled ? "on" : "off"}`);
    parts.push(`via ${f.time.source}`);
    if (f.time.timezone) parts.push(f.time.timezone);
  } else parts.push("sync state unknown");
  if (f.clock) parts.push(`clock ${f.clock.skewSeconds >= 0 ? "+" : ""}${f.clock.skewSeconds.toFixed(3)} s against the panel (±${f.clock.uncertaintySeconds.toFixed(3)} s)`);
  return parts.join(", ");
}

export function storageStackSummary(f: TStoredHostFacts): { drbd: string; ceph: string; linstor: string } {
  const d = f.drbd;
  const drbd =
    d.utilsVersion || d.kernelVersion || d.moduleLoaded
      ? [d.utilsVersion ? `utils ${d.utilsVersion}` : null, d.moduleLoaded ? `module loaded${d.kernelVersion ? ` (${d.kernelVersion})` : ""}` : "module not loaded"]
          .filter((p): p is string => p !== null)
          .join(", ")
      : "not installed";
  return {
    drbd,
    ceph: f.ceph ? `${f.ceph.version}${f.ceph.release ? ` (${f.ceph.release})` : ""}` : "not installed",
    linstor: f.linstorVersion ?? "not installed",
  };
}

export const kernelOf = (f: TStoredHostFacts): string | null => f.kernel ?? f.proxmox?.runningKernel ?? null;
