import type { TCephCheck } from "./model";

// `ceph -s` text, the `ceph health` one-liner and Jewel's JSON give a check's summary but not its
// code. Alerts key on codes, so the summaries Ceph prints for its common checks (src/mon/*Monitor.cc
// wording, Luminous to Squid, plus the Jewel phrasing of the same conditions) map back to them.
// Anything else keeps code null rather than a guess.
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\d+ osds? down$/, "OSD_DOWN"],
  [/^\d+\/\d+ in osds are down$/, "OSD_DOWN"],
  [/^Reduced data availability:/, "PG_AVAILABILITY"],
  [/^Degraded data redundancy \(low space\):/, "PG_DEGRADED_FULL"],
  [/^Degraded data redundancy:/, "PG_DEGRADED"],
  [/^Possible data damage:/, "PG_DAMAGED"],
  [/^\d+ pgs (?:degraded|undersized|stuck degraded|stuck undersized)$/, "PG_DEGRADED"],
  [/^recovery \d+\/\d+ objects degraded /, "PG_DEGRADED"],
  [/^\d+ pgs (?:down|peering|incomplete|stale|stuck inactive|stuck stale)$/, "PG_AVAILABILITY"],
  [/^\d+ scrub errors?$/, "OSD_SCRUB_ERRORS"],
  [/^\d+ nearfull osd\(s\)$/, "OSD_NEARFULL"],
  [/^\d+ backfillfull osd\(s\)$/, "OSD_BACKFILLFULL"],
  [/^\d+ full osd\(s\)$/, "OSD_FULL"],
  [/^application not enabled on \d+ pool\(s\)$/, "POOL_APP_NOT_ENABLED"],
  [/^\d+ pool\(s\) have no replicas configured$/, "POOL_NO_REDUNDANCY"],
  [/^\d+\/\d+ mons down, quorum /, "MON_DOWN"],
  [/^mons? .* (?:is|are) very low on available space$/, "MON_DISK_CRIT"],
  [/^mons? .* (?:is|are) low on available space$/, "MON_DISK_LOW"],
  [/^mon\.\S+ low disk space$/, "MON_DISK_LOW"],
  [/^clock skew detected on /, "MON_CLOCK_SKEW"],
  [/^too few PGs per OSD /, "TOO_FEW_PGS"],
  [/^too many PGs per OSD /, "TOO_MANY_PGS"],
  [/^OSD count \d+ < osd_pool_default_size \d+$/, "TOO_FEW_OSDS"],
  [/^\S+ flag\(s\) set$/, "OSDMAP_FLAGS"],
  [/^\d+ daemons? ha(?:s|ve) recently crashed$/, "RECENT_CRASH"],
  [/^\d+ pgs not scrubbed in time$/, "PG_NOT_SCRUBBED"],
  [/^\d+ pgs not deep-scrubbed in time$/, "PG_NOT_DEEP_SCRUBBED"],
  [/^\d+ slow ops, /, "SLOW_OPS"],
  [/^no active mgr$/, "MGR_DOWN"],
  [/^mons? (?:is|are) allowing insecure global_id reclaim$/, "AUTH_INSECURE_GLOBAL_ID_RECLAIM_ALLOWED"],
  [/^\d+ monitors? ha(?:s|ve) not enabled msgr2$/, "MON_MSGR2_NOT_ENABLED"],
  [/^\d+ filesystems? (?:is|are) degraded$/, "FS_DEGRADED"],
];

// "1 host (2 osds) down", "1 rack (6 osds) down", "1 chassis (2 osds) down": OSD_<TYPE>_DOWN.
const BUCKET_DOWN =
  /^\d+ (host|chassis|rack|row|pdu|pod|room|datacenter|zone|region|root)s? \(\d+ osds?\) down$/;

export function checkCodeFromSummary(summary: string): string | null {
  const text = summary.trim();
  const bucket = BUCKET_DOWN.exec(text);
  if (bucket?.[1]) return `OSD_${bucket[1].toUpperCase()}_DOWN`;
  for (const [pattern, code] of PATTERNS) if (pattern.test(text)) return code;
  return null;
}

// The overall status is the worst check's severity, so under HEALTH_WARN every check is a warning;
// under HEALTH_ERR a check's own severity stays unknown unless the source says it.
export function withDeducedSeverity(health: string | null, checks: TCephCheck[]): TCephCheck[] {
  if (health !== "HEALTH_WARN") return checks;
  return checks.map((c) => ({ ...c, severity: c.severity ?? "HEALTH_WARN" }));
}
