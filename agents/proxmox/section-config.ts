import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import {
  ZSectionConfig,
  type TExtraOptions,
  type TSection,
  type TSectionConfig,
  type TSectionLine,
} from "./model-section-config";

// Proxmox "section config" files (storage.cfg, ha/resources.cfg, ha/groups.cfg, ha/rules.cfg,
// replication.cfg) follow PVE::SectionConfig: a `type: id` header at column 0, indented
// `key value` lines, and the section ends at the first empty line. Comment lines are skipped
// anywhere. We keep section and key order, flags and comments, so re-rendering an unchanged file
// gives the same lines and a plan's diff shows only what it changes.

// SectionConfig reads headers with `^(\S+):\s*(\S+)\s*$` (greedy type, so `vm:100` from
// ha-manager config and `vm: 100` from resources.cfg both give vm / 100) and options with
// `^\s+(\S+)(\s+(.*\S))?\s*$`. Both are done by hand here: those regexes backtrack
// quadratically on long lines of colons or trailing blanks.
function splitHeader(line: string): { type: string; id: string } | null {
  const text = line.trimEnd();
  const space = text.search(/\s/);
  if (space < 0) {
    const colon = text.lastIndexOf(":");
    if (colon <= 0 || colon === text.length - 1) return null;
    return { type: text.slice(0, colon), id: text.slice(colon + 1) };
  }
  const head = text.slice(0, space);
  const id = text.slice(space).trimStart();
  if (head.length < 2 || !head.endsWith(":") || /\s/.test(id)) return null;
  return { type: head.slice(0, -1), id };
}

function splitOption(trimmed: string): { key: string; value: string | null } {
  const space = trimmed.search(/\s/);
  if (space < 0) return { key: trimmed, value: null };
  return { key: trimmed.slice(0, space), value: trimmed.slice(space).trimStart() };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function parseSectionConfig(text: string, format: string): TSectionConfig {
  const lines = inputLines(text);
  const sections: TSection[] = [];
  const seen = new Set<string>();
  let pendingComments: string[] = [];
  let current: TSection | null = null;
  let currentKeys = new Set<string>();

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line === "") {
      current = null;
      return;
    }
    const trimmed = line.trim();
    // Whitespace-only lines (blog copies) are neither content nor a section end for Proxmox.
    if (trimmed === "") return;
    if (trimmed.startsWith("#")) {
      if (current) current.lines.push({ kind: "comment", text: trimmed });
      else pendingComments.push(trimmed);
      return;
    }
    // A header straight after an option line (no blank line) starts a new section here, where
    // Proxmox would ignore it; docs copies do that, and our renderer always writes the blank line.
    if (!/^\s/.test(line)) {
      const header = splitHeader(line);
      if (!header) throw new ParseError(format, `expected a "type: id" section header, got "${clip(trimmed)}"`, lineNo);
      const { type, id } = header;
      const key = `${type}:${id}`;
      if (seen.has(key)) throw new ParseError(format, `duplicate section "${type}: ${id}"`, lineNo);
      seen.add(key);
      current = { type, id, comments: pendingComments, lines: [] };
      currentKeys = new Set();
      pendingComments = [];
      sections.push(current);
      return;
    }
    if (!current) {
      throw new ParseError(format, `option line outside a section (Proxmox ignores it): "${clip(trimmed)}"`, lineNo);
    }
    const { key, value } = splitOption(trimmed);
    const section: TSection = current;
    if (currentKeys.has(key)) {
      throw new ParseError(format, `duplicate option "${key}" in section "${section.type}: ${section.id}"`, lineNo);
    }
    currentKeys.add(key);
    section.lines.push({ kind: "option", key, value });
  });

  return ZSectionConfig.parse({ sections, trailingComments: pendingComments });
}

// Renders like Proxmox writes: TAB-indented options, one blank line between sections.
export function renderSectionConfig(config: TSectionConfig): string {
  const blocks = config.sections.map((section) => {
    const out = [...section.comments, `${section.type}: ${section.id}`];
    for (const line of section.lines) {
      if (line.kind === "comment") out.push(`\t${line.text}`);
      else out.push(line.value === null ? `\t${line.key}` : `\t${line.key} ${line.value}`);
    }
    return out.join("\n") + "\n";
  });
  if (config.trailingComments.length > 0) blocks.push(config.trailingComments.join("\n") + "\n");
  return blocks.join("\n");
}

function sameSection(a: Pick<TSection, "type" | "id">, b: Pick<TSection, "type" | "id">): boolean {
  return a.type === b.type && a.id === b.id;
}

