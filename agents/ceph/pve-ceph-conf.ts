import { inputLines } from "../common/text";

// /etc/pve/ceph.conf as pveceph writes it: INI sections, "key = value" lines indented with a
// tab and a space. Ceph treats spaces and underscores in keys alike ("public network" ==
// "public_network"); keys are returned with underscores. Pure; comments (# and ;) are skipped.
export type TPveCephConf = {
  sections: Record<string, Record<string, string>>;
  publicNetwork: string | null;
  clusterNetwork: string | null;
  // Hosts with a [mon.NAME] section: the monitors pveceph created.
  monitorHosts: string[];
};

export function readPveCephConf(text: string): TPveCephConf {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | null = null;
  for (const raw of inputLines(text)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = (header[1] ?? "").trim();
      current = sections[name] ?? {};
      sections[name] = current;
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0 || current === null) continue;
    const key = line.slice(0, eq).trim().replace(/[\s_]+/g, "_");
    current[key] = line.slice(eq + 1).trim();
  }
  const global = sections.global ?? {};
  return {
    sections,
    publicNetwork: global.public_network ?? null,
    clusterNetwork: global.cluster_network ?? null,
    monitorHosts: Object.keys(sections)
      .filter((s) => s.startsWith("mon."))
      .map((s) => s.slice(4)),
  };
}
