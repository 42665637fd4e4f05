import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { parsePingSummary } from "./parse-ping";

describe("parsePingSummary", () => {
  it("reads iputils' summary", () => {
    const text = "PING 10.0.0.12 (10.0.0.12) 56(84) bytes of data.\n\n--- 10.0.0.12 ping statistics ---\n5 packets transmitted, 5 received, 0% packet loss, time 817ms\nrtt min/avg/max/mdev = 0.045/0.061/0.088/0.014 ms\n";
    expect(parsePingSummary(text)).toEqual({ transmitted: 5, received: 5, lossPercent: 0, minMs: 0.045, avgMs: 0.061, maxMs: 0.088, mdevMs: 0.014 });
  });

  it("reads total loss with errors and no rtt line", () => {
    const text = "--- 10.0.0.99 ping statistics ---\n5 packets transmitted, 0 received, +5 errors, 100% packet loss, time 4005ms\n\n";
    expect(parsePingSummary(text)).toEqual({ transmitted: 5, received: 0, lossPercent: 100, minMs: null, avgMs: null, maxMs: null, mdevMs: null });
  });

  it("reads busybox's summary", () => {
    const text = "5 packets transmitted, 4 packets received, 20% packet loss\nround-trip min/avg/max = 0.101/0.205/0.330 ms\n";
    expect(parsePingSummary(text)).toMatchObject({ received: 4, lossPercent: 20, avgMs: 0.205, mdevMs: null });
  });

  it("throws ParseError on errors and truncated output", () => {
    expect(() => parsePingSummary("ping: pve9: Name or service not known\n")).toThrow(ParseError);
    expect(() => parsePingSummary("5 packets transmitted, 5 received, 0% packet loss, time 817ms\n")).toThrow(/truncated/);
  });
});