// Replaces the section with the same type and id in place (keeping the old key order for keys
// that stay, and the old comments when the new entry brings none), or appends it.
export function upsertSection(sections: readonly TSection[], entry: TSection): TSection[] {
  const index = sections.findIndex((s) => sameSection(s, entry));
  if (index < 0) return [...sections, entry];
  const old = sections[index] as TSection;
  const merged: TSection = {
    ...entry,
    comments: entry.comments.length > 0 ? entry.comments : old.comments,
    lines: mergeLineOrder(old.lines, entry.lines),
  };
  return sections.map((s, i) => (i === index ? merged : s));
}

export function removeSection(sections: readonly TSection[], target: Pick<TSection, "type" | "id">): TSection[] {
  return sections.filter((s) => !sameSection(s, target));
}

export function findSection(
  sections: readonly TSection[],
  target: Pick<TSection, "type" | "id">,
): TSection | undefined {
  return sections.find((s) => sameSection(s, target));
}

function mergeLineOrder(oldLines: readonly TSectionLine[], newLines: readonly TSectionLine[]): TSectionLine[] {
  const newOptions = new Map<string, TSectionLine>();
  for (const line of newLines) if (line.kind === "option") newOptions.set(line.key, line);
  const result: TSectionLine[] = [];
  const placed = new Set<string>();
  for (const line of oldLines) {
    if (line.kind === "comment") {
      result.push(line);
      continue;
    }
    const replacement = newOptions.get(line.key);
    if (replacement) {
      result.push(replacement);
      placed.add(line.key);
    }
  }
  const keptComments = new Set(result.flatMap((l) => (l.kind === "comment" ? [l.text] : [])));
  for (const line of newLines) {
    if (line.kind === "option" && !placed.has(line.key)) result.push(line);
    if (line.kind === "comment" && !keptComments.has(line.text)) result.push(line);
  }
  return result;
}

// Reads typed values out of a section; whatever the caller does not ask for is `rest()`.
export type TOptionReader = {
  str: (key: string) => string | null;
  list: (key: string, separator?: RegExp) => string[] | null;
  bool: (key: string) => boolean | null;
  num: (key: string) => number | null;
  int: (key: string) => number | null;
  rest: () => TExtraOptions;
};

export function readOptions(section: TSection, format: string): TOptionReader {
  const values = new Map<string, string | null>();
  for (const line of section.lines) if (line.kind === "option") values.set(line.key, line.value);
  const used = new Set<string>();
  const where = `${section.type}: ${section.id}`;
  const take = (key: string): string | null | undefined => {
    used.add(key);
    return values.get(key);
  };
  const str = (key: string): string | null => take(key) ?? null;
  const num = (key: string): number | null => {
    const raw = str(key);
    if (raw === null) return null;
    const n = Number(raw);
    if (!/^-?\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n)) {
      throw new ParseError(format, `${where}: ${key} is not a number: "${raw}"`);
    }
    return n;
  };
  return {
    str,
    num,
    int: (key) => {
      const n = num(key);
      if (n !== null && !Number.isInteger(n)) throw new ParseError(format, `${where}: ${key} is not an integer: ${n}`);
      return n;
    },
    list: (key, separator = /[,;\s]+/) => {
      const raw = str(key);
      return raw === null ? null : raw.split(separator).filter((x) => x !== "");
    },
    bool: (key) => {
      const raw = take(key);
      if (raw === undefined) return null;
      // A flag without value is how docs and older files write "on" (`sparse`, `krbd`).
      if (raw === null) return true;
      if (/^(1|yes|on|true)$/i.test(raw)) return true;
      if (/^(0|no|off|false)$/i.test(raw)) return false;
      throw new ParseError(format, `${where}: ${key} is not a boolean: "${raw}"`);
    },
    rest: () => {
      const extra: TExtraOptions = {};
      for (const [key, value] of values) if (!used.has(key)) extra[key] = value;
      return extra;
    },
  };
}

type TOptionValue = string | number | boolean | readonly string[] | null | undefined;

// Builds a section from typed values in the given order; null/undefined are left out, booleans
// are written 1/0 and lists comma-joined, as Proxmox writes them. Extras keep their flags.
export function buildSection(
  type: string,
  id: string,
  options: ReadonlyArray<readonly [string, TOptionValue]>,
  extra: TExtraOptions = {},
): TSection {
  const lines: TSectionLine[] = [];
  for (const [key, value] of options) {
    if (value === null || value === undefined) continue;
    if (typeof value === "object" && value.length === 0) continue;
    const text =
      typeof value === "boolean" ? (value ? "1" : "0") : typeof value === "object" ? value.join(",") : String(value);
    lines.push({ kind: "option", key, value: text });
  }
  for (const [key, value] of Object.entries(extra)) lines.push({ kind: "option", key, value });
  return { type, id, comments: [], lines };
}
