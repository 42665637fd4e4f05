import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZTimeSync, type TTimeSync } from "./model";

function yesNo(value: string | undefined): boolean | null {
  if (value === "yes") return true;
  if (value === "no") return false;
  return null;
}

// `timedatectl show`: Key=value lines (Timezone, NTP, NTPSynchronized, TimeUSec...).
export function parseTimedatectlShow(text: string): TTimeSync {
  const format = "timedatectl-show";
  const values = new Map<string, string>();
  inputLines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const eq = line.indexOf("=");
    if (eq <= 0 || !/^[A-Za-z]+$/.test(line.slice(0, eq))) throw new ParseError(format, `not a Key=value line: "${line.slice(0, 80)}"`, i + 1);
    values.set(line.slice(0, eq), line.slice(eq + 1));
  });
  if (!values.has("NTPSynchronized") && !values.has("Timezone")) {
    throw new ParseError(format, "neither NTPSynchronized nor Timezone in the output");
  }
  return validated(
    ZTimeSync,
    {
      source: "timedatectl",
      synchronized: yesNo(values.get("NTPSynchronized")),
      ntpEnabled: yesNo(values.get("NTP")),
      timezone: values.get("Timezone") || null,
      offsetSeconds: null,
    },
    format,
  );
}

// `chronyc tracking`: "System time     : 0.000001234 seconds fast of NTP time" and
// "Leap status     : Normal" ("Not synchronised" when chronyd has no usable source).
export function parseChronycTracking(text: string): TTimeSync {
  const format = "chronyc-tracking";
  const values = new Map<string, { value: string; line: number }>();
  inputLines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    const colon = line.indexOf(" : ");
    if (colon <= 0) throw new ParseError(format, `not a "Key : value" line: "${line.slice(0, 80)}"`, i + 1);
    values.set(line.slice(0, colon).trim(), { value: line.slice(colon + 3).trim(), line: i + 1 });
  });
  const system = values.get("System time");
  const leap = values.get("Leap status");
  if (!system && !leap) throw new ParseError(format, "no System time or Leap status line");
  let offsetSeconds: number | null = null;
  if (system) {
    const m = /^([+-]?\d+(?:\.\d+)?) seconds (fast|slow) of NTP time$/.exec(system.value);
    if (!m?.[1]) throw new ParseError(format, `cannot read System time "${system.value}"`, system.line);
    offsetSeconds = Number(m[1]) * (m[2] === "slow" ? -1 : 1);
  }
  const refId = values.get("Reference ID")?.value ?? "";
  const synchronized = leap ? leap.value !== "Not synchronised" && !/^0+\b/.test(refId) : null;
  return validated(ZTimeSync, { source: "chrony", synchronized, ntpEnabled: null, timezone: null, offsetSeconds }, format);
}

// `date +%s.%N`: seconds since the epoch with nanoseconds.
export function parseEpochSeconds(text: string): number {
  const value = inputLines(text).map((l) => l.trim()).filter((l) => l !== "");
  const only = value[0];
  if (value.length !== 1 || only === undefined || !/^\d{1,12}(\.\d{1,9})?$/.test(only)) {
    throw new ParseError("date-epoch", `not seconds since the epoch: "${value.join(" ").slice(0, 40)}"`);
  }
  return Number(only);
}
