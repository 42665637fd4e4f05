import { ParseError } from "../common/parse-error";
import { bool, int, isObject, listObjects, readJson, str, validated, type JsonObject } from "./json";
import { ZLinstorStoragePools, type TLinstorStoragePool, type TLinstorStoragePools } from "./model";

const FORMAT = "linstor-storage-pools-json";

// `linstor -m storage-pool list` ([[StoragePool...]]), REST /v1/view/storage-pools, and the
// pre-1.0 client's [{stor_pools[{stor_pool_name, node_name, driver, free_space{free_capacity,
// total_capacity}}]}]. Capacities are KiB in every form.
export function parseLinstorStoragePoolsJson(input: string): TLinstorStoragePools {
  const { items, legacy } = listObjects(FORMAT, readJson(FORMAT, input), "stor_pools");
  const objects = [...items, ...legacy.flatMap((e) => (Array.isArray(e.stor_pools) ? e.stor_pools.filter(isObject) : []))];
  return validated(FORMAT, ZLinstorStoragePools, { storagePools: objects.map(readPool) });
}

// The backing LVM VG / thin pool / ZFS dataset lives in the StorDriver/* property of the provider.
const BACKING_PROPS = ["StorDriver/StorPoolName", "StorDriver/LvmVg", "StorDriver/ZPool", "StorDriver/ZPoolThin", "StorDriver/FileDir"];

function readPool(o: JsonObject, index: number): TLinstorStoragePool {
  const pool = str(o.storage_pool_name) ?? str(o.stor_pool_name);
  if (!pool) throw new ParseError(FORMAT, `entry ${index} has no storage_pool_name: not a LINSTOR storage pool`);
  const legacySpace = isObject(o.free_space) ? o.free_space : {};
  const props = isObject(o.props) ? o.props : {};
  const backing = BACKING_PROPS.map((k) => str(props[k])).find((v) => v !== null) ?? null;
  const errors = (Array.isArray(o.reports) ? o.reports : [])
    .filter(isObject)
    // ApiCallRc.ret_code keeps its severity in the top two bits: 11 (as a signed 64-bit number,
    // -2^62 up to -1) is an error, 10 a warning.
    .filter((r) => typeof r.ret_code === "number" && r.ret_code < 0 && r.ret_code >= -(2 ** 62))
    .map((r) => str(r.message))
    .filter((m): m is string => m !== null);
  return {
    pool,
    node: str(o.node_name),
    providerKind: str(o.provider_kind) ?? str(o.driver),
    backingPool: backing,
    freeCapacityKib: int(o.free_capacity) ?? int(legacySpace.free_capacity),
    totalCapacityKib: int(o.total_capacity) ?? int(legacySpace.total_capacity),
    supportsSnapshots: bool(o.supports_snapshots),
    sharedSpace: str(o.shared_space),
    errors,
  };
}
