import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import type { TDrbdResHost, TDrbdResourceConfig, TDrbdResVolume } from "./res-model";

// Checks a resource model before it is rendered and written. Every report names the offending
// model field in params.field (a dotted path such as "hosts.1.address") so the UI can point at it.
// `others` are the resources already on the cluster: minors and ports must not collide with them.

export const RESOURCE_NAME = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const HOST_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const DEV_PATH = /^\/dev\/[A-Za-z0-9_.+:@=-]+(?:\/[A-Za-z0-9_.+:@=-]+)*$/;
const META_DISK = /^(?:internal|\/dev\/[A-Za-z0-9_.+:@=\/-]+(?: ?\[\d+\])?)$/;
const OPTION_NAME = /^[a-z0-9][a-z0-9-]*$/;

export function validateDrbdResource(
  model: TDrbdResourceConfig,
  others: readonly TDrbdResourceConfig[] = [],
): TReport[] {
  return [
    ...checkName(model),
    ...checkVolumes(model),
    ...checkHosts(model),
    ...checkOptionNames(model),
    ...checkAgainstOthers(model, others.filter((o) => o.name !== model.name)),
  ];
}

function checkName(m: TDrbdResourceConfig): TReport[] {
  if (RESOURCE_NAME.test(m.name)) return [];
  return [
    errorReport(
      "DRBD_RESOURCE_NAME_INVALID",
      `Resource name '${m.name}' may only use letters, digits, '_', '.', '-' and must not start with '-'`,
      { field: "name", value: m.name },
    ),
  ];
}

function pathReports(field: string, disk: string | null | undefined): TReport[] {
  if (disk === null || disk === undefined || (DEV_PATH.test(disk) && !disk.split("/").includes(".."))) return [];
  return [
    errorReport("DRBD_DISK_PATH_INVALID", `Backing disk '${disk}' must be a device path under /dev/`, {
      field,
      value: disk,
    }),
  ];
}

function deviceReports(field: string, device: string | undefined): TReport[] {
  if (device === undefined || (DEV_PATH.test(device) && !device.split("/").includes(".."))) return [];
  return [errorReport("DRBD_DEVICE_PATH_INVALID", `DRBD device '${device}' must be a path under /dev/`, { field, value: device })];
}

function metaDiskReports(field: string, metaDisk: string | undefined): TReport[] {
  if (metaDisk === undefined || META_DISK.test(metaDisk)) return [];
  return [
    errorReport("DRBD_META_DISK_INVALID", `meta-disk '${metaDisk}' must be 'internal' or a device path under /dev/`, {
      field,
      value: metaDisk,
    }),
  ];
}

// The volumes one host really uses: the resource-wide ones with that host's overrides applied.
function effectiveVolumes(m: TDrbdResourceConfig, h: TDrbdResHost): TDrbdResVolume[] {
  return m.volumes.map((v) => ({ ...v, ...h.volumes.find((o) => o.volume === v.volume) }));
}

function checkVolumes(m: TDrbdResourceConfig): TReport[] {
  const reports: TReport[] = [];
  const numbers = new Set<number>();
  const minors = new Map<number, number>();
  m.volumes.forEach((v, i) => {
    reports.push(
      ...pathReports(`volumes.${i}.disk`, v.disk),
      ...deviceReports(`volumes.${i}.device`, v.device),
      ...metaDiskReports(`volumes.${i}.metaDisk`, v.metaDisk),
    );
    if (numbers.has(v.volume)) {
      reports.push(
        errorReport("DRBD_VOLUME_DUPLICATE", `Volume ${v.volume} is defined twice`, { field: `volumes.${i}.volume`, value: v.volume }),
      );
    }
    numbers.add(v.volume);
    const first = minors.get(v.minor);
    if (first !== undefined) {
      reports.push(
        errorReport("DRBD_MINOR_DUPLICATE", `Minor ${v.minor} is used by volumes ${m.volumes[first]?.volume} and ${v.volume}`, {
          field: `volumes.${i}.minor`,
          value: v.minor,
        }),
      );
    } else minors.set(v.minor, i);
  });

  m.hosts.forEach((h, hi) => {
    h.volumes.forEach((o, oi) => {
      const field = `hosts.${hi}.volumes.${oi}`;
      if (!numbers.has(o.volume)) {
        reports.push(
          errorReport("DRBD_VOLUME_UNKNOWN", `Host ${h.name} overrides volume ${o.volume}, which the resource does not define`, {
            field: `${field}.volume`,
            value: o.volume,
          }),
        );
      }
      reports.push(
        ...pathReports(`${field}.disk`, o.disk),
        ...deviceReports(`${field}.device`, o.device),
        ...metaDiskReports(`${field}.metaDisk`, o.metaDisk),
      );
    });
    if (h.volumes.some((o) => o.minor !== undefined)) {
      const seen = new Set<number>();
      for (const v of effectiveVolumes(m, h)) {
        if (seen.has(v.minor)) {
          reports.push(
            errorReport("DRBD_MINOR_DUPLICATE", `Minor ${v.minor} is used twice on host ${h.name}`, {
              field: `hosts.${hi}.volumes`,
              value: v.minor,
            }),
          );
        }
        seen.add(v.minor);
      }
    }
  });
  return reports;
}

