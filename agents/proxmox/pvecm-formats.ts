import { parsePvecmNodes, parsePvecmStatus } from "./parse-pvecm";

// Kept apart from formats.ts (owned by the Proxmox agent's other parsers); the registry merges both.
export const pvecmFormats = {
  "pvecm-status": parsePvecmStatus,
  "pvecm-nodes": parsePvecmNodes,
} satisfies Record<string, (text: string) => unknown>;
