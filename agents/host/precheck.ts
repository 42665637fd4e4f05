import { z } from "zod";
import { errorReport, report, warningReport, type TReport } from "@/lib/reports/report";
import type { THostFacts } from "./model";
import { ZPingStats } from "./model";
import { isLoopbackAddress } from "./parse-hostname";
import {
  requiredPackages,
  STORAGE_AVOIDS_HW_RAID,
  STORAGE_NEEDS_DISK,
  ZClusterStack,
  ZStorageKind,
} from "./required-packages";

// Checks before a set of hosts forms (or joins) a cluster, on facts from probeHostFacts. Pure:
// the wizard probes, measures latency, then shows these reports (errors block, warnings need force).

export const ZLatencyMeasurement = z.object({ from: z.string(), to: z.string(), stats: ZPingStats });
export type TLatencyMeasurement = z.infer<typeof ZLatencyMeasurement>;

export const ZPrecheckOptions = z.object({
  stack: ZClusterStack,
  storage: ZStorageKind.default("none"),
  qdevice: z.boolean().default(false),
  // The host (index into the facts list) that creates the cluster or already runs it; the
  // others join it, so only they must be free of guests.
  founderIndex: z.number().int().nonnegative().default(0),
  // The cluster being formed or joined: hosts already in it are fine (re-running is a no-op).
  clusterName: z.string().nullable().default(null),
  latencies: z.array(ZLatencyMeasurement).default([]),
  maxClockSkewSeconds: z.number().positive().default(0.5),
});
export type TPrecheckOptions = z.input<typeof ZPrecheckOptions>;

// corosync wants a round trip under 7 ms between nodes; above 5 ms is getting close.
export const LATENCY_WARN_MS = 5;
export const LATENCY_ERROR_MS = 7;

type THost = { index: number; label: string; facts: THostFacts };

const labelOf = (facts: THostFacts, index: number) => facts.hostname?.short ?? `host ${index + 1}`;

function factErrors(host: THost, fact: string): string[] {
  return host.facts.errors.filter((e) => e.fact === fact).map((e) => e.message);
}

function unknown(host: THost, fact: string, what: string): TReport {
  const errors = factErrors(host, fact);
  return warningReport(
    "PRECHECK_FACT_UNKNOWN",
    `Could not check ${what} on ${host.label}${errors.length ? ` (${errors.join("; ")})` : ""}. Fix the cause and probe the host again.`,
    { host: host.label, hostIndex: host.index, fact, errors },
  );
}

const majorOf = (version: string): number | null => {
  const m = /^(?:\d+:)?(\d+)/.exec(version);
  return m?.[1] ? Number(m[1]) : null;
};

// A real corosync cluster, not Debian's stub config (one node on 127.0.0.1).
function existingCluster(facts: THostFacts): { name: string | null; nodes: string[] } | null {
  const c = facts.cluster;
  const realNodes = c.confNodes.filter((n) => n.addrs.some((a) => !isLoopbackAddress(a)));
  const quorumNodes = c.quorum?.nodes.length ?? 0;
  if (!c.pveCorosyncConfPresent && realNodes.length === 0 && quorumNodes < 2) return null;
  return { name: c.clusterName, nodes: c.confNodes.flatMap((n) => (n.name ? [n.name] : [])) };
}

function checkProxmoxVersions(hosts: THost[]): TReport[] {
  const out: TReport[] = [];
  const known: { host: THost; version: string; major: number; minor: number | null }[] = [];
  for (const host of hosts) {
    const pve = host.facts.proxmox;
    if (pve) known.push({ host, version: pve.managerVersion, major: pve.major, minor: pve.minor });
    else if (factErrors(host, "proxmox").length > 0) out.push(unknown(host, "proxmox", "the Proxmox VE version"));
    else {
      out.push(
        errorReport(
          "PVE_NOT_INSTALLED",
          `${host.label} is not a Proxmox VE host (pveversion is missing). Install Proxmox VE on it first, or build a Pacemaker cluster instead.`,
          { host: host.label, hostIndex: host.index },
        ),
      );
    }
  }
  const versions = Object.fromEntries(known.map((k) => [k.host.label, k.version]));
  if (new Set(known.map((k) => k.major)).size > 1) {
    out.push(
      errorReport(
        "PVE_MAJOR_MISMATCH",
        `The hosts run different Proxmox VE major versions (${known.map((k) => `${k.host.label}: ${k.version}`).join(", ")}). ` +
          "A cluster needs the same major version on every node: upgrade the older hosts first.",
        { versions },
      ),
    );
  } else if (new Set(known.map((k) => `${k.major}.${k.minor ?? ""}`)).size > 1) {
    out.push(
      warningReport(
        "PVE_VERSION_MISMATCH",
        `The hosts run different Proxmox VE point releases (${known.map((k) => `${k.host.label}: ${k.version}`).join(", ")}). ` +
          "Run apt update && apt full-upgrade on each so they match before clustering.",
        { versions },
      ),
    );
  }
  return out;
}

