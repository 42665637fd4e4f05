import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { int, isObject, listObjects, readJson, str, validated, type JsonObject } from "./json";

// The `linstor -m` lists the contract parsers leave out, for planning: resource definitions
// (which group each belongs to), resource groups (place count and pool from select_filter),
// node properties (PrefNic) and the controller's properties (drbd-options land there).

const props = (o: JsonObject): Record<string, string> =>
  isObject(o.props) ? Object.fromEntries(Object.entries(o.props).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))) : {};

export const ZLinstorDefinition = z.object({ name: z.string(), resourceGroup: z.string().nullable(), props: z.record(z.string(), z.string()) });
export type TLinstorDefinition = z.infer<typeof ZLinstorDefinition>;

export function parseLinstorDefinitionsJson(input: string): TLinstorDefinition[] {
  const format = "linstor-resource-definitions-json";
  const { items } = listObjects(format, readJson(format, input), "rsc_dfns");
  return validated(
    format,
    z.array(ZLinstorDefinition),
    items.map((o, i) => {
      const name = str(o.name) ?? str(o.rsc_name);
      if (!name) throw new ParseError(format, `entry ${i} has no name: not a resource definition`);
      return { name, resourceGroup: str(o.resource_group_name), props: props(o) };
    }),
  );
}

export const ZLinstorGroup = z.object({
  name: z.string(),
  placeCount: z.number().int().nullable(),
  storagePools: z.array(z.string()),
  props: z.record(z.string(), z.string()),
});
export type TLinstorGroup = z.infer<typeof ZLinstorGroup>;

// select_filter.storage_pool (older) or storage_pool_list (1.9+).
export function parseLinstorGroupsJson(input: string): TLinstorGroup[] {
  const format = "linstor-resource-groups-json";
  const { items } = listObjects(format, readJson(format, input), "rsc_grps");
  return validated(
    format,
    z.array(ZLinstorGroup),
    items.map((o, i) => {
      const name = str(o.name);
      if (!name) throw new ParseError(format, `entry ${i} has no name: not a resource group`);
      const filter = isObject(o.select_filter) ? o.select_filter : {};
      const list = Array.isArray(filter.storage_pool_list) ? filter.storage_pool_list.filter((p): p is string => typeof p === "string") : [];
      const single = str(filter.storage_pool);
      return { name, placeCount: int(filter.place_count), storagePools: single && !list.includes(single) ? [single, ...list] : list, props: props(o) };
    }),
  );
}

export function parseLinstorNodePropsJson(input: string): Record<string, Record<string, string>> {
  const format = "linstor-node-props-json";
  const { items } = listObjects(format, readJson(format, input), "nodes");
  return Object.fromEntries(items.flatMap((o) => (str(o.name) ? [[str(o.name) ?? "", props(o)]] : [])));
}

// REST answers a map; the client prints a list of {key, value}, possibly wrapped in a list.
export function parseLinstorPropsJson(input: string): Record<string, string> {
  const format = "linstor-properties-json";
  const data = readJson(format, input);
  const flat = Array.isArray(data) ? data.flatMap((e: unknown) => (Array.isArray(e) ? e : [e])) : [data];
  const out: Record<string, string> = {};
  for (const e of flat) {
    if (!isObject(e)) throw new ParseError(format, "expected property objects");
    if ("key" in e) {
      const k = str(e.key);
      const v = typeof e.value === "string" ? e.value : null;
      if (k && v !== null) out[k] = v;
    } else {
      for (const [k, v] of Object.entries(e)) if (typeof v === "string") out[k] = v;
    }
  }
  return out;
}
