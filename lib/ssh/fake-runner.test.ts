import { describe, expect, it } from "vitest";
import { SshError } from "./errors";
import { FakeRunner } from "./fake-runner";
import { CommandFailedError } from "./runner";

describe("FakeRunner", () => {
  it("answers expected calls in order with their canned results", async () => {
    const fake = new FakeRunner([
      { argv: ["crm_mon", "--output-as=xml"], result: { stdout: "<crm_mon/>" } },
      { argv: ["cat"], stdin: "hello", result: { stdout: "hello" } },
    ]);
    expect(await fake.run(["crm_mon", "--output-as=xml"])).toEqual({ code: 0, stdout: "<crm_mon/>", stderr: "", durationMs: 0 });
    expect((await fake.run(["cat"], { stdin: "hello" })).stdout).toBe("hello");
    fake.assertDone();
    expect(fake.calls.map((c) => c.argv)).toEqual([["crm_mon", "--output-as=xml"], ["cat"]]);
  });

  it("throws a diff naming the call when argv differs", async () => {
    const fake = new FakeRunner([{ argv: ["pvecm", "status"] }]);
    const err = await fake.run(["pvecm", "nodes"]).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain("call #1 does not match");
    expect(err?.message).toContain('-    "status"');
    expect(err?.message).toContain('+    "nodes"');
  });

  it("checks stdin, including its absence", async () => {
    const fake = new FakeRunner([{ argv: ["tee", "/x"], stdin: "a" }, { argv: ["true"] }]);
    await expect(fake.run(["tee", "/x"], { stdin: "b" })).rejects.toThrow(/-  "stdin": "a"[\s\S]*\+  "stdin": "b"/);
    const fresh = new FakeRunner([{ argv: ["true"] }]);
    await expect(fresh.run(["true"], { stdin: "unexpected" })).rejects.toThrow(/does not match/);
  });

  it("applies okCodes like the SSH runner", async () => {
    const fake = new FakeRunner([
      { argv: ["false"], result: { code: 1, stderr: "nope" } },
      { argv: ["false"], result: { code: 1 } },
    ]);
    await expect(fake.run(["false"])).rejects.toBeInstanceOf(CommandFailedError);
    expect((await fake.run(["false"], { okCodes: [0, 1] })).code).toBe(1);
    fake.assertDone();
  });

  it("throws a scripted error", async () => {
    const failure = new SshError("SSH_UNREACHABLE", "down");
    const fake = new FakeRunner([{ argv: ["true"], error: failure }]);
    await expect(fake.run(["true"])).rejects.toBe(failure);
  });

  it("assertDone reports unused expectations", async () => {
    const fake = new FakeRunner([{ argv: ["a"] }, { argv: ["b", "c"] }]);
    await fake.run(["a"]);
    expect(() => fake.assertDone()).toThrow(/1 expected call\(s\) never happened[\s\S]*"b"/);
  });

  it("assertDone reports a mismatch that the code under test swallowed", async () => {
    const fake = new FakeRunner([{ argv: ["a"] }]);
    await fake.run(["b"]).catch(() => undefined);
    expect(() => fake.assertDone()).toThrow(/does not match/);
  });

  it("reports calls past the end of the script", async () => {
    const fake = new FakeRunner([]);
    await expect(fake.run(["reboot"])).rejects.toThrow(/unexpected call #1 \(all 0 expected calls were used\)[\s\S]*reboot/);
  });

  it("rejects argv the real runner would reject", async () => {
    const fake = new FakeRunner([{ argv: ["echo", "a\0b"] }]);
    await expect(fake.run(["echo", "a\0b"])).rejects.toThrow(/NUL/);
  });
});
