import { parseCephHealthJson, parseCephHealthText } from "./parse-health";
import { parseCephOsdDfJson, parseCephOsdDfText } from "./parse-osd-df";
import { parseCephOsdTreeJson } from "./parse-osd-tree";
import { parseCephOsdTreeText } from "./parse-osd-tree-text";
import { parseCephStatusJson } from "./parse-status-json";
import { parseCephStatusText } from "./parse-status-text";

// Contract formats first (../shared/contracts/parse-cli.md "Ceph"), then the text and extra
// commands an admin pastes, which return the same models where the information exists.
export const cephFormats = {
  "ceph-status-json": parseCephStatusJson,
  "ceph-osd-tree-json": parseCephOsdTreeJson,
  "ceph-status-text": parseCephStatusText,
  "ceph-osd-tree-text": parseCephOsdTreeText,
  "ceph-health-text": parseCephHealthText,
  "ceph-health-json": parseCephHealthJson,
  "ceph-osd-df-text": parseCephOsdDfText,
  "ceph-osd-df-json": parseCephOsdDfJson,
} satisfies Record<string, (text: string) => unknown>;
