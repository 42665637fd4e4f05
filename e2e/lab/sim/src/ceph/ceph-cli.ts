import type { TSimIO } from "../core/main";
import { SimExit } from "../core/main";
import { realCephReachable, runRealCeph } from "./real";
import { osdTreeJson, statusJson, statusText } from "./render";
import { readCeph, type TCephState } from "./state";

// `ceph` on a lab host: the real CLI when a real cluster answers, otherwise the simulated
// cluster's status, health, osd tree and pool list (what the panel's probes read).
export function cephMain(args: string[], io: TSimIO, now = Date.now()): number {
  // The client's own version needs no cluster: the installed ceph-common answers it.
  if (realCephReachable() || args[0] === "--version" || args[0] === "-v") {
    const r = runRealCeph(args);
    io.out(r.stdout);
    io.err(r.stderr);
    return r.status;
  }
  const s = readCeph();
  if (!s.fsid || s.mons.length === 0) {
    // What the real client says with no reachable monitor configured.
    throw new SimExit(1, "Error initializing cluster client: ObjectNotFound('RADOS object not found (error calling conf_read_file)')");
  }
  const json = args.some((a, i) => (a === "-f" || a === "--format") && /^json/.test(args[i + 1] ?? "")) || args.some((a) => /^--format=json/.test(a));
  const words = args.filter((a, i) => !a.startsWith("-") && !["-f", "--format", "--connect-timeout"].includes(args[i - 1] ?? ""));
  const out = (v: unknown) => io.out(`${JSON.stringify(v)}\n`);
  const cmd = words.join(" ");
  if (cmd === "status" || cmd === "" || args.includes("-s")) {
    if (json) out(statusJson(s, now));
    else io.out(statusText(s, now));
    return 0;
  }
  if (cmd === "health") {
    const h = statusJson(s, now).health as { status: string; checks: Record<string, { summary: { message: string } }> };
    if (json) out(h);
    else io.out(`${h.status}${Object.values(h.checks).length > 0 ? ` ${Object.values(h.checks).map((c) => c.summary.message).join("; ")}` : ""}\n`);
    return 0;
  }
  if (cmd === "osd tree") {
    if (!json) throw new SimExit(22, "simulator: only `ceph osd tree -f json` is simulated");
    out(osdTreeJson(s));
    return 0;
  }
  if (cmd === "osd pool ls" || cmd === "osd pool ls detail") {
    if (json) out(cmd.endsWith("detail") ? poolDetail(s) : s.pools.map((p) => p.name));
    else io.out(s.pools.map((p) => `${p.name}\n`).join(""));
    return 0;
  }
  throw new SimExit(22, `simulator: 'ceph ${cmd}' is not simulated`);
}

export function poolDetail(s: TCephState): Array<Record<string, unknown>> {
  return s.pools.map((p) => ({
    pool_id: p.id,
    pool_name: p.name,
    create_time: new Date(s.createdAt).toISOString().replace("T", " ").replace("Z", "000"),
    flags: 1,
    flags_names: "hashpspool",
    type: 1,
    size: p.size,
    min_size: p.minSize,
    crush_rule: 0,
    pg_num: p.pgNum,
    pg_placement_num: p.pgNum,
    pg_autoscale_mode: p.autoscale,
    application_metadata: p.application ? { [p.application]: {} } : {},
  }));
}
