import { readFileSync } from "node:fs";
import { SshPool } from "@/lib/ssh/pool";
import type { Runner } from "@/lib/ssh/runner";
import { createSshRunner } from "@/lib/ssh/ssh-runner";
import type { TSshTargetInput } from "@/lib/ssh/target";
import type { TLabStatus } from "./lab-env";

// A lab host as the panel's SSH target: the lab key, and the host's ed25519 key pinned from
// `lab status --json`, exactly as a confirmed Host row would be.
export function labTarget(status: TLabStatus, host: string): TSshTargetInput {
  const node = status.nodes.find((n) => n.name === host);
  if (!node) throw new Error(`${host} is not in the lab (${status.nodes.map((n) => n.name).join(", ")})`);
  return {
    hostId: node.name,
    address: node.address,
    port: node.sshPort,
    username: "root",
    hostKey: { algorithm: "ssh-ed25519", fingerprint: node.hostKeyFingerprints.ed25519 },
    auth: { kind: "key", privateKey: readFileSync(status.keyPath, "utf8") },
  };
}

// The panel's own Runner pointed at a lab host.
export function labRunner(pool: SshPool, status: TLabStatus, host: string): Runner {
  return createSshRunner(pool, labTarget(status, host));
}

export { SshPool };