function checkHosts(m: TDrbdResourceConfig): TReport[] {
  const reports: TReport[] = [];
  if (m.hosts.length < 2) {
    reports.push(
      errorReport("DRBD_TOO_FEW_HOSTS", `A DRBD resource needs at least 2 hosts, '${m.name}' has ${m.hosts.length}`, {
        field: "hosts",
        value: m.hosts.length,
      }),
    );
  }
  const names = new Set<string>();
  const nodeIds = new Map<number, string>();
  const endpoints = new Map<string, string>();
  m.hosts.forEach((h, i) => {
    if (!HOST_NAME.test(h.name)) {
      reports.push(errorReport("DRBD_HOST_NAME_INVALID", `Host name '${h.name}' is not a valid host name`, { field: `hosts.${i}.name`, value: h.name }));
    }
    if (names.has(h.name)) {
      reports.push(errorReport("DRBD_HOST_DUPLICATE", `Host ${h.name} appears twice`, { field: `hosts.${i}.name`, value: h.name }));
    }
    names.add(h.name);

    if (h.nodeId !== null) {
      const owner = nodeIds.get(h.nodeId);
      if (owner !== undefined) {
        reports.push(
          errorReport("DRBD_NODE_ID_DUPLICATE", `node-id ${h.nodeId} is used by ${owner} and ${h.name}`, {
            field: `hosts.${i}.nodeId`,
            value: h.nodeId,
          }),
        );
      } else nodeIds.set(h.nodeId, h.name);
    } else if (m.hosts.length > 2 || m.hosts.some((o) => o.nodeId !== null)) {
      reports.push(
        errorReport("DRBD_NODE_ID_MISSING", `Host ${h.name} needs a node-id (DRBD 9 with more than two hosts)`, {
          field: `hosts.${i}.nodeId`,
        }),
      );
    }

    if (h.address === null) {
      reports.push(errorReport("DRBD_ADDRESS_MISSING", `Host ${h.name} has no replication address`, { field: `hosts.${i}.address` }));
    } else {
      const endpoint = `${h.address.host}:${h.address.port}`;
      const owner = endpoints.get(endpoint);
      if (owner !== undefined) {
        reports.push(
          errorReport("DRBD_PORT_DUPLICATE", `${endpoint} is used by both ${owner} and ${h.name}`, {
            field: `hosts.${i}.address`,
            value: endpoint,
          }),
        );
      } else endpoints.set(endpoint, h.name);
    }
  });

  if (m.hosts.length > 2 && m.connectionMesh === null) {
    reports.push(
      errorReport("DRBD_CONNECTION_MESH_MISSING", "More than two hosts need a connection-mesh", { field: "connectionMesh" }),
    );
  }
  m.connectionMesh?.forEach((name, i) => {
    if (!names.has(name)) {
      reports.push(
        errorReport("DRBD_MESH_HOST_UNKNOWN", `connection-mesh names ${name}, which has no 'on' section`, {
          field: `connectionMesh.${i}`,
          value: name,
        }),
      );
    }
  });
  if ((m.net.sharedSecret === null) !== (m.net.cramHmacAlg === null)) {
    reports.push(
      warningReport("DRBD_AUTH_INCOMPLETE", "Peer authentication needs both cram-hmac-alg and shared-secret", {
        field: m.net.sharedSecret === null ? "net.sharedSecret" : "net.cramHmacAlg",
      }),
    );
  }
  return reports;
}

// Option names from `extra` are written into the file verbatim, so they must be plain keywords.
function checkOptionNames(m: TDrbdResourceConfig): TReport[] {
  const sections = {
    "net.extra": m.net.extra,
    "disk.extra": m.disk.extra,
    "options.extra": m.options.extra,
    startup: m.startup,
    handlers: m.handlers,
  };
  return Object.entries(sections).flatMap(([path, record]) =>
    Object.keys(record)
      .filter((k) => !OPTION_NAME.test(k))
      .map((k) => errorReport("DRBD_OPTION_NAME_INVALID", `'${k}' is not a DRBD option name`, { field: `${path}.${k}`, value: k })),
  );
}

