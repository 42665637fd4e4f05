import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZPveVersion, type TPveVersion } from "./model";

const FORMAT = "pveversion";
// pveversion: "pve-manager/8.2.4/faa83925c9641325 (running kernel: 6.8.8-2-pve)" (PVE 7: "7.4-3/9002ab8a").
const SHORT = /^pve-manager\/([^/\s]+)(?:\/([0-9a-f]+))?(?:\s+\(running kernel:\s*([^)\s]+)\))?\s*$/;
// pveversion -v: "name: version [(running kernel|version: ...)]" or "name: not correctly installed".
const PACKAGE_LINE = /^([a-z0-9][a-z0-9.+-]*):\s+(.+)$/;
const RUNNING = /\(running (kernel|version):\s*([^)\s]+)\)\s*$/;
const VERSION = /^(\d+)(?:\.(\d+))?/;

function versionParts(version: string, line: number): { major: number; minor: number | null } {
  const m = VERSION.exec(version);
  if (!m?.[1]) throw new ParseError(FORMAT, `pve-manager version "${version}" does not start with a number`, line);
  return { major: Number(m[1]), minor: m[2] === undefined ? null : Number(m[2]) };
}

// Reads both `pveversion` and `pveversion -v`.
export function parsePveversion(text: string): TPveVersion {
  const lines = inputLines(text)
    .map((l, i) => ({ text: l.trim(), line: i + 1 }))
    .filter((l) => l.text !== "");
  if (lines.length === 0) throw new ParseError(FORMAT, "empty output");

  const short = lines.find((l) => l.text.startsWith("pve-manager/"));
  if (short) {
    const m = SHORT.exec(short.text);
    if (!m?.[1]) throw new ParseError(FORMAT, `cannot read "${short.text.slice(0, 80)}"`, short.line);
    return validated(
      ZPveVersion,
      { managerVersion: m[1], ...versionParts(m[1], short.line), build: m[2] ?? null, runningKernel: m[3] ?? null, packages: {} },
      FORMAT,
    );
  }

  const packages: Record<string, string | null> = {};
  let runningKernel: string | null = null;
  let build: string | null = null;
  for (const l of lines) {
    const m = PACKAGE_LINE.exec(l.text);
    if (!m?.[1] || m[2] === undefined) throw new ParseError(FORMAT, `not a "package: version" line: "${l.text.slice(0, 80)}"`, l.line);
    const running = RUNNING.exec(m[2]);
    const value = (running ? m[2].slice(0, running.index) : m[2]).trim();
    packages[m[1]] = value === "not correctly installed" || value === "" ? null : value;
    if (running?.[1] === "kernel" && running[2]) runningKernel = running[2];
    if (running?.[1] === "version" && running[2] && m[1] === "pve-manager") build = running[2].split("/")[1] ?? null;
  }
  const manager = packages["pve-manager"];
  const managerLine = lines.find((l) => l.text.startsWith("pve-manager:"))?.line ?? null;
  if (!manager) throw new ParseError(FORMAT, "no pve-manager version in the output", managerLine);
  return validated(
    ZPveVersion,
    { managerVersion: manager, ...versionParts(manager, managerLine ?? 0), build, runningKernel, packages },
    FORMAT,
  );
}
