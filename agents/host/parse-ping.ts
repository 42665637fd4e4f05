import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZPingStats, type TPingStats } from "./model";

const FORMAT = "ping";
// iputils: "5 packets transmitted, 5 received, 0% packet loss, time 817ms" (", +2 errors" may
// sit before the loss; busybox: "5 packets transmitted, 5 packets received, 0% packet loss").
const COUNTS = /^(\d+) packets transmitted, (\d+)(?: packets)? received,(?: \+\d+ (?:errors|duplicates),)* (\d+(?:\.\d+)?)% packet loss/;
// iputils: "rtt min/avg/max/mdev = 0.045/0.061/0.088/0.014 ms"; busybox: "round-trip min/avg/max = a/b/c ms".
const RTT = /^(?:rtt|round-trip) min\/avg\/max(\/(?:mdev|stddev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/([\d.]+))? ms$/;

// The summary of `ping -c N -q ADDR`.
export function parsePingSummary(text: string): TPingStats {
  let counts: RegExpExecArray | null = null;
  let rtt: RegExpExecArray | null = null;
  for (const raw of inputLines(text)) {
    const line = raw.trim();
    counts ??= COUNTS.exec(line);
    rtt ??= RTT.exec(line);
  }
  if (!counts) throw new ParseError(FORMAT, "no packets transmitted/received summary line");
  const received = Number(counts[2]);
  if (received > 0 && !rtt) throw new ParseError(FORMAT, "replies received but no rtt line (truncated?)");
  const num = (v: string | undefined) => (v === undefined ? null : Number(v));
  return validated(
    ZPingStats,
    {
      transmitted: Number(counts[1]),
      received,
      lossPercent: Number(counts[3]),
      minMs: num(rtt?.[2]),
      avgMs: num(rtt?.[3]),
      maxMs: num(rtt?.[4]),
      mdevMs: num(rtt?.[5]),
    },
    FORMAT,
  );
}
