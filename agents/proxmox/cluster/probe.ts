import { ParseError } from "@/agents/common/parse-error";
import { parseCorosyncConf } from "@/agents/corosync/parse-conf";
import { countGuestList } from "@/agents/host/parse-guest-list";
import { measureLatency } from "@/agents/host/probe";
import type { TLatencyMeasurement } from "@/agents/host/precheck";
import { PACKAGE_INSTALLED_SCRIPT } from "@/agents/qdevice/probe";
import { shScript } from "@/lib/ssh/argv";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import { readFileIfExists } from "@/lib/ssh/write-file";
import { PVE_FILES } from "../checks";
import { parsePveClusterStatusJson } from "../parse-pve-cluster-status";
import { ZPveNodeObserved, type TPveClusterDesired, type TPveNodeObserved } from "./model";

// Read-only facts of one Proxmox node for the cluster and QDevice planners. A fact that cannot
// be read lands in `errors` and stays null, so one odd node does not hide the others.

// /etc/pve/local links to the node's own directory under pmxcfs; the nodes/<hostname> path
// serves where that link is missing.
export const FINGERPRINT_SCRIPT =
  'f=/etc/pve/local/pve-ssl.pem; [ -f "$f" ] || f="/etc/pve/nodes/$(hostname)/pve-ssl.pem"; exec openssl x509 -in "$f" -noout -fingerprint -sha256';

export const PVE_CLUSTER_PROBE_COMMANDS = {
  hostname: ["hostname"],
  clusterStatus: ["pvesh", "get", "/cluster/status", "--output-format", "json"],
  fingerprint: shScript(FINGERPRINT_SCRIPT),
  vms: ["qm", "list"],
  containers: ["pct", "list"],
  qdevicePackage: shScript(PACKAGE_INSTALLED_SCRIPT, ["corosync-qdevice"]),
} as const;

// `sha256 Fingerprint=AB:CD:…` (OpenSSL 3) or `SHA256 Fingerprint=…` (1.1).
export function parseOpensslFingerprint(text: string): string {
  const m = /Fingerprint=((?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2})\s*$/m.exec(text);
  if (!m?.[1]) throw new ParseError("openssl-fingerprint", "no SHA256 fingerprint in the output");
  return m[1].toUpperCase();
}

const firstLine = (r: TRunResult) => (r.stderr.trim() || r.stdout.trim()).split("\n")[0]?.slice(0, 200) ?? "";

export async function probePveNode(runner: Runner): Promise<TPveNodeObserved> {
  const C = PVE_CLUSTER_PROBE_COMMANDS;
  const errors: string[] = [];
  const run = (argv: readonly string[]) => runner.run([...argv], { okCodes: "any", timeoutMs: 30_000 });
  const attempt = <T>(what: string, fn: () => T): T | null => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      errors.push(`${what}: ${err.oneLine()}`);
      return null;
    }
  };

  const hostname = await run(C.hostname);
  const confText = await readFileIfExists(runner, PVE_FILES.corosync);
  const conf = confText === null ? null : attempt("corosync.conf", () => parseCorosyncConf(confText));
  const status = await run(C.clusterStatus);
  const cluster = status.code === 0 ? attempt("cluster status", () => parsePveClusterStatusJson(status.stdout)) : null;
  if (status.code !== 0) errors.push(`pvesh get /cluster/status exited ${status.code}: ${firstLine(status)}`);
  const fp = await run(C.fingerprint);
  const fingerprint = fp.code === 0 ? attempt("certificate fingerprint", () => parseOpensslFingerprint(fp.stdout)) : null;
  if (fp.code !== 0) errors.push(`node certificate unreadable: ${firstLine(fp)}`);
  const count = async (argv: readonly string[], format: "qm-list" | "pct-list") => {
    const r = await run(argv);
    if (r.code !== 0) {
      errors.push(`${argv.join(" ")} exited ${r.code}: ${firstLine(r)}`);
      return null;
    }
    return attempt(argv.join(" "), () => countGuestList(r.stdout, format));
  };
  const vms = await count(C.vms, "qm-list");
  const containers = await count(C.containers, "pct-list");
  const qdevicePackage = (await run(C.qdevicePackage)).code === 0;

  return ZPveNodeObserved.parse({
    hostname: hostname.code === 0 ? hostname.stdout.trim() || null : null,
    corosyncConfText: confText,
    clusterName: conf?.clusterName ?? null,
    members: (conf?.nodes ?? []).flatMap((n) => (n.name ? [{ name: n.name, nodeid: n.nodeid, addrs: n.addrs }] : [])),
    qdeviceHost: conf?.quorum.device?.host ?? null,
    // A standalone node answers with itself only; online means "in the membership".
    online: cluster?.cluster ? cluster.nodes.filter((n) => n.online === true).map((n) => n.name) : null,
    quorate: cluster?.cluster?.quorate ?? null,
    fingerprint,
    vms,
    containers,
    qdevicePackage,
    errors,
  });
}

// Round trips between every pair of nodes over link0, measured from the first of the pair,
// for precheckHosts' latency check (warned above 5 ms, refused above 7 ms).
export async function measurePveLatencies(desired: TPveClusterDesired, runnerFor: (host: string) => Runner): Promise<TLatencyMeasurement[]> {
  const out: TLatencyMeasurement[] = [];
  for (const [i, from] of desired.nodes.entries()) {
    for (const to of desired.nodes.slice(i + 1)) {
      out.push({ from: from.name, to: to.name, stats: await measureLatency(runnerFor(from.name), to.link0) });
    }
  }
  return out;
}
