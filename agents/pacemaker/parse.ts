// Pacemaker agent: command output → typed model (see DESIGN.md, "parse.ts").
export { parseCrmMonText } from "./parse-crm-mon-text";
export { parseCrmMonXml } from "./parse-crm-mon-xml";
export {
  ZPacemakerFailure,
  ZPacemakerNode,
  ZPacemakerResource,
  ZPacemakerStatus,
  type TPacemakerFailure,
  type TPacemakerNode,
  type TPacemakerResource,
  type TPacemakerStatus,
} from "./model";
