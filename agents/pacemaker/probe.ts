import { z } from "zod";
import { ParseError } from "@/agents/common/parse-error";
import { ZCorosyncLinks, ZCorosyncQuorum } from "@/agents/corosync/model";
import { parseCorosyncLinks } from "@/agents/corosync/parse-cfgtool";
import { parseCorosyncQuorum } from "@/agents/corosync/parse-quorumtool";
import type { Runner, TRunResult } from "@/lib/ssh/runner";
import { parseCib, ZCibObserved } from "./cib-xml";
import { ZPacemakerStatus } from "./model";
import { parseCrmMonXml } from "./parse-crm-mon-xml";

// What one node sees of its Pacemaker cluster, read-only: the CIB configuration, crm_mon's
// status (membership, DC, resources, failed actions, standby and maintenance flags), corosync
// quorum with QDevice votes, this node's corosync links, and the installed agents. Facts that
// cannot be read are data (…Error), so one odd answer does not hide the rest.

export const PCMK_PROBE_COMMANDS = {
  cib: ["cibadmin", "--query"],
  status: ["crm_mon", "--one-shot", "--inactive", "--output-as=xml"],
  quorum: ["corosync-quorumtool", "-s"],
  links: ["corosync-cfgtool", "-s"],
  providers: ["crm_resource", "--list-ocf-providers"],
  stonithAgents: ["crm_resource", "--list-agents", "stonith"],
} as const;

export const ocfAgentsCommand = (provider: string) => ["crm_resource", "--list-agents", `ocf:${provider}`];

const PROVIDER = /^[A-Za-z0-9_.-]+$/;
const AGENT = /^[A-Za-z0-9_.+-]+$/;

export const ZPacemakerObserved = z.object({
  cib: ZCibObserved.nullable(),
  cibError: z.string().nullable(),
  status: ZPacemakerStatus.nullable(),
  statusError: z.string().nullable(),
  quorum: ZCorosyncQuorum.nullable(),
  quorumError: z.string().nullable(),
  links: ZCorosyncLinks.nullable(),
  linksError: z.string().nullable(),
  // "ocf:heartbeat:IPaddr2", "stonith:fence_ipmilan"; null when they could not be listed.
  agents: z.array(z.string()).nullable(),
});
export type TPacemakerObserved = z.infer<typeof ZPacemakerObserved>;

const run = (runner: Runner, argv: readonly string[]) => runner.run([...argv], { okCodes: "any" });

function failure(r: TRunResult): string {
  return (r.stderr || r.stdout).trim().split("\n")[0] || `exit code ${r.code}`;
}

function read<T>(r: TRunResult, okCodes: number[], parse: (text: string) => T): { value: T | null; error: string | null } {
  if (!okCodes.includes(r.code)) return { value: null, error: failure(r) };
  try {
    return { value: parse(r.stdout), error: null };
  } catch (err) {
    if (err instanceof ParseError) return { value: null, error: err.oneLine() };
    throw err;
  }
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

async function listAgents(runner: Runner): Promise<string[] | null> {
  const providers = await run(runner, PCMK_PROBE_COMMANDS.providers);
  if (providers.code !== 0) return null;
  const out: string[] = [];
  for (const provider of lines(providers.stdout).filter((p) => PROVIDER.test(p))) {
    const r = await run(runner, ocfAgentsCommand(provider));
    if (r.code === 0) out.push(...lines(r.stdout).filter((a) => AGENT.test(a)).map((a) => `ocf:${provider}:${a}`));
  }
  const stonith = await run(runner, PCMK_PROBE_COMMANDS.stonithAgents);
  if (stonith.code === 0) out.push(...lines(stonith.stdout).filter((a) => AGENT.test(a)).map((a) => `stonith:${a}`));
  return out;
}

export async function probePacemaker(runner: Runner): Promise<TPacemakerObserved> {
  const P = PCMK_PROBE_COMMANDS;
  // In sequence: the panel's pool caps channels per host.
  const cib = read(await run(runner, P.cib), [0], parseCib);
  // crm_mon exits non-zero with a partial result (e.g. no quorum); its parser keeps both.
  const status = read(await run(runner, P.status), [0, 1, 102, 103, 104, 105], parseCrmMonXml);
  // corosync-quorumtool -s: 0 quorate, 2 not quorate.
  const quorum = read(await run(runner, P.quorum), [0, 2], parseCorosyncQuorum);
  const links = read(await run(runner, P.links), [0], parseCorosyncLinks);
  return ZPacemakerObserved.parse({
    cib: cib.value,
    cibError: cib.error,
    status: status.value,
    statusError: status.error,
    quorum: quorum.value,
    quorumError: quorum.error,
    links: links.value,
    linksError: links.error,
    agents: await listAgents(runner),
  });
}

export type TPacemakerHostProbe = { host: string; observed: TPacemakerObserved | null; error: string | null };

// Every node, so links are seen from each side; a node that cannot be reached is reported,
// not thrown.
export async function probePacemakerCluster(runners: Readonly<Record<string, Runner>>): Promise<TPacemakerHostProbe[]> {
  return Promise.all(
    Object.entries(runners).map(async ([host, runner]) => {
      try {
        return { host, observed: await probePacemaker(runner), error: null };
      } catch (err) {
        return { host, observed: null, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}
