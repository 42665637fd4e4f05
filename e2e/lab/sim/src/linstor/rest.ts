import { diskState, diskStateText, isDiskless } from "./disk-state";
import type { TLinstorNodeState, TLinstorState, TPoolState, TResourceState } from "./state";

// REST objects in the key order of linstor-server 1.2x answers (the corpus' node list, the
// golinstor volume sample and docs/rest_v1_openapi.yaml 1.28), as `linstor -m` wraps them.
const LONG_MAX = 9223372036854775807n;
const SATELLITE_PORT = 3366;

export function restNode(n: TLinstorNodeState): Record<string, unknown> {
  return {
    name: n.name,
    type: n.type,
    props: { CurStltConnName: "default", NodeUname: n.name, ...n.props },
    net_interfaces: n.interfaces.map((i, index) =>
      index === 0
        ? { name: i.name, address: i.address, satellite_port: SATELLITE_PORT, satellite_encryption_type: "PLAIN", is_active: true, uuid: i.uuid }
        : { name: i.name, address: i.address, is_active: false, uuid: i.uuid },
    ),
    connection_status: n.online ? "ONLINE" : "OFFLINE",
    uuid: n.uuid,
    storage_providers: ["DISKLESS", "LVM", "LVM_THIN", "ZFS", "ZFS_THIN", "FILE", "FILE_THIN"],
    resource_layers: ["DRBD", "WRITECACHE", "CACHE", "STORAGE"],
    unsupported_providers: {
      SPDK: ["IO exception occured when running 'rpc.py spdk_get_version': Cannot run program \"rpc.py\": error=2, No such file or directory"],
      STORAGE_SPACES: ["This tool does not exist on the Linux platform."],
    },
    unsupported_layers: {},
  };
}

export function usedKib(state: TLinstorState, pool: TPoolState): number {
  return state.resources
    .filter((r) => r.node === pool.node && r.pool === pool.name && !isDiskless(r))
    .reduce((sum, r) => sum + (state.definitions.find((d) => d.name === r.name)?.volumes.reduce((a, v) => a + v.sizeKib, 0) ?? 0), 0);
}

export function poolProps(p: TPoolState): Record<string, string> {
  if (p.kind === "LVM_THIN") {
    const [vg = "", thin = ""] = (p.backing ?? "").split("/");
    return { "StorDriver/LvmVg": vg, "StorDriver/ThinPool": thin, "StorDriver/StorPoolName": p.backing ?? "" };
  }
  if (p.kind === "ZFS_THIN") return { "StorDriver/ZPoolThin": p.backing ?? "", "StorDriver/StorPoolName": p.backing ?? "" };
  if (p.kind === "FILE_THIN") return { "StorDriver/FileDir": p.backing ?? "", "StorDriver/StorPoolName": p.backing ?? "" };
  return {};
}

export function restPool(state: TLinstorState, p: TPoolState): Record<string, unknown> {
  const diskless = p.kind === "DISKLESS";
  const out: Record<string, unknown> = {
    storage_pool_name: p.name,
    node_name: p.node,
    provider_kind: p.kind,
  };
  if (!diskless) out.props = poolProps(p);
  out.static_traits = diskless ? { SupportsSnapshots: "false" } : { Provisioning: "Thin", SupportsSnapshots: "true" };
  out.free_capacity = diskless ? LONG_MAX : p.totalKib - usedKib(state, p);
  out.total_capacity = diskless ? LONG_MAX : p.totalKib;
  out.free_space_mgr_name = `${p.node};${p.name}`;
  out.uuid = p.uuid;
  out.supports_snapshots = !diskless;
  out.external_locking = false;
  return out;
}