function checkAgainstOthers(m: TDrbdResourceConfig, others: readonly TDrbdResourceConfig[]): TReport[] {
  const reports: TReport[] = [];
  m.hosts.forEach((h, hi) => {
    for (const other of others) {
      const twin = other.hosts.find((o) => o.name === h.name);
      if (twin) {
        const taken = new Set(effectiveVolumes(other, twin).map((v) => v.minor));
        effectiveVolumes(m, h).forEach((v) => {
          if (taken.has(v.minor)) {
            const i = m.volumes.findIndex((x) => x.volume === v.volume);
            reports.push(
              errorReport("DRBD_MINOR_IN_USE", `Minor ${v.minor} on ${h.name} is already used by resource ${other.name}`, {
                field: `volumes.${i}.minor`,
                value: v.minor,
                resource: other.name,
              }),
            );
          }
        });
      }
      const address = h.address;
      if (address && other.hosts.some((o) => o.address?.host === address.host && o.address.port === address.port)) {
        reports.push(
          errorReport("DRBD_PORT_IN_USE", `${address.host}:${address.port} is already used by resource ${other.name}`, {
            field: `hosts.${hi}.address`,
            value: `${address.host}:${address.port}`,
            resource: other.name,
          }),
        );
      }
    }
  });
  return reports;
}

const UNIT = { "": 1, s: 0.5, k: 1, m: 1024, g: 1024 * 1024 } as const;

// A drbd.conf rate in KiB/s: bare numbers and k are KiB, M MiB, G GiB, s sectors.
function kib(value: string): number {
  const m = /^(\d+)([kKmMgGsS]?)$/.exec(value);
  return m ? Number(m[1]) * UNIT[(m[2] ?? "").toLowerCase() as keyof typeof UNIT] : NaN;
}

// Option combinations DRBD refuses at runtime or that people regret, and what the chosen
// kernel generation cannot express. Run with validateDrbdResource before planning.
export function validateDrbdOptions(m: TDrbdResourceConfig, generation: "9" | "8.4"): TReport[] {
  const reports: TReport[] = [];
  if (m.net.allowTwoPrimaries === true) {
    if (m.protocol !== null && m.protocol !== "C") {
      reports.push(
        errorReport("DRBD_TWO_PRIMARIES_NEED_PROTOCOL_C", `allow-two-primaries needs protocol C (DRBD refuses with "(139) Protocol C required"), not ${m.protocol}`, {
          field: "protocol",
          value: m.protocol,
        }),
      );
    }
    reports.push(
      warningReport(
        "DRBD_TWO_PRIMARIES",
        "allow-two-primaries lets both nodes write at once: only safe with a cluster filesystem or a cluster-aware user (live migration, shared LVM), and with fencing; a lost link then means split brain",
        { field: "net.allowTwoPrimaries" },
      ),
    );
  }
  const { cMinRate, cMaxRate, cPlanAhead, resyncRate } = m.disk;
  if (cMinRate !== null && cMaxRate !== null && kib(cMinRate) > kib(cMaxRate)) {
    reports.push(
      errorReport("DRBD_C_MIN_ABOVE_MAX", `c-min-rate ${cMinRate} is above c-max-rate ${cMaxRate}`, { field: "disk.cMinRate", value: cMinRate }),
    );
  }
  if (resyncRate !== null && cPlanAhead !== 0 && (cMaxRate !== null || cPlanAhead !== null)) {
    reports.push(
      warningReport(
        "DRBD_RESYNC_RATE_WITH_CONTROLLER",
        `resync-rate ${resyncRate} is only the starting rate while the dynamic resync controller runs (c-plan-ahead is not 0); c-max-rate caps the rate`,
        { field: "disk.resyncRate", value: resyncRate },
      ),
    );
  }
  if (generation === "8.4") {
    if (m.hosts.length > 2) reports.push(errorReport("DRBD84_TWO_HOSTS_ONLY", "DRBD 8.4 replicates between exactly two hosts", { field: "hosts", value: m.hosts.length }));
    const only9: [string, unknown][] = [
      ["options.quorum", m.options.quorum],
      ["options.onNoQuorum", m.options.onNoQuorum],
      ["options.autoPromote", m.options.autoPromote],
    ];
    for (const [field, value] of only9) {
      if (value !== null) reports.push(errorReport("DRBD84_OPTION_UNSUPPORTED", `${field} is a DRBD 9 option; DRBD 8.4 has no such setting`, { field }));
    }
  }
  if (generation === "9" && m.hosts.length > 2 && m.options.quorum === null) {
    reports.push(
      warningReport("DRBD_QUORUM_OFF", "With three or more hosts, quorum majority keeps an isolated node from writing (and from split brain)", {
        field: "options.quorum",
      }),
    );
  }
  return reports;
}
