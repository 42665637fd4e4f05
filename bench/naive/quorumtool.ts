// BASELINE, deliberately naive: `corosync-quorumtool -s` read with "Key: value" regexes and
// a split of the membership table, the way a quick script does it. Only for
// bench/parsers-vs-naive.ts to compare against agents/corosync/parse-quorumtool.ts; never
// used by the panel.
export type TNaiveQuorum = {
  quorate: boolean;
  expectedVotes: number;
  totalVotes: number;
  quorum: number;
  flags: string[];
  nodes: { nodeid: number; votes: number; name: string; local: boolean }[];
};

export function naiveQuorumtool(text: string): TNaiveQuorum {
  const get = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, "m").exec(text)?.[1]?.trim() ?? "";
  const table = text.split(/Nodeid\s+Votes\s+Name/)[1] ?? "";
  return {
    quorate: get("Quorate") === "Yes",
    expectedVotes: Number(get("Expected votes")),
    totalVotes: Number(get("Total votes")),
    quorum: Number(get("Quorum")),
    flags: get("Flags").split(" ").filter(Boolean),
    nodes: table
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length >= 3)
      .map((f) => ({ nodeid: Number(f[0]), votes: Number(f[1]), name: f[2] ?? "", local: f[3] === "(local)" })),
  };
}
