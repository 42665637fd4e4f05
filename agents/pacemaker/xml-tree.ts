import { XMLParser } from "fast-xml-parser";

import { ParseError } from "../common/parse-error";

// A small typed view of an XML document for the crm_mon parser: fast-xml-parser does the
// parsing, this file checks well-formedness cheaply and turns its output into plain elements.

export type XEl = {
  name: string;
  attrs: Record<string, string>;
  children: XEl[];
  text: string;
};

// Sections crm_mon writes that the model does not read. On a 1,000-resource cluster
// node_history is larger than everything else together, so it is kept as raw text.
const SKIPPED_SECTIONS = ["node_history", "node_attributes", "fence_history", "bans", "tickets", "operations"];
const SKIPPED = new Set(SKIPPED_SECTIONS);

// preserveOrder keeps document order across sibling kinds (a primitive, then a group, then a
// clone); grouping children by tag name, as isArray output does, would reorder resources.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  // Entities are decoded below instead: only the predefined five and character references
  // exist in crm_mon output, and the library's general entity handling halves its speed.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  stopNodes: SKIPPED_SECTIONS.map((name) => `*.${name}`),
});

// Attribute values may hold ">" inside quotes; the unrolled quote loop keeps the scan linear.
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

// Returns the text of the first complete root element. Anything before it (stderr lines
// captured with 2>&1) or after it (a trailing prompt) is dropped; an unbalanced or truncated
// document is a ParseError, which fast-xml-parser alone would accept silently.
function rootElementText(format: string, text: string): string {
  if (/<!DOCTYPE/i.test(text)) {
    // crm_mon never writes one; refusing it rules out entity-expansion surprises.
    throw new ParseError(format, "DOCTYPE declarations are not accepted", lineAt(text, text.search(/<!DOCTYPE/i)));
  }
  const stack: string[] = [];
  let start = -1;
  // Skipped sections are cut out here, while their bounds are known, so fast-xml-parser
  // never walks them: on large clusters that halves the parse.
  const kept: string[] = [];
  let keptFrom = -1;
  let skipDepth = -1;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m !== null; m = TAG.exec(text)) {
    const name = m[2];
    if (name === undefined) continue;
    if (start === -1) {
      if (m[1] === "/") throw new ParseError(format, `closing tag </${name}> before any element`, lineAt(text, m.index));
      start = m.index;
      keptFrom = start;
    }
    if (m[1] === "/") {
      const open = stack.pop();
      if (open !== name) {
        throw new ParseError(format, `mismatched </${name}>, expected </${open ?? "nothing"}>`, lineAt(text, m.index));
      }
      if (stack.length === skipDepth) {
        keptFrom = m.index + m[0].length;
        skipDepth = -1;
      }
    } else if (!m[0].endsWith("/>")) {
      if (skipDepth === -1 && stack.length > 0 && SKIPPED.has(name)) {
        kept.push(text.slice(keptFrom, m.index));
        skipDepth = stack.length;
      }
      stack.push(name);
    }
    if (stack.length === 0) {
      kept.push(text.slice(keptFrom, m.index + m[0].length));
      return kept.join("");
    }
  }
  if (start === -1) throw new ParseError(format, "no XML element found", null);
  throw new ParseError(format, `truncated XML: <${stack[stack.length - 1] ?? "?"}> is never closed`, lineAt(text, text.length));
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED[name] ?? whole;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function attributesOf(value: unknown): Record<string, string> {
  const attrs: Record<string, string> = {};
  if (typeof value !== "object" || value === null) return attrs;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === "string") attrs[key.startsWith("@_") ? key.slice(2) : key] = decodeEntities(v);
  }
  return attrs;
}

// preserveOrder output: each item is { tag: [children], ":@": {attributes} } or { "#text": "..." }.
function toElements(raw: unknown): XEl[] {
  if (!Array.isArray(raw)) return [];
  const out: XEl[] = [];
  for (const item of raw) {
    if (typeof item !== "object" || item === null) continue;
    const entries = Object.entries(item);
    const tag = entries.find(([key]) => key !== ":@" && key !== "#text");
    if (tag === undefined) continue;
    const nodes = Array.isArray(tag[1]) ? tag[1] : [];
    const text = nodes
      .map((n: unknown) => (typeof n === "object" && n !== null && "#text" in n ? decodeEntities(String(n["#text"])) : ""))
      .filter((t: string) => t !== "")
      .join(" ");
    out.push({ name: tag[0], attrs: attributesOf(entries.find(([key]) => key === ":@")?.[1]), children: toElements(nodes), text });
  }
  return out;
}

export function parseXmlRoot(format: string, input: string): XEl {
  const xml = rootElementText(format, input);
  let raw: unknown;
  try {
    raw = parser.parse(xml);
  } catch (err) {
    throw new ParseError(format, `not well-formed XML: ${err instanceof Error ? err.message : String(err)}`, null);
  }
  const root = toElements(raw)[0];
  if (root === undefined) throw new ParseError(format, "no XML element found", null);
  return root;
}

export function child(el: XEl, name: string): XEl | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenNamed(el: XEl | undefined, name: string): XEl[] {
  return el === undefined ? [] : el.children.filter((c) => c.name === name);
}
