import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";

// corosync.conf as a tree of named sections holding ordered "key: value" attributes, after pcs's
// lib/corosync/config_parser.py Section. The parser and the renderer share it, so what we write
// is read back by the same rules.

export const ZAttribute = z.object({ key: z.string(), value: z.string(), line: z.number().int().nullable() });
export type TAttribute = z.infer<typeof ZAttribute>;

export const ZSection = z.object({
  name: z.string(),
  line: z.number().int().nullable(),
  attributes: z.array(ZAttribute),
  get sections() {
    return z.array(ZSection);
  },
});
export type TSection = z.infer<typeof ZSection>;

export function section(name: string, attributes: [string, string | number][] = [], sections: TSection[] = []): TSection {
  return { name, line: null, attributes: attributes.map(([key, value]) => ({ key, value: String(value), line: null })), sections };
}

// corosync keeps the last value when a key repeats within a section.
export function attr(s: TSection | undefined, key: string): TAttribute | undefined {
  if (!s) return undefined;
  for (let i = s.attributes.length - 1; i >= 0; i--) {
    const a = s.attributes[i];
    if (a?.key === key) return a;
  }
  return undefined;
}

export function children(s: TSection | undefined, name: string): TSection[] {
  return s ? s.sections.filter((c) => c.name === name) : [];
}

export function child(s: TSection | undefined, name: string): TSection | undefined {
  return children(s, name)[0];
}

// Iterative so a deeply nested (hostile) file cannot exhaust the call stack.
export function parseSectionTree(text: string, format: string): TSection {
  const root: TSection = { name: "", line: null, attributes: [], sections: [] };
  const stack: TSection[] = [root];
  inputLines(text).forEach((raw, idx) => {
    const line = idx + 1;
    const t = raw.trim();
    if (t === "" || t.startsWith("#")) return;
    const top = stack[stack.length - 1] ?? root;
    if (t.endsWith("{")) {
      const name = t.slice(0, -1).trim();
      if (name === "") throw new ParseError(format, "section name missing before '{'", line);
      if (/[{}:\s]/.test(name)) throw new ParseError(format, `bad section name "${name.slice(0, 40)}"`, line);
      const s: TSection = { name, line, attributes: [], sections: [] };
      top.sections.push(s);
      stack.push(s);
      return;
    }
    if (t === "}") {
      if (stack.length === 1) throw new ParseError(format, "unexpected '}'", line);
      stack.pop();
      return;
    }
    if (t.includes("{") || t.includes("}")) throw new ParseError(format, "braces must stand at the end of a line", line);
    const colon = t.indexOf(":");
    if (colon <= 0) throw new ParseError(format, `expected "key: value": "${t.slice(0, 80)}"`, line);
    top.attributes.push({ key: t.slice(0, colon).trim(), value: t.slice(colon + 1).trim(), line });
  });
  const unclosed = stack[stack.length - 1];
  if (stack.length > 1 && unclosed) {
    throw new ParseError(format, `truncated: section "${unclosed.name}" is not closed`, unclosed.line);
  }
  return root;
}

// Attributes first, then sub-sections, one level of `indent` per depth, no blank lines.
export function exportSectionTree(root: TSection, indent = "    "): string {
  const out: string[] = [];
  const walk = (s: TSection, depth: number) => {
    const pad = indent.repeat(depth);
    for (const a of s.attributes) out.push(`${pad}${a.key}: ${a.value}`);
    for (const c of s.sections) {
      out.push(`${pad}${c.name} {`);
      walk(c, depth + 1);
      out.push(`${pad}}`);
    }
  };
  walk(root, 0);
  return out.length ? `${out.join("\n")}\n` : "";
}
