import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZCephVersion, ZDrbdPresence, type TCephVersion, type TDrbdPresence } from "./model";

const nonEmpty = (text: string) =>
  inputLines(text)
    .map((l) => l.trim())
    .filter((l) => l !== "");

// `drbdadm --version`: shell-style KEY=VALUE lines. Without the kernel module loaded it prints
// DRBD_KERNEL_VERSION_CODE=0x000000 (and DRBD_KERNEL_VERSION=0 in drbd-utils 9).
export function parseDrbdadmVersion(text: string, moduleLoaded: boolean | null): TDrbdPresence {
  const format = "drbdadm-version";
  const values = new Map<string, string>();
  for (const line of nonEmpty(text)) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m?.[1] && m[2] !== undefined) values.set(m[1], m[2]);
  }
  const utils = values.get("DRBDADM_VERSION");
  if (!utils) throw new ParseError(format, "no DRBDADM_VERSION line");
  const kernel = values.get("DRBD_KERNEL_VERSION");
  const kernelCode = values.get("DRBD_KERNEL_VERSION_CODE");
  const kernelVersion = kernel && kernel !== "0" && !/^0x0+$/.test(kernelCode ?? "") ? kernel : null;
  return validated(ZDrbdPresence, { moduleLoaded, utilsVersion: utils, kernelVersion }, format);
}

// `ceph --version`: "ceph version 18.2.4 (e7ad5345...) reef (stable)"; jewel and older print no release name.
export function parseCephVersion(text: string): TCephVersion {
  const line = nonEmpty(text).find((l) => l.startsWith("ceph version "));
  const m = line ? /^ceph version (\S+)(?: \([0-9a-f]+\))?(?: ([a-z]+) \([a-z ]+\))?/.exec(line) : null;
  if (!m?.[1]) throw new ParseError("ceph-version", `no "ceph version X" line in "${text.trim().slice(0, 80)}"`);
  return validated(ZCephVersion, { version: m[1], release: m[2] ?? null }, "ceph-version");
}

// `linstor --version`: "linstor 1.22.0; GIT-hash: 1ac9d3c...".
export function parseLinstorVersion(text: string): string {
  const line = nonEmpty(text).find((l) => /^linstor\s/.test(l));
  const m = line ? /^linstor\s+v?(\d[0-9A-Za-z.+~-]*)/.exec(line) : null;
  if (!m?.[1]) throw new ParseError("linstor-version", `no "linstor X.Y.Z" line in "${text.trim().slice(0, 80)}"`);
  return m[1];
}
