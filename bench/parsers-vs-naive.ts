// Issue 14: the project's parsers against a deliberately naive regex/split parser of the same
// input (bench/naive/*.ts, the baseline), for crm_mon XML, /proc/drbd and corosync-quorumtool.
// Correctness first: on every real capture we have (../shared/corpus, the lab captures, the
// agents' fixtures), on variants of them found in the wild (CRLF endings, a shell prompt line
// in front, a cut-off copy) and on garbage, count the contract fields the naive parser gets
// wrong, taking the project parser's output as the reference (its own unit tests pin it to
// hand-read values). Speed second: throughput ratio on the issue-6 sizes.
//   npx tsx bench/parsers-vs-naive.ts
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ParseError } from "../agents/common/parse-error";
import { parseCorosyncQuorum } from "../agents/corosync/parse-quorumtool";
import { parseProcDrbd } from "../agents/drbd/parse-proc-drbd";
import { parseCrmMonXml } from "../agents/pacemaker/parse-crm-mon-xml";
import { crmMonXml, procDrbd } from "./generators";
import { naiveCrmMonXml } from "./naive/crm-mon-xml";
import { naiveProcDrbd } from "./naive/proc-drbd";
import { naiveQuorumtool } from "./naive/quorumtool";
import { ms, timeRuns } from "./stats";
import { printSummary, stamp, type TSummaryRow } from "./summary";

const ROOT = path.resolve(import.meta.dirname, "..");
const CORPUS = path.resolve(ROOT, "../shared/corpus");
if (!existsSync(CORPUS)) throw new Error(`${CORPUS} is missing: this benchmark reads the shared corpus (../shared/corpus beside the project)`);

const filesIn = (dir: string, keep: (name: string) => boolean) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter(keep)
        .sort()
        .map((f) => ({ name: path.relative(ROOT, path.join(dir, f)), text: readFileSync(path.join(dir, f), "utf8") }))
    : [];

type TInput = { name: string; text: string };
type TFormat = {
  name: string;
  inputs: TInput[];
  // The contract fields both parsers produce, from each parser's result.
  real: (text: string) => unknown;
  naive: (text: string) => unknown;
  big: { label: string; text: string; runs: number };
};

const formats: TFormat[] = [
  {
    name: "crm_mon XML",
    inputs: [
      ...filesIn(path.join(CORPUS, "pacemaker-xml"), (f) => f.endsWith(".xml")),
      ...filesIn(path.join(CORPUS, "lab-captures"), (f) => f.endsWith("crm_mon.xml")),
      ...filesIn(path.join(ROOT, "agents/pacemaker/__fixtures__"), (f) => f.startsWith("crm_mon") && f.endsWith(".xml")),
    ],
    real: (t) => {
      const s = parseCrmMonXml(t);
      return {
        quorate: s.quorate,
        dc: s.dc,
        nodes: s.nodes.map((n) => ({ name: n.name, online: n.online, standby: n.standby, maintenance: n.maintenance, unclean: n.unclean })),
        resources: s.resources.map((r) => ({ id: r.id, agent: r.agent, role: r.role, nodes: r.nodes, failed: r.failed, managed: r.managed })),
        failures: s.failures.map((f) => ({ resource: f.resource, node: f.node, operation: f.operation })),
      };
    },
    naive: naiveCrmMonXml,
    big: { label: "1,000 resources on 3 nodes", text: crmMonXml(1000), runs: 30 },
  },
  {
    name: "/proc/drbd",
    inputs: [
      ...filesIn(path.join(CORPUS, "drbd-proc"), (f) => f.endsWith(".txt")),
      ...filesIn(path.join(ROOT, "agents/drbd/__fixtures__"), (f) => f.startsWith("proc-drbd")),
    ],
    real: (t) => {
      const s = parseProcDrbd(t);
      return {
        version: s.version,
        resources: s.resources.map((r) => ({
          minor: r.volumes[0]?.minor ?? null,
          state: r.connections[0]?.state ?? null,
          role: r.role,
          peerRole: r.connections[0]?.peerRole ?? null,
          disk: r.volumes[0]?.disk ?? null,
          peerDisk: r.connections[0]?.volumes[0]?.peerDisk ?? null,
          syncPercent: r.connections[0]?.volumes[0]?.syncPercent ?? null,
        })),
      };
    },
    naive: naiveProcDrbd,
    big: { label: "100 minors", text: procDrbd(100), runs: 300 },
  },
  {
    name: "corosync-quorumtool",
    inputs: [
      ...filesIn(path.join(CORPUS, "corosync"), (f) => f.startsWith("corosync-quorumtool")),
      ...filesIn(path.join(CORPUS, "lab-captures"), (f) => f.endsWith("quorumtool.txt")),
      ...filesIn(path.join(ROOT, "agents/corosync/__fixtures__"), (f) => f.includes("quorumtool")),
    ],
    real: (t) => {
      const s = parseCorosyncQuorum(t);
      return {
        quorate: s.quorate,
        expectedVotes: s.expectedVotes,
        totalVotes: s.totalVotes,
        quorum: s.quorum,
        flags: s.flags,
        nodes: s.nodes.map((n) => ({ nodeid: n.nodeid, votes: n.votes, name: n.name, local: n.local })),
      };
    },
    naive: naiveQuorumtool,
    big: { label: "3-node lab capture", text: readFileSync(path.join(CORPUS, "lab-captures/3node-corosync-quorumtool.txt"), "utf8"), runs: 3000 },
  },
];

