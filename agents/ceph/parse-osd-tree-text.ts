import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import type { TCephOsd, TCephOsdTree } from "./model";
import { groupOsdsByHost, type CrushNode } from "./osd-tree-grouping";

const FORMAT = "ceph-osd-tree-text";
const OSD_NAME = /^osd\.\d+$/;

// `ceph osd tree` text, Hammer (ID WEIGHT TYPE NAME UP/DOWN REWEIGHT PRIMARY-AFFINITY) to Squid
// (ID CLASS WEIGHT TYPE NAME STATUS REWEIGHT PRI-AFF). The text has no child lists: nesting is the
// indentation of the TYPE NAME column, so a row's parent is the nearest bucket above it that
// starts further left. Stray OSDs are printed unindented after the tree.
export function parseCephOsdTreeText(input: string): TCephOsdTree {
  const lines = inputLines(input);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) throw new ParseError(FORMAT, "empty input");
  const header = (lines[first] ?? "").trim();
  if (!/^ID\s/.test(header) || !/\bNAME\b/.test(header)) {
    throw new ParseError(FORMAT, "expected the ID ... TYPE NAME header of `ceph osd tree`", first + 1);
  }
  const nodes: CrushNode[] = [];
  const stack: Array<{ offset: number; id: number }> = [];
  lines.slice(first + 1).forEach((line, i) => {
    if (line.trim() === "") return;
    const lineNo = first + 2 + i;
    const tokens = [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], at: m.index }));
    const id = Number(tokens[0]?.text);
    if (!Number.isInteger(id)) throw new ParseError(FORMAT, `expected a numeric ID, found "${tokens[0]?.text}"`, lineNo);
    const nameAt = id < 0 ? tokens.length - 2 : tokens.findIndex((t) => OSD_NAME.test(t.text));
    const anchor = tokens[nameAt];
    if (nameAt < 1 || !anchor) throw new ParseError(FORMAT, "row has no TYPE NAME (or osd.N) column", lineNo);
    while (stack.length > 0 && (stack[stack.length - 1]?.offset ?? 0) >= anchor.at) stack.pop();
    const parent = stack[stack.length - 1]?.id ?? null;
    if (id < 0) {
      nodes.push({ id, name: tokens[nameAt + 1]?.text ?? "", type: anchor.text, parent, osd: null });
      stack.push({ offset: anchor.at, id });
      return;
    }
    nodes.push({ id, name: anchor.text, type: "osd", parent, osd: osdRow(id, tokens.map((t) => t.text), nameAt, lineNo) });
  });
  return groupOsdsByHost(FORMAT, nodes, []);
}

// Before the name: ID [CLASS] WEIGHT; after it: STATUS REWEIGHT PRI-AFF. "DNE" (does not exist)
// is what the JSON reports as status "down" with exists 0.
function osdRow(id: number, tokens: string[], nameAt: number, lineNo: number): TCephOsd {
  const weight = Number(tokens[nameAt - 1]);
  if (!Number.isFinite(weight)) throw new ParseError(FORMAT, `bad WEIGHT "${tokens[nameAt - 1]}"`, lineNo);
  const rawStatus = tokens[nameAt + 1] ?? null;
  const reweight = Number(tokens[nameAt + 2]);
  const dne = rawStatus === "DNE";
  return {
    id,
    name: tokens[nameAt] ?? `osd.${id}`,
    status: dne || rawStatus === null ? "down" : rawStatus.toLowerCase(),
    class: nameAt === 3 ? (tokens[1] ?? null) : null,
    weight,
    reweight: tokens[nameAt + 2] !== undefined && Number.isFinite(reweight) ? reweight : null,
    exists: rawStatus === null ? null : !dne,
  };
}
