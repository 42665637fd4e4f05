import { parseCorosyncCfgtoolNodes, parseCorosyncLinks } from "./parse-cfgtool";
import { parseCorosyncConf } from "./parse-conf";
import { parseQdeviceTool, parseQnetdTool } from "./parse-qdevice-tool";
import { parseCorosyncQuorum } from "./parse-quorumtool";

export const corosyncFormats = {
  "corosync-quorum": parseCorosyncQuorum,
  "corosync-links": parseCorosyncLinks,
  "corosync-conf": parseCorosyncConf,
  "corosync-cfgtool-n": parseCorosyncCfgtoolNodes,
  "qdevice-tool": parseQdeviceTool,
  "qnetd-tool": parseQnetdTool,
} satisfies Record<string, (text: string) => unknown>;
