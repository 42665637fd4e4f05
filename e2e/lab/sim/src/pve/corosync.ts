import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { sharedDir } from "../core/state";
import { writeFileAtomic } from "../core/state";
import { readSim, readText, type TPveNode, type TPveSim } from "./state";

// /etc/pve/corosync.conf as PVE::Corosync::write_conf lays it out: 2-space indent, top-level
// sections sorted and separated by blank lines, scalars (sorted) before sub-sections, node
// blocks inside nodelist framed by blank lines and ordered by name.
export function renderPveCorosyncConf(s: TPveSim): string {
  const c = s.cluster;
  if (!c) return "";
  const linkCount = Math.max(1, ...s.nodes.map((n) => n.addrs.length));
  const nodes = [...s.nodes].sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = ["logging {", "  debug: off", "  to_syslog: yes", "}", "", "nodelist {", ""];
  for (const n of nodes) {
    out.push("  node {", `    name: ${n.name}`, `    nodeid: ${n.nodeid}`, `    quorum_votes: ${n.votes}`);
    n.addrs.forEach((a, i) => out.push(`    ring${i}_addr: ${a}`));
    out.push("  }", "");
  }
  out.push("}", "", "quorum {", "  provider: corosync_votequorum");
  if (c.qdevice) {
    out.push("  device {", "    model: net");
    if (c.qdevice.algorithm === "ffsplit") out.push(`    votes: ${c.qdevice.votes}`);
    out.push("    net {", `      algorithm: ${c.qdevice.algorithm}`, `      host: ${c.qdevice.host}`, "      tls: on", "    }", "  }");
  }
  out.push("}", "", "totem {", `  cluster_name: ${c.name}`, `  config_version: ${c.configVersion}`, "  ip_version: ipv4-6");
  out.push("  link_mode: passive", "  secauth: on", "  version: 2");
  for (let i = 0; i < linkCount; i++) out.push("  interface {", `    linknumber: ${i}`, "  }");
  out.push("}", "");
  return out.join("\n");
}

// The lab runs real corosync: drive it only there (shared dir is the real /etc/pve and the
// binaries exist), never from unit tests on a machine that happens to have corosync installed.
export function realCorosync(): boolean {
  if (process.env.SIM_PVE_REAL_COROSYNC === "0") return false;
  if (sharedDir() !== "/etc/pve") return false;
  return existsSync("/usr/sbin/corosync") && existsSync("/usr/sbin/corosync-quorumtool");
}

export function run(cmd: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 15_000 });
  return { code: r.status ?? 1, out: r.stdout ?? "", err: r.stderr ?? "" };
}

const LOCAL_CONF = "/etc/corosync/corosync.conf";
const AUTHKEY = "/etc/corosync/authkey";

// pmxcfs copies /etc/pve/corosync.conf to /etc/corosync when its config_version is newer and
// corosync reloads it; without that daemon every simulator call does it lazily.
export function syncLocalCorosync(start: boolean): void {
  if (!realCorosync()) return;
  const shared = readText("corosync.conf");
  if (shared === null) return;
  const version = (t: string) => Number(/config_version:\s*(\d+)/.exec(t)?.[1] ?? -1);
  const local = existsSync(LOCAL_CONF) ? readFileSync(LOCAL_CONF, "utf8") : "";
  const sim = readSim();
  const me = readFileSync("/etc/hostname", "utf8").trim();
  if (!sim.nodes.some((n) => n.name === me)) return;
  const priv = `${sharedDir()}/priv/authkey.key`;
  if (!existsSync(AUTHKEY) && existsSync(priv)) {
    mkdirSync("/etc/corosync", { recursive: true });
    copyFileSync(priv, AUTHKEY);
  }
  if (version(shared) > version(local) || !/cluster_name/.test(local)) {
    writeFileAtomic(LOCAL_CONF, shared);
    if (run("corosync-quorumtool", ["-l"]).code === 0) run("corosync-cfgtool", ["-R"]);
    else if (start) run("systemctl", ["start", "corosync"]);
  } else if (start && run("corosync-quorumtool", ["-l"]).code !== 0) {
    run("systemctl", ["start", "corosync"]);
  }
}

export function generateAuthKey(): void {
  if (!realCorosync()) return;
  if (!existsSync(AUTHKEY)) run("corosync-keygen", ["-l", "-k", AUTHKEY]);
  if (existsSync(AUTHKEY)) {
    mkdirSync(`${sharedDir()}/priv`, { recursive: true });
    copyFileSync(AUTHKEY, `${sharedDir()}/priv/authkey.key`);
  }
}

// Who corosync sees: the real daemon's membership when it answers, else every configured
// node not flagged down with `sim-pve node-down`.
export function onlineNodes(s: TPveSim): Set<string> {
  const configured = s.nodes.map((n) => n.name);
  if (realCorosync()) {
    const r = run("corosync-quorumtool", ["-l"]);
    if (r.code === 0) {
      const ids = new Set<number>();
      for (const line of r.out.split("\n")) {
        const m = /^\s*(\d+|0x[0-9a-f]+)\s+\d+\s+/i.exec(line);
        if (m) ids.add(Number(m[1]));
      }
      return new Set(s.nodes.filter((n) => ids.has(n.nodeid) && !s.down.includes(n.name)).map((n) => n.name));
    }
  }
  return new Set(configured.filter((n) => !s.down.includes(n)));
}

export function nodeIp(s: TPveSim, node: string): string | null {
  return s.nodes.find((n) => n.name === node)?.addrs[0]?.replace(/^address=/, "").split(",")[0] ?? null;
}

export type TQuorum = { members: TPveNode[]; expected: number; total: number; quorum: number; quorate: boolean };

export function quorumOf(s: TPveSim, online: Set<string>): TQuorum {
  const members = s.nodes.filter((n) => online.has(n.name)).sort((a, b) => a.nodeid - b.nodeid);
  const qvotes = s.cluster?.qdevice ? s.cluster.qdevice.votes : 0;
  const configured = s.nodes.reduce((a, n) => a + n.votes, 0) + qvotes;
  const expected = s.cluster?.expectedOverride ?? configured;
  const qdeviceVoting = qvotes > 0 && members.length > 0;
  const total = members.reduce((a, n) => a + n.votes, 0) + (qdeviceVoting ? qvotes : 0);
  const quorum = Math.floor(expected / 2) + 1;
  return { members, expected, total, quorum, quorate: total >= quorum };
}
