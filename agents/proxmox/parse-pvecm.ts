import { z } from "zod";
import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZCorosyncQuorum, type TCorosyncQuorum } from "../corosync/model";
import { readQuorumReport, type TStatusKey } from "../corosync/parse-quorumtool";

// pvecm status = PVE's "Cluster information" block (PVE 6+) + corosync-quorumtool's report
// with hex node ids; pvecm nodes = corosync-quorumtool -l. Both reuse the corosync parser.

export const ZPvecmCluster = z.object({
  name: z.string(),
  configVersion: z.number().int().nonnegative().nullable(),
  transport: z.string().nullable(),
  secureAuth: z.boolean().nullable(),
});

export const ZPvecmStatus = z.object({
  // null before PVE 6, which printed no Cluster information block.
  cluster: ZPvecmCluster.nullable(),
  quorum: ZCorosyncQuorum,
});
export type TPvecmStatus = z.infer<typeof ZPvecmStatus>;

function onOff(key: TStatusKey | undefined, format: string): boolean | null {
  if (!key) return null;
  if (key.value === "on") return true;
  if (key.value === "off") return false;
  throw new ParseError(format, `expected on/off, got "${key.value}"`, key.line);
}

export function parsePvecmStatus(text: string): TPvecmStatus {
  const format = "pvecm-status";
  const { quorum, sections } = readQuorumReport(inputLines(text), format);
  const keys = sections.get("Cluster");
  let cluster: TPvecmStatus["cluster"] = null;
  if (keys) {
    const name = keys.get("Name");
    if (!name?.value) throw new ParseError(format, "Cluster information has no Name", null);
    const version = keys.get("Config Version");
    if (version && !/^\d+$/.test(version.value)) {
      throw new ParseError(format, `Config Version is not a number: "${version.value}"`, version.line);
    }
    cluster = {
      name: name.value,
      configVersion: version ? Number(version.value) : null,
      transport: keys.get("Transport")?.value || null,
      secureAuth: onOff(keys.get("Secure auth"), format),
    };
  }
  return validated(ZPvecmStatus, { cluster, quorum }, format);
}

export function parsePvecmNodes(text: string): TCorosyncQuorum {
  const format = "pvecm-nodes";
  const { quorum } = readQuorumReport(inputLines(text), format);
  if (quorum.nodes.length === 0) throw new ParseError(format, "no Membership information table", null);
  return quorum;
}