function corosyncVersion(facts: THostFacts): string | null {
  const pkg = facts.packages?.find((p) => p.name === "corosync");
  if (pkg?.installed && pkg.version) return pkg.version;
  return facts.proxmox?.packages.corosync ?? null;
}

function checkCorosyncVersions(hosts: THost[]): TReport[] {
  const known = hosts.flatMap((host) => {
    const version = corosyncVersion(host.facts);
    const major = version === null ? null : majorOf(version);
    return version !== null && major !== null ? [{ host, version, major }] : [];
  });
  if (new Set(known.map((k) => k.major)).size <= 1) return [];
  return [
    errorReport(
      "COROSYNC_MAJOR_MISMATCH",
      `The hosts run different corosync major versions (${known.map((k) => `${k.host.label}: ${k.version}`).join(", ")}), which cannot talk to each other. ` +
        "Upgrade the older hosts so every node runs the same corosync major version.",
      { versions: Object.fromEntries(known.map((k) => [k.host.label, k.version])) },
    ),
  ];
}

function checkTime(hosts: THost[], maxSkew: number): TReport[] {
  const out: TReport[] = [];
  for (const host of hosts) {
    const time = host.facts.time;
    if (!time || time.synchronized === null) {
      out.push(unknown(host, "time", "whether the clock is synchronized"));
    } else if (!time.synchronized) {
      out.push(
        warningReport(
          "TIME_NOT_SYNCED",
          `The clock of ${host.label} is not synchronized with NTP. Enable time sync (apt-get install chrony; systemctl enable --now chrony) so certificates, logs and corosync agree.`,
          { host: host.label, hostIndex: host.index, source: time.source },
        ),
      );
    }
    if (time?.offsetSeconds != null && Math.abs(time.offsetSeconds) > maxSkew) {
      out.push(
        warningReport(
          "TIME_OFFSET_LARGE",
          `${host.label}'s clock is ${Math.abs(time.offsetSeconds).toFixed(3)} s off NTP time (chrony). Let chrony step it (chronyc makestep) before clustering.`,
          { host: host.label, hostIndex: host.index, offsetSeconds: time.offsetSeconds },
        ),
      );
    }
    if (!host.facts.clock) out.push(unknown(host, "clock", "the clock against the other hosts"));
  }
  const clocks = hosts.flatMap((h) => (h.facts.clock ? [{ host: h, ...h.facts.clock }] : []));
  for (let i = 0; i < clocks.length; i++) {
    for (let j = i + 1; j < clocks.length; j++) {
      const a = clocks[i];
      const b = clocks[j];
      if (!a || !b) continue;
      // Only a difference larger than what the measurement itself could explain counts.
      const apart = Math.abs(a.skewSeconds - b.skewSeconds);
      if (apart - a.uncertaintySeconds - b.uncertaintySeconds <= maxSkew) continue;
      out.push(
        errorReport(
          "CLOCK_SKEW",
          `The clocks of ${a.host.label} and ${b.host.label} are ${apart.toFixed(2)} s apart (more than ${maxSkew} s). ` +
            "Synchronize both with the same NTP servers (chrony) and probe again.",
          { hosts: [a.host.label, b.host.label], skewSeconds: Number(apart.toFixed(3)), maxSkewSeconds: maxSkew },
        ),
      );
    }
  }
  return out;
}

