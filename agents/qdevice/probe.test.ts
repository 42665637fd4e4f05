import { describe, expect, it } from "vitest";
import { FakeRunner } from "@/lib/ssh/fake-runner";
import { probeQdevice, QDEVICE_PROBE_COMMANDS } from "./probe";

describe("probeQdevice", () => {
  it("reads each fact from one command's exit code", async () => {
    const codes: Record<keyof typeof QDEVICE_PROBE_COMMANDS, number> = {
      qnetdInstalled: 0,
      qdeviceInstalled: 1,
      qnetdActive: 0,
      qnetdEnabled: 1,
      qdeviceActive: 3,
      qdeviceEnabled: 1,
      qnetdDb: 0,
      nodeDb: 1,
      nodeCert: 1,
    };
    const runner = new FakeRunner(Object.entries(QDEVICE_PROBE_COMMANDS).map(([fact, argv]) => ({ argv: [...argv], result: { code: codes[fact as keyof typeof codes] } })));
    expect(await probeQdevice(runner)).toEqual({
      qnetdInstalled: true,
      qdeviceInstalled: false,
      qnetdActive: true,
      qnetdEnabled: false,
      qdeviceActive: false,
      qdeviceEnabled: false,
      qnetdDbPresent: true,
      nodeDbPresent: false,
      nodeCertPresent: false,
    });
    runner.assertDone();
  });
});
