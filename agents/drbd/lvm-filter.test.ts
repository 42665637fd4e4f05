import { describe, expect, it } from "vitest";
import { ReportError } from "@/lib/reports/report";
import { LVM_BLOCK_BEGIN, rejectPatterns, renderLvmLocalConf } from "./lvm-filter";

const DEBIAN_DEFAULT = "# This is a local configuration file template.\nlocal {\n\t# system_id = \"\"\n}\n";

describe("renderLvmLocalConf", () => {
  it("appends the panel's filter to Debian's lvmlocal.conf, keeping Proxmox's own rejects", () => {
    const out = renderLvmLocalConf(DEBIAN_DEFAULT, ["/dev/sdb"]);
    expect(out).toBe(
      `${DEBIAN_DEFAULT}${LVM_BLOCK_BEGIN}\ndevices {\n    global_filter = [ "r|/dev/zd.*|", "r|/dev/rbd.*|", "r|^/dev/sdb$|", "a|.*|" ]\n}\n# END cluster-panel drbd\n`,
    );
  });

  it("merges a second resource's disks into the block and is stable on a re-run", () => {
    const first = renderLvmLocalConf(null, ["/dev/sdb"]);
    const second = renderLvmLocalConf(first, ["/dev/vg-data/r1"]);
    expect(second).toContain('"r|^/dev/mapper/vg--data-r1$|", "r|^/dev/sdb$|", "r|^/dev/vg-data/r1$|"');
    expect(renderLvmLocalConf(second, ["/dev/sdb"])).toBe(second);
  });

  it("refuses to merge with a devices section the admin wrote", () => {
    expect(() => renderLvmLocalConf("devices {\n  global_filter = [ \"a|.*|\" ]\n}\n", ["/dev/sdb"])).toThrow(ReportError);
  });

  it("escapes regex characters of device names", () => {
    expect(rejectPatterns("/dev/disk/by-id/wwn-0x5000+1")).toEqual(["r|^/dev/disk/by-id/wwn-0x5000\\+1$|"]);
  });
});