function checkHostnames(hosts: THost[], stack: z.infer<typeof ZClusterStack>): TReport[] {
  const out: TReport[] = [];
  const byName = new Map<string, THost[]>();
  for (const host of hosts) {
    const hn = host.facts.hostname;
    if (!hn) {
      out.push(unknown(host, "hostname", "the host name"));
      continue;
    }
    const key = hn.short.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), host]);
    const res = host.facts.resolution;
    if (!res) {
      out.push(unknown(host, "resolution", `whether ${hn.short} resolves`));
      continue;
    }
    const params = { host: host.label, hostIndex: host.index, hostname: hn.short, addresses: res.addresses };
    if (res.addresses.length === 0) {
      out.push(
        errorReport(
          "HOSTNAME_NOT_RESOLVING",
          `The host name ${hn.short} does not resolve on ${host.label}. Add a line "ADDRESS ${hn.fqdn && hn.fqdn !== hn.short ? `${hn.fqdn} ` : ""}${hn.short}" with the node's cluster address to /etc/hosts.`,
          params,
        ),
      );
      continue;
    }
    if (res.loopback) {
      out.push(
        errorReport(
          "HOSTNAME_RESOLVES_TO_LOOPBACK",
          `On ${host.label} the host name ${hn.short} resolves to a loopback address (${res.addresses.join(", ")}), usually the installer's 127.0.1.1 line in /etc/hosts. ` +
            "Change that line to the node's cluster address (e.g. \"10.0.0.11 pve1.example.com pve1\"); otherwise the cluster services bind to loopback and the other nodes cannot reach it.",
          params,
        ),
      );
      continue;
    }
    const own = host.facts.interfaces?.flatMap((i) => i.addresses.map((a) => a.address));
    if (own && !res.addresses.some((a) => own.includes(a))) {
      const make = stack === "proxmox" ? errorReport : warningReport;
      out.push(
        make(
          "HOSTNAME_ADDRESS_NOT_LOCAL",
          `On ${host.label} the host name ${hn.short} resolves to ${res.addresses.join(", ")}, which is not an address of this host` +
            `${stack === "proxmox" ? " (pve-cluster will not start)" : ""}. Fix /etc/hosts so the name maps to one of the host's own addresses.`,
          { ...params, localAddresses: own },
        ),
      );
    }
  }
  for (const [name, same] of byName) {
    if (same.length < 2) continue;
    out.push(
      errorReport(
        "HOSTNAME_DUPLICATE",
        `${same.length} hosts are called ${name}. Node names must be unique in a cluster: rename all but one (hostnamectl set-hostname, and update /etc/hosts) before clustering.`,
        { hostname: name, hostIndexes: same.map((h) => h.index) },
      ),
    );
  }
  return out;
}

function checkMembership(hosts: THost[], founderIndex: number, clusterName: string | null, stack: z.infer<typeof ZClusterStack>): TReport[] {
  const out: TReport[] = [];
  for (const host of hosts) {
    const existing = existingCluster(host.facts);
    const inTarget = existing !== null && clusterName !== null && existing.name === clusterName;
    if (existing && !inTarget) {
      out.push(
        errorReport(
          "HOST_ALREADY_IN_CLUSTER",
          `${host.label} already belongs to the corosync cluster ${existing.name ?? "(unnamed)"}${existing.nodes.length ? ` (nodes ${existing.nodes.join(", ")})` : ""}. ` +
            "A node can be in one cluster only: remove it from that cluster first (pvecm delnode on the remaining nodes, then clear its corosync configuration), or choose that cluster.",
          { host: host.label, hostIndex: host.index, clusterName: existing.name, nodes: existing.nodes },
        ),
      );
    }
    if (host.index === founderIndex || inTarget) continue;
    const { vms, containers } = host.facts.guests;
    if ((vms ?? 0) + (containers ?? 0) > 0) {
      out.push(
        errorReport(
          "GUESTS_ON_JOINING_NODE",
          `${host.label} has ${vms ?? 0} VM(s) and ${containers ?? 0} container(s). A node must be empty to join a cluster (its guest configs would be replaced and VMIDs could clash): ` +
            "back them up (vzdump), remove them, join, then restore them with new VMIDs.",
          { host: host.label, hostIndex: host.index, vms, containers },
        ),
      );
    } else if (stack === "proxmox" && (vms === null || containers === null) && host.facts.proxmox) {
      out.push(unknown(host, "guests", "whether guests exist"));
    }
  }
  return out;
}

function checkDisks(hosts: THost[], storage: z.infer<typeof ZStorageKind>): TReport[] {
  if (!STORAGE_NEEDS_DISK.has(storage)) return [];
  const out: TReport[] = [];
  for (const host of hosts) {
    const disks = host.facts.blockDevices?.disks;
    if (!disks) {
      out.push(unknown(host, "blockDevices", "the disks"));
      continue;
    }
    const free = disks.filter((d) => d.empty && !d.virtual && (d.sizeBytes ?? 0) > 0);
    const direct = STORAGE_AVOIDS_HW_RAID.has(storage) ? free.filter((d) => !d.hardwareRaid) : free;
    const params = { host: host.label, hostIndex: host.index, storage, freeDisks: free.map((d) => d.name) };
    if (free.length === 0) {
      out.push(
        warningReport(
          "NO_FREE_DISK",
          `${host.label} has no empty disk for ${storage} storage (every disk has partitions, a filesystem or is in use). Add a disk, or wipe one you no longer need (wipefs -a /dev/DISK) after checking it holds nothing of value.`,
          params,
        ),
      );
    } else if (direct.length === 0) {
      out.push(
        warningReport(
          "HARDWARE_RAID_DISK",
          `The empty disks of ${host.label} (${free.map((d) => `${d.name}${d.model ? ` ${d.model}` : ""}`).join(", ")}) are logical drives of a hardware RAID controller. ` +
            `${storage === "zfs" ? "ZFS" : "Ceph"} needs direct access to the drives: switch the controller to HBA/IT (JBOD) mode, or use another storage type.`,
          params,
        ),
      );
    }
  }
  return out;
}

