import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { parseLenientJson } from "../common/text";
import type { TDrbdConnection, TDrbdResource, TDrbdStatus } from "./model";
import { aggregateQuorum, byVolume, emptyPeerVolume, roleOf, validatedStatus } from "./status-common";

const FORMAT = "drbd-status-json";

// drbdsetup prints this when it has no rate sample to estimate from.
const NO_ESTIMATE = 987654321;

const num = z.number().nullable().optional();

const ZJsonPeerDevice = z.looseObject({
  volume: z.number().int().nonnegative(),
  "replication-state": z.string().optional(),
  "peer-disk-state": z.string().optional(),
  "out-of-sync": num,
  "percent-resync-done": num,
  "db1/dt1 [MiB/s]": num,
  "estimated-seconds-to-finish": num,
});

const ZJsonConnection = z.looseObject({
  "peer-node-id": z.number().int().nonnegative().optional(),
  name: z.string().optional(),
  "connection-state": z.string().optional(),
  "peer-role": z.string().optional(),
  // Every key is hyphenated except this one; accept both in case a release fixes it.
  peer_devices: z.array(ZJsonPeerDevice).optional(),
  "peer-devices": z.array(ZJsonPeerDevice).optional(),
});

const ZJsonDevice = z.looseObject({
  volume: z.number().int().nonnegative(),
  minor: z.number().int().nonnegative().optional(),
  "disk-state": z.string().optional(),
  quorum: z.boolean().optional(),
  size: num,
});

const ZJsonResource = z.looseObject({
  name: z.string().min(1),
  "node-id": z.number().int().optional(),
  role: z.string().optional(),
  suspended: z.boolean().optional(),
  devices: z.array(ZJsonDevice).default([]),
  connections: z.array(ZJsonConnection).default([]),
});
type TJsonResource = z.infer<typeof ZJsonResource>;

// `drbdsetup status --json` (DRBD 9), including drbd-utils' bare `nan` during resync.
export function parseDrbdStatusJson(input: string): TDrbdStatus {
  if (input.trim() === "") throw new ParseError(FORMAT, "empty input", null);
  let data: unknown;
  try {
    data = parseLenientJson(input);
  } catch (e) {
    throw new ParseError(FORMAT, `not valid JSON: ${(e as Error).message}`, null);
  }
  const list = Array.isArray(data) ? data : [data];
  const parsed = z.array(ZJsonResource).safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParseError(FORMAT, `unexpected JSON shape at ${issue?.path.join(".") || "top"}: ${issue?.message}`, null);
  }
  return validatedStatus(FORMAT, { version: null, resources: parsed.data.map(toResource) });
}

function toResource(r: TJsonResource): TDrbdResource {
  const volumes = r.devices
    .map((d) => ({
      volume: d.volume,
      minor: d.minor ?? null,
      disk: d["disk-state"] || "DUnknown",
      quorum: d.quorum ?? null,
      sizeKiB: d.size ?? null,
    }))
    .sort(byVolume);
  const connections = r.connections.map((c): TDrbdConnection => {
    const peerDevices = c.peer_devices ?? c["peer-devices"] ?? [];
    return {
      peer: c.name || null,
      peerNodeId: c["peer-node-id"] ?? null,
      state: c["connection-state"] || "Unknown",
      peerRole: roleOf(c["peer-role"] ?? "") ?? "Unknown",
      protocol: null,
      volumes: peerDevices
        .map((p) => {
          const eta = p["estimated-seconds-to-finish"] ?? null;
          const speed = p["db1/dt1 [MiB/s]"] ?? null;
          return {
            ...emptyPeerVolume(p.volume, p["replication-state"] || null),
            peerDisk: p["peer-disk-state"] || "DUnknown",
            syncPercent: clampPercent(p["percent-resync-done"] ?? null),
            outOfSyncKiB: p["out-of-sync"] ?? null,
            syncSpeedKiBps: speed === null ? null : Math.round(speed * 1024),
            etaSeconds: eta === null || eta === NO_ESTIMATE ? null : eta,
          };
        })
        .sort(byVolume),
    };
  });
  return {
    name: r.name,
    nodeId: r["node-id"] !== undefined && r["node-id"] >= 0 ? r["node-id"] : null,
    role: roleOf(r.role ?? "") ?? "Unknown",
    suspended: r.suspended ?? null,
    quorum: aggregateQuorum(volumes),
    volumes,
    connections,
  };
}

function clampPercent(value: number | null): number | null {
  return value === null ? null : Math.min(100, Math.max(0, value));
}
