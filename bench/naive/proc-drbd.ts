// BASELINE, deliberately naive: /proc/drbd read line by line with regexes, the way a quick
// script does it. Only for bench/parsers-vs-naive.ts to compare against
// agents/drbd/parse-proc-drbd.ts; never used by the panel.
export type TNaiveProcDrbd = {
  version: string | null;
  resources: { minor: number; role: string; disk: string; state: string; peerRole: string; peerDisk: string; syncPercent: number | null }[];
};

export function naiveProcDrbd(text: string): TNaiveProcDrbd {
  const lines = text.split("\n");
  const resources: TNaiveProcDrbd["resources"] = [];
  lines.forEach((line, i) => {
    const m = /^\s*(\d+): cs:(\S+) ro:(\w+)\/(\w+) ds:(\w+)\/(\w+)/.exec(line);
    if (!m) return;
    // The sync line comes two lines below the minor's line.
    const sync = /sync'ed:\s*([\d.]+)%/.exec(lines[i + 2] ?? "");
    resources.push({
      minor: Number(m[1]),
      state: m[2] ?? "",
      role: m[3] ?? "",
      peerRole: m[4] ?? "",
      disk: m[5] ?? "",
      peerDisk: m[6] ?? "",
      syncPercent: sync ? Number(sync[1]) : null,
    });
  });
  return { version: /^version: (\S+)/m.exec(text)?.[1] ?? null, resources };
}
