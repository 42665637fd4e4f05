export { parseCorosyncCfgtoolNodes, parseCorosyncLinks } from "./parse-cfgtool";
export { corosyncConfFromTree, parseCorosyncConf, readCorosyncConfig } from "./parse-conf";
export { parseQdeviceTool, parseQnetdTool } from "./parse-qdevice-tool";
export { parseCorosyncQuorum, readQuorumReport } from "./parse-quorumtool";
export type {
  TCorosyncCfgtoolNodes,
  TCorosyncConf,
  TCorosyncConfig,
  TCorosyncLinks,
  TCorosyncQuorum,
  TQdeviceToolStatus,
  TQnetdTool,
} from "./model";