export function restResource(state: TLinstorState, r: TResourceState, now: number): Record<string, unknown> {
  const def = state.definitions.find((d) => d.name === r.name);
  const peers = state.resources.filter((o) => o.name === r.name && o.node !== r.node);
  const pool = state.pools.find((p) => p.node === r.node && p.name === r.pool);
  const diskless = isDiskless(r);
  const ds = diskState(state, r, now);
  const nodeOnline = state.nodes.find((n) => n.name === r.node)?.online ?? false;
  const backing = (nr: number) => (pool && !diskless ? backingDevice(pool, r.name, nr) : null);
  const volumes = (def?.volumes ?? []).map((v) => {
    const drbdData: Record<string, unknown> = {
      drbd_volume_definition: { volume_number: v.number, minor_number: v.minor },
      device_path: `/dev/drbd${v.minor}`,
    };
    const storageBacking = backing(v.number);
    if (storageBacking) {
      drbdData.backing_device = storageBacking;
      drbdData.allocated_size_kib = v.sizeKib;
      drbdData.usable_size_kib = v.sizeKib;
    }
    const layers: Array<Record<string, unknown>> = [{ type: "DRBD", data: drbdData }];
    if (storageBacking) {
      layers.push({
        type: "STORAGE",
        data: { volume_number: v.number, device_path: storageBacking, allocated_size_kib: v.sizeKib + 4096, usable_size_kib: v.sizeKib + 4096, disk_state: "[]" },
      });
    }
    const volState: Record<string, unknown> = nodeOnline ? { disk_state: diskStateText(ds) } : {};
    if (nodeOnline && !diskless) volState.replication_states = replicationStates(state, r, peers, now);
    const out: Record<string, unknown> = {
      volume_number: v.number,
      storage_pool_name: diskless ? "DfltDisklessStorPool" : r.pool,
      provider_kind: diskless ? "DISKLESS" : (pool?.kind ?? "LVM_THIN"),
      device_path: `/dev/drbd${v.minor}`,
    };
    if (!diskless) {
      out.allocated_size_kib = ds.kind === "UpToDate" ? v.sizeKib : Math.floor((v.sizeKib * (ds.kind === "SyncTarget" ? ds.percent : 0)) / 100);
      out.usable_size_kib = v.sizeKib;
    }
    out.state = volState;
    out.layer_data_list = layers;
    out.uuid = uuidFor(`${r.uuid}-${v.number}`);
    return out;
  });
  const drbd: Record<string, unknown> = {
    drbd_resource_definition: { peer_slots: 7, al_stripes: 1, al_stripe_size_kib: 32, port: def?.port ?? 7000, transport_type: "IP", secret: "simSecret0000000", down: false },
    node_id: r.nodeId,
    peer_slots: 7,
    al_stripes: 1,
    al_size: 32,
    flags: diskless ? ["DISKLESS", "INITIALIZED"] : ["INITIALIZED"],
    drbd_volumes: (def?.volumes ?? []).map((v) => ({
      drbd_volume_definition: { volume_number: v.number, minor_number: v.minor },
      device_path: `/dev/drbd${v.minor}`,
      ...(backing(v.number) ? { backing_device: backing(v.number), allocated_size_kib: v.sizeKib, usable_size_kib: v.sizeKib } : {}),
    })),
    connections: Object.fromEntries(
      peers.map((p) => {
        const up = nodeOnline && (state.nodes.find((n) => n.name === p.node)?.online ?? false);
        return [p.node, { connected: up, message: up ? "Connected" : "Connecting" }];
      }),
    ),
    promotion_score: diskless ? 0 : 10102,
    may_promote: !peers.some((p) => p.inUse) && ds.kind !== "Inconsistent",
  };
  return {
    name: r.name,
    node_name: r.node,
    ...(r.flags.length > 0 ? { flags: r.flags } : {}),
    props: diskless ? {} : { StorPoolName: r.pool },
    layer_object: {
      children: diskless ? [] : [{ type: "STORAGE", storage: { storage_volumes: (def?.volumes ?? []).map((v) => ({ volume_number: v.number, device_path: backing(v.number), allocated_size_kib: v.sizeKib + 4096, usable_size_kib: v.sizeKib + 4096, disk_state: "[]" })) } }],
      type: "DRBD",
      drbd,
    },
    state: nodeOnline ? { in_use: r.inUse } : {},
    uuid: r.uuid,
    create_timestamp: r.createdAt,
    volumes,
  };
}

function replicationStates(state: TLinstorState, r: TResourceState, peers: TResourceState[], now: number): Record<string, unknown> {
  const mine = diskState(state, r, now);
  return Object.fromEntries(
    peers.map((p) => {
      const theirs = diskState(state, p, now);
      if (mine.kind === "SyncTarget" && p.syncSource) return [p.node, { replication_state: "SyncTarget", done_percentage: mine.percent }];
      if (theirs.kind === "SyncTarget" && r.syncSource) return [p.node, { replication_state: "SyncSource", done_percentage: theirs.percent }];
      return [p.node, { replication_state: "Established" }];
    }),
  );
}

function backingDevice(pool: TPoolState, rsc: string, nr: number): string {
  const suffix = `${rsc}_${String(nr).padStart(5, "0")}`;
  if (pool.kind === "LVM_THIN") return `/dev/${(pool.backing ?? "").split("/")[0]}/${suffix}`;
  if (pool.kind === "ZFS_THIN") return `/dev/zvol/${pool.backing}/${suffix}`;
  return `/dev/loop${nr}`;
}

// Stable volume UUIDs derived from the resource UUID, so repeated lists agree.
function uuidFor(seed: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const ch of `${seed}${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, "0"));
  }
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-8${s.slice(17, 20)}-${s.slice(20, 32)}`;
}
