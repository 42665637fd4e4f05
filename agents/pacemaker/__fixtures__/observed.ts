import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCib } from "../cib-xml";
import { parseCrmMonXml } from "../parse-crm-mon-xml";
import type { TPacemakerObserved } from "../probe";

export const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, name), "utf8");

export const LAB_AGENTS = ["ocf:heartbeat:IPaddr2", "ocf:heartbeat:Dummy", "ocf:heartbeat:Filesystem", "ocf:linbit:drbd", "ocf:pacemaker:Dummy", "stonith:fence_dummy", "stonith:fence_ipmilan"];

// What probePacemaker returns for a healthy 3-node lab with the given CIB.
export function observedWith(cibFixture: string, overrides: Partial<TPacemakerObserved> = {}): TPacemakerObserved {
  return {
    cib: parseCib(fixture(cibFixture)),
    cibError: null,
    status: parseCrmMonXml(fixture("3node-with-resources-crm_mon.xml")),
    statusError: null,
    quorum: null,
    quorumError: null,
    links: null,
    linksError: null,
    agents: LAB_AGENTS,
    ...overrides,
  };
}
