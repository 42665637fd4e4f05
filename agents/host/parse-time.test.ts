import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parseChronycTracking, parseEpochSeconds, parseTimedatectlShow } from "./parse-time";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8");

describe("parseTimedatectlShow", () => {
  it("reads timezone, NTP and sync state", () => {
    const text = "Timezone=Europe/Berlin\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized=yes\nTimeUSec=Thu 2024-07-11 12:00:00 CEST\nRTCTimeUSec=Thu 2024-07-11 10:00:00 CEST\n";
    expect(parseTimedatectlShow(text)).toEqual({ source: "timedatectl", synchronized: true, ntpEnabled: true, timezone: "Europe/Berlin", offsetSeconds: null });
    expect(parseTimedatectlShow("Timezone=UTC\nNTP=no\nNTPSynchronized=no\n")).toMatchObject({ synchronized: false, ntpEnabled: false });
  });

  it("throws ParseError on the error text and unrelated output", () => {
    expect(() => parseTimedatectlShow("System has not been booted with systemd as init system (PID 1). Can't operate.")).toThrow(ParseError);
    expect(() => parseTimedatectlShow("LocalRTC=no\n")).toThrow(ParseError);
    expect(() => parseTimedatectlShow("")).toThrow(ParseError);
  });
});

describe("parseChronycTracking", () => {
  it("reads a synchronized clock that is slow as a negative offset", () => {
    expect(parseChronycTracking(fixture("chronyc-tracking-synced.txt"))).toEqual({
      source: "chrony",
      synchronized: true,
      ntpEnabled: null,
      timezone: null,
      offsetSeconds: -0.000012345,
    });
  });

  it("reads an unsynchronized chronyd", () => {
    expect(parseChronycTracking(fixture("chronyc-tracking-unsynced.txt"))).toMatchObject({ synchronized: false, offsetSeconds: 0 });
  });

  it("reads a fast clock as a positive offset", () => {
    expect(parseChronycTracking("System time     : 1.250000000 seconds fast of NTP time\nLeap status     : Normal\n").offsetSeconds).toBe(1.25);
  });

  it("throws ParseError on chronyc's error and garbage", () => {
    expect(() => parseChronycTracking("506 Cannot talk to daemon\n")).toThrow(ParseError);
    expect(() => parseChronycTracking("System time     : soon\n")).toThrow(ParseError);
  });
});

describe("parseEpochSeconds", () => {
  it("reads date +%s.%N", () => {
    expect(parseEpochSeconds("1720692000.123456789\n")).toBeCloseTo(1720692000.123456789, 6);
  });
  it("throws ParseError on busybox's unexpanded %N", () => {
    expect(() => parseEpochSeconds("1720692000.%N\n")).toThrow(ParseError);
    expect(() => parseEpochSeconds("")).toThrow(ParseError);
  });
});
