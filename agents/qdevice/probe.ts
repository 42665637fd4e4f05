import { z } from "zod";
import { shScript } from "@/lib/ssh/argv";
import type { Runner } from "@/lib/ssh/runner";

// What a host has of QDevice/QNetd: packages, services and certificate databases. The same
// probe serves the witness (qnetd side) and the cluster nodes (qdevice side).

export const QNETD_DB = "/etc/corosync/qnetd/nssdb";
export const NODE_DB = "/etc/corosync/qdevice/net/nssdb";
// corosync-qdevice-net-certutil -M writes it on the first node and -Q copies it to the others:
// its presence means the node holds the cluster's client certificate.
export const NODE_P12 = `${NODE_DB}/qdevice-net-node.p12`;

export const PACKAGE_INSTALLED_SCRIPT = `[ "$(dpkg-query -W -f='\${Status}' "$1" 2>/dev/null)" = "install ok installed" ]`;

export const QDEVICE_PROBE_COMMANDS = {
  qnetdInstalled: shScript(PACKAGE_INSTALLED_SCRIPT, ["corosync-qnetd"]),
  qdeviceInstalled: shScript(PACKAGE_INSTALLED_SCRIPT, ["corosync-qdevice"]),
  qnetdActive: ["systemctl", "is-active", "corosync-qnetd"],
  qnetdEnabled: ["systemctl", "is-enabled", "corosync-qnetd"],
  qdeviceActive: ["systemctl", "is-active", "corosync-qdevice"],
  qdeviceEnabled: ["systemctl", "is-enabled", "corosync-qdevice"],
  qnetdDb: ["test", "-e", `${QNETD_DB}/cert9.db`],
  nodeDb: ["test", "-d", NODE_DB],
  nodeCert: ["test", "-f", NODE_P12],
} as const;

export const ZQdeviceObserved = z.object({
  qnetdInstalled: z.boolean(),
  qdeviceInstalled: z.boolean(),
  qnetdActive: z.boolean(),
  qnetdEnabled: z.boolean(),
  qdeviceActive: z.boolean(),
  qdeviceEnabled: z.boolean(),
  qnetdDbPresent: z.boolean(),
  nodeDbPresent: z.boolean(),
  nodeCertPresent: z.boolean(),
});
export type TQdeviceObserved = z.infer<typeof ZQdeviceObserved>;

export async function probeQdevice(runner: Runner): Promise<TQdeviceObserved> {
  const out: Record<string, boolean> = {};
  for (const [fact, argv] of Object.entries(QDEVICE_PROBE_COMMANDS)) {
    out[fact] = (await runner.run([...argv], { okCodes: "any" })).code === 0;
  }
  return ZQdeviceObserved.parse({
    qnetdInstalled: out.qnetdInstalled,
    qdeviceInstalled: out.qdeviceInstalled,
    qnetdActive: out.qnetdActive,
    qnetdEnabled: out.qnetdEnabled,
    qdeviceActive: out.qdeviceActive,
    qdeviceEnabled: out.qdeviceEnabled,
    qnetdDbPresent: out.qnetdDb,
    nodeDbPresent: out.nodeDb,
    nodeCertPresent: out.nodeCert,
  });
}