function checkLatency(latencies: readonly TLatencyMeasurement[]): TReport[] {
  return latencies.flatMap(({ from, to, stats }) => {
    const params = { from, to, avgMs: stats.avgMs, maxMs: stats.maxMs, lossPercent: stats.lossPercent };
    if (stats.received === 0) {
      return [errorReport("NODE_UNREACHABLE", `${from} got no ping reply from ${to}. Check cabling, addresses and firewalls on the cluster network.`, params)];
    }
    const out: TReport[] = [];
    if (stats.lossPercent > 0) {
      out.push(warningReport("PACKET_LOSS", `${stats.lossPercent}% of pings from ${from} to ${to} were lost. corosync needs a loss-free link: check the NICs, cables and switch.`, params));
    }
    const avg = stats.avgMs ?? 0;
    if (avg > LATENCY_ERROR_MS) {
      out.push(
        errorReport(
          "LATENCY_TOO_HIGH",
          `The round trip from ${from} to ${to} is ${avg} ms; corosync needs under ${LATENCY_ERROR_MS} ms. Put the cluster links on a local, dedicated network.`,
          params,
        ),
      );
    } else if (avg > LATENCY_WARN_MS) {
      out.push(
        warningReport(
          "LATENCY_HIGH",
          `The round trip from ${from} to ${to} is ${avg} ms, close to corosync's ${LATENCY_ERROR_MS} ms limit. A dedicated cluster network is strongly advised.`,
          params,
        ),
      );
    }
    return out;
  });
}

function checkPackages(hosts: THost[], opts: z.infer<typeof ZPrecheckOptions>): TReport[] {
  const needs = requiredPackages(opts.stack, opts.storage, opts.qdevice);
  return hosts.flatMap((host) => {
    const packages = host.facts.packages;
    if (!packages) return [unknown(host, "packages", "the installed packages")];
    const installed = new Set(packages.filter((p) => p.installed).map((p) => p.name));
    const missing = needs.filter((alts) => !alts.some((p) => installed.has(p))).map((alts) => alts[0]);
    if (missing.length === 0) return [];
    const proxmoxCeph = opts.stack === "proxmox" && missing.includes("ceph-common");
    const aptMissing = proxmoxCeph ? missing.filter((p) => p !== "ceph-common") : missing;
    const commands = [
      ...(aptMissing.length ? [["apt-get", "install", "-y", ...aptMissing]] : []),
      ...(proxmoxCeph ? [["pveceph", "install"]] : []),
    ];
    return [
      errorReport(
        "PACKAGES_MISSING",
        `${host.label} lacks ${missing.join(", ")}. Install ${missing.length === 1 ? "it" : "them"} with: ${commands.map((c) => c.join(" ")).join(" && ")}.`,
        { host: host.label, hostIndex: host.index, packages: missing, commands },
      ),
    ];
  });
}

export function precheckHosts(facts: readonly THostFacts[], options: TPrecheckOptions): TReport[] {
  const opts = ZPrecheckOptions.parse(options);
  const hosts = facts.map((f, index) => ({ index, label: labelOf(f, index), facts: f }));
  if (hosts.length === 0) return [report("error", "PRECHECK_NO_HOSTS", "No hosts to check: add the hosts that will form the cluster.")];
  return [
    ...(opts.stack === "proxmox" ? checkProxmoxVersions(hosts) : []),
    ...checkCorosyncVersions(hosts),
    ...checkTime(hosts, opts.maxClockSkewSeconds),
    ...checkHostnames(hosts, opts.stack),
    ...checkMembership(hosts, opts.founderIndex, opts.clusterName, opts.stack),
    ...checkDisks(hosts, opts.storage),
    ...checkLatency(opts.latencies),
    ...checkPackages(hosts, opts),
  ];
}