// Variants of a capture as they reach the panel or a support ticket.
const variants = (i: TInput): TInput[] => [
  i,
  { name: `${i.name} (CRLF)`, text: i.text.replace(/\r?\n/g, "\r\n") },
  { name: `${i.name} (prompt line)`, text: `root@node1:~# some-command\n${i.text}` },
];
const cutOff = (i: TInput): TInput => ({ name: `${i.name} (cut off)`, text: i.text.slice(0, Math.floor(i.text.length * 0.6)) });
const GARBAGE: TInput[] = [
  { name: "empty", text: "" },
  { name: "an error message", text: "Could not connect to the CIB: Transport endpoint is not connected\n" },
  { name: "an HTML error page", text: "<html><body><h1>502 Bad Gateway</h1></body></html>\n" },
  { name: "a shell prompt only", text: "root@node1:~# \n" },
];

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0 && typeof value[0] === "object") value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  else if (value && typeof value === "object" && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, Array.isArray(value) ? JSON.stringify(value) : value);
  return out;
}

type TOutcome = { ok: true; value: unknown } | { ok: false; parseError: boolean; message: string };
function attempt(fn: (t: string) => unknown, text: string): TOutcome {
  try {
    return { ok: true, value: fn(text) };
  } catch (err) {
    return { ok: false, parseError: err instanceof ParseError, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

type TScore = {
  format: string;
  inputs: number;
  read: number;
  fields: number;
  misread: number;
  inputsWrong: number;
  naiveCrashes: number;
  refused: number;
  naiveAcceptedRefused: number;
  realCrashes: string[];
  examples: string[];
  // Misread fields by name (indices dropped), to see what kind of thing the naive one misses.
  byField: Map<string, number>;
  realMs: number;
  naiveMs: number;
  bigLabel: string;
};

function score(f: TFormat): TScore {
  const s: TScore = { format: f.name, inputs: 0, read: 0, fields: 0, misread: 0, inputsWrong: 0, naiveCrashes: 0, refused: 0, naiveAcceptedRefused: 0, realCrashes: [], examples: [], byField: new Map(), realMs: 0, naiveMs: 0, bigLabel: f.big.label };
  const all = [...f.inputs.flatMap(variants), ...f.inputs.map(cutOff), ...GARBAGE];
  // One example per capture, not the same miss three times over its variants.
  const shown = new Set<string>();
  const example = (input: TInput, text: string) => {
    const base = input.name.replace(/ \(.*\)$/, "");
    if (shown.has(base) || s.examples.length >= 8) return;
    shown.add(base);
    s.examples.push(`${input.name}: ${text}`);
  };
  for (const input of all) {
    s.inputs++;
    const real = attempt(f.real, input.text);
    const naive = attempt(f.naive, input.text);
    if (!real.ok && !real.parseError) s.realCrashes.push(`${input.name}: ${real.message}`);
    if (!real.ok) {
      s.refused++;
      if (naive.ok) s.naiveAcceptedRefused++;
      continue;
    }
    s.read++;
    const want = flatten(real.value, "", new Map());
    s.fields += want.size;
    if (!naive.ok) {
      s.naiveCrashes++;
      s.misread += want.size;
      s.inputsWrong++;
      example(input, `naive parser threw ${naive.message}`);
      continue;
    }
    const got = flatten(naive.value, "", new Map());
    let wrong = 0;
    const miss = (k: string) => {
      wrong++;
      const field = k.replace(/\[\d+\]/g, "[]");
      s.byField.set(field, (s.byField.get(field) ?? 0) + 1);
    };
    for (const [k, v] of want) {
      if (got.get(k) !== v) {
        miss(k);
        if (wrong === 1) example(input, `${k} is ${JSON.stringify(got.get(k))}, should be ${JSON.stringify(v)}`);
      }
    }
    // Entries the naive parser invents (an extra node or resource) are misreads as well.
    for (const k of got.keys()) if (!want.has(k)) miss(k);
    s.misread += wrong;
    if (wrong > 0) s.inputsWrong++;
  }
  const real = timeRuns(() => void f.real(f.big.text), f.big.runs, 5);
  const naive = timeRuns(() => void f.naive(f.big.text), f.big.runs, 5);
  s.realMs = real.p50;
  s.naiveMs = naive.p50;
  return s;
}

const scores = formats.map(score);
console.log(`\nproject parsers vs a naive regex/split baseline (bench/naive/); ${stamp()}`);
console.log("| format | inputs (captures × 3 variants + cut-off + garbage) | read by the parser | naive: inputs with a wrong field | naive: misread fields | naive: threw | refused as unreadable | naive read them anyway | p50 parser / naive | throughput naive ÷ parser |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const s of scores) {
  console.log(
    `| ${s.format} | ${s.inputs} | ${s.read} | ${s.inputsWrong} of ${s.read} | ${s.misread} of ${s.fields} (${((100 * s.misread) / Math.max(1, s.fields)).toFixed(1)} %) | ${s.naiveCrashes} | ${s.refused} | ${s.naiveAcceptedRefused} | ${ms(s.realMs)} / ${ms(s.naiveMs)} (${s.bigLabel}) | ${(s.realMs / s.naiveMs).toFixed(1)}× |`,
  );
}
for (const s of scores) {
  const fields = [...s.byField].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`);
  console.log(`\n${s.format}, what the naive parser gets wrong (first miss per capture):\n  ${s.examples.join("\n  ") || "nothing"}\n  misread fields by name: ${fields.join(", ") || "none"}`);
}
const crashes = scores.flatMap((s) => s.realCrashes);
if (crashes.length > 0) {
  console.log(`\nTHE PROJECT PARSER THREW SOMETHING OTHER THAN ParseError:\n  ${crashes.join("\n  ")}`);
  process.exitCode = 1;
}
const rows: TSummaryRow[] = scores.flatMap((s) => [
  {
    bench: "parsers-vs-naive",
    figure: `${s.format}: naive baseline misreads`,
    value: `${s.misread} of ${s.fields} fields on ${s.inputsWrong} of ${s.read} inputs; reads ${s.naiveAcceptedRefused} of ${s.refused} unreadable inputs as data`,
    target: "",
    met: null,
  },
  { bench: "parsers-vs-naive", figure: `${s.format} (${s.bigLabel}): parser p50 / naive p50`, value: `${ms(s.realMs)} / ${ms(s.naiveMs)} = ${(s.realMs / s.naiveMs).toFixed(1)}× slower`, target: "", met: null },
]);
printSummary(rows);
