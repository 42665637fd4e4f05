import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { normalizeText } from "../common/text";

// The CIB as `cibadmin -Q` prints it, read into plain elements, and elements written back as
// XML for cibadmin. Only <configuration> and the version attributes matter to the planner;
// <status> (the operation history, by far the largest part on a busy cluster) is not parsed.

const FORMAT = "cib-xml";

export type TCibElement = { name: string; attrs: Record<string, string>; children: TCibElement[] };

export const ZCibElement: z.ZodType<TCibElement> = z.lazy(() =>
  z.object({ name: z.string().min(1), attrs: z.record(z.string(), z.string()), children: z.array(ZCibElement) }),
);

export const ZCibVersion = z.object({ adminEpoch: z.number().int(), epoch: z.number().int(), numUpdates: z.number().int() });
export type TCibVersion = z.infer<typeof ZCibVersion>;

export const ZCibObserved = z.object({
  version: ZCibVersion.nullable(),
  validateWith: z.string().nullable(),
  nodes: z.array(z.object({ id: z.string(), uname: z.string() })),
  // cib-bootstrap-options, the set Pacemaker and every tool write cluster properties into.
  properties: z.record(z.string(), z.string()),
  rscDefaults: z.record(z.string(), z.string()),
  // Top-level children of <resources> and <constraints>, in document order.
  resources: z.array(ZCibElement),
  constraints: z.array(ZCibElement),
});
export type TCibObserved = z.infer<typeof ZCibObserved>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  stopNodes: ["cib.status"],
});

const builderOptions = { preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: true } as const;
const builder = new XMLBuilder({ ...builderOptions, format: false });
const prettyBuilder = new XMLBuilder({ ...builderOptions, format: true, indentBy: "  " });

function toElements(raw: unknown): TCibElement[] {
  if (!Array.isArray(raw)) return [];
  const out: TCibElement[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const entries = Object.entries(item);
    const tag = entries.find(([key]) => key !== ":@" && key !== "#text");
    if (tag === undefined) continue;
    const attrs: Record<string, string> = {};
    const rawAttrs = entries.find(([key]) => key === ":@")?.[1];
    if (typeof rawAttrs === "object" && rawAttrs !== null) {
      for (const [k, v] of Object.entries(rawAttrs)) if (typeof v === "string") attrs[k.replace(/^@_/, "")] = v;
    }
    out.push({ name: tag[0], attrs, children: toElements(tag[1]) });
  }
  return out;
}

export function parseCibElement(format: string, input: string): TCibElement {
  const text = normalizeText(input).trim();
  if (text === "") throw new ParseError(format, "empty input", null);
  if (/<!DOCTYPE/i.test(text)) throw new ParseError(format, "DOCTYPE declarations are not accepted", null);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ParseError(format, `not well-formed XML: ${valid.err.msg}`, valid.err.line);
  const root = toElements(parser.parse(text))[0];
  if (root === undefined) throw new ParseError(format, "no XML element found", null);
  return root;
}

export const childrenOf = (el: TCibElement | undefined, name: string): TCibElement[] => el?.children.filter((c) => c.name === name) ?? [];
export const firstChild = (el: TCibElement | undefined, name: string): TCibElement | undefined => el?.children.find((c) => c.name === name);

function nvpairs(set: TCibElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const nv of childrenOf(set, "nvpair")) {
    const name = nv.attrs.name;
    if (name !== undefined) out[name] = nv.attrs.value ?? "";
  }
  return out;
}

function intAttr(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

export function parseCib(input: string): TCibObserved {
  const root = parseCibElement(FORMAT, input);
  if (root.name !== "cib") throw new ParseError(FORMAT, `expected <cib>, found <${root.name}>`, null);
  const config = firstChild(root, "configuration");
  if (config === undefined) throw new ParseError(FORMAT, "<cib> holds no <configuration>", null);
  const [adminEpoch, epoch, numUpdates] = [root.attrs.admin_epoch, root.attrs.epoch, root.attrs.num_updates].map(intAttr);
  const crmConfig = firstChild(config, "crm_config");
  const bootstrap = childrenOf(crmConfig, "cluster_property_set").find((s) => s.attrs.id === "cib-bootstrap-options");
  return ZCibObserved.parse({
    version: adminEpoch != null && epoch != null && numUpdates != null ? { adminEpoch, epoch, numUpdates } : null,
    validateWith: root.attrs["validate-with"] ?? null,
    nodes: childrenOf(firstChild(config, "nodes"), "node").flatMap((n) =>
      n.attrs.id !== undefined && n.attrs.uname !== undefined ? [{ id: n.attrs.id, uname: n.attrs.uname }] : [],
    ),
    properties: nvpairs(bootstrap),
    rscDefaults: nvpairs(childrenOf(firstChild(config, "rsc_defaults"), "meta_attributes")[0]),
    resources: firstChild(config, "resources")?.children ?? [],
    constraints: firstChild(config, "constraints")?.children ?? [],
  });
}

// Every resource id in a subtree (primitives, groups, clones), outermost first.
export function resourceIds(el: TCibElement): string[] {
  if (!["primitive", "group", "clone", "master", "bundle"].includes(el.name)) return [];
  return [...(el.attrs.id !== undefined ? [el.attrs.id] : []), ...el.children.flatMap(resourceIds)];
}

// Attribute order and whitespace carry no meaning in the CIB; child order does (group
// members start in order, nvpairs are shown in order).
export function canonicalElement(el: TCibElement): string {
  const attrs = Object.keys(el.attrs)
    .sort()
    .map((k) => [k, el.attrs[k]]);
  return JSON.stringify([el.name, attrs, el.children.map(canonicalElement)]);
}

type TBuilderNode = Record<string, unknown>;
function toBuilder(el: TCibElement): TBuilderNode {
  const attrs = Object.fromEntries(Object.entries(el.attrs).map(([k, v]) => [`@_${k}`, v]));
  return { [el.name]: el.children.map(toBuilder), ":@": attrs };
}

export function renderElement(el: TCibElement): string {
  return String(builder.build([toBuilder(el)]));
}

// Indented, one element per line: what the plan's before/after diff shows.
export function renderElementPretty(el: TCibElement): string {
  return `${String(prettyBuilder.build([toBuilder(el)])).trim()}\n`;
}
