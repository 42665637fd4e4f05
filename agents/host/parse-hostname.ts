import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZHostname, ZHostsEntry, ZNameResolution, type THostname, type THostsEntry, type TNameResolution } from "./model";

const NAME = /^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

function singleName(text: string, format: string): string {
  const words = inputLines(text)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const name = words[0];
  if (name === undefined) throw new ParseError(format, "empty output");
  if (words.length > 1 || !NAME.test(name)) throw new ParseError(format, `not a host name: "${words.join(" ").slice(0, 80)}"`, 1);
  return name;
}

// `hostname` and, when it succeeded, `hostname --fqdn`.
export function parseHostname(hostnameOutput: string, fqdnOutput: string | null): THostname {
  const name = singleName(hostnameOutput, "hostname");
  const fqdn = fqdnOutput === null ? null : singleName(fqdnOutput, "hostname-fqdn");
  return validated(ZHostname, { name, short: name.split(".")[0] ?? name, fqdn }, "hostname");
}

// `getent hosts NAME`: "ADDRESS  CANONICAL [ALIASES...]" per line, nothing (exit 2) when unknown.
export function parseGetentHosts(text: string): THostsEntry[] {
  return inputLines(text).flatMap((raw, i) => {
    const line = raw.trim();
    if (line === "") return [];
    const [address = "", ...names] = line.split(/\s+/);
    if (!/^[0-9a-fA-F.:]+(%\S+)?$/.test(address) || names.length === 0) {
      throw new ParseError("getent-hosts", `not a hosts line: "${line.slice(0, 80)}"`, i + 1);
    }
    return [validated(ZHostsEntry, { address, names }, "getent-hosts")];
  });
}

export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase();
  return /^127\./.test(a) || /^::ffff:127\./.test(a) || a === "::1" || /^0{1,4}(:0{1,4}){6}:0{0,3}1$/.test(a);
}

export function nameResolution(name: string, entries: readonly THostsEntry[]): TNameResolution {
  const addresses = [...new Set(entries.map((e) => e.address))];
  return validated(ZNameResolution, { name, addresses, loopback: addresses.some(isLoopbackAddress) }, "getent-hosts");
}
