// The lab's optional Ceph (--ceph): a real single-host Ceph on lab1, reached over SSH. The real
// tools by absolute path: sim/bin has a ceph simulator that comes first on the hosts' PATH.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ensureLab, labDown, labSsh, type TLabStatus } from "./lab-env";

const ZCephStatus = z.object({
  health: z.object({ status: z.string() }),
  osdmap: z.object({ num_osds: z.number(), num_up_osds: z.number(), num_in_osds: z.number() }),
});

describe("lab with --ceph", () => {
  let lab: TLabStatus;
  beforeAll(async () => {
    lab = await ensureLab({ mode: "bare", nodes: 3, ceph: true });
  });
  afterAll(async () => {
    await labDown();
  });

  it("runs mon, mgr and three OSDs on lab1 only", () => {
    expect(lab.nodes.map((n) => [n.name, n.running.cephMon, n.running.cephMgr, n.running.cephOsd])).toEqual([
      ["lab1", true, true, true],
      ["lab2", false, false, false],
      ["lab3", false, false, false],
    ]);
  });

  it("reports HEALTH_OK with three OSDs up and in, and stores an object", async () => {
    const r = await labSsh(lab, "lab1", "/usr/bin/ceph status --format json");
    expect(r.code).toBe(0);
    const s = ZCephStatus.parse(JSON.parse(r.stdout));
    expect(s.health.status).toBe("HEALTH_OK");
    expect(s.osdmap).toMatchObject({ num_osds: 3, num_up_osds: 3, num_in_osds: 3 });
    const put = await labSsh(
      lab,
      "lab1",
      "/usr/bin/ceph osd pool create labtest 8 >/dev/null 2>&1 && echo hello | /usr/bin/rados -p labtest put greeting - && /usr/bin/rados -p labtest get greeting -",
      60_000,
    );
    expect(put.stdout).toBe("hello\n");
  });
});
