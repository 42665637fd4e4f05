import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZPackage, type TPackage } from "./model";

const FORMAT = "dpkg-query";
// ${db:Status-Abbrev}: desired action (u i h r p), package status (n c H U F W t i), error flag.
const ABBREV = /^[uihrp][ncHUFWti][ R]?$/;
// Installed, triggers-awaited and triggers-pending all mean the files are there and configured.
const INSTALLED_STATES = new Set(["i", "W", "t"]);

export const DPKG_QUERY_FORMAT = "${Package}\\t${Version}\\t${db:Status-Abbrev}\\n";

// Output of `dpkg-query -W -f='${Package}\t${Version}\t${db:Status-Abbrev}\n' PKG...`, one
// entry per requested package in the order asked. dpkg-query leaves out packages it has never
// heard of (and exits 1); those read as not installed.
export function parseDpkgQuery(text: string, requested: readonly string[]): TPackage[] {
  const seen = new Map<string, TPackage>();
  inputLines(text).forEach((raw, i) => {
    if (raw.trim() === "") return;
    const fields = raw.split("\t");
    const [name = "", version = "", abbrev = ""] = fields.map((f) => f.trimStart());
    const status = abbrev.trimEnd();
    if (fields.length !== 3 || !/^[a-z0-9][a-z0-9.+-]*(:[a-z0-9-]+)?$/.test(name) || !ABBREV.test(status)) {
      throw new ParseError(FORMAT, `not a "package<TAB>version<TAB>status" line: "${raw.slice(0, 80)}"`, i + 1);
    }
    const entry: TPackage = {
      name: name.split(":")[0] ?? name,
      installed: INSTALLED_STATES.has(status[1] ?? ""),
      version: version.trim() || null,
      status,
    };
    // Multi-arch packages print one line per architecture: the installed one wins.
    const previous = seen.get(entry.name);
    if (!previous || (!previous.installed && entry.installed)) seen.set(entry.name, entry);
  });
  return requested.map((name) =>
    validated(ZPackage, seen.get(name) ?? { name, installed: false, version: null, status: null }, FORMAT),
  );
}
