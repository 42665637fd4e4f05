import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { runSim } from "../core/main";
import { KERNEL_VERSION } from "../drbd/render-kernel";
import { hostSettings } from "../drbd/store";

// drbdadm asks `modinfo -F version drbd` which DRBD generation the kernel has (and runs
// drbdadm-84 for 8.4). Only the drbd module is simulated; anything else goes to the real tool.
void runSim("modinfo", (args, io) => {
  if (args.at(-1) === "drbd") {
    const version = KERNEL_VERSION[hostSettings().version];
    if (args[0] === "-F" && args[1] === "version") io.out(`${version}\n`);
    else io.out(`filename:       /lib/modules/drbd/drbd.ko\nalias:          block-major-147-*\nlicense:        GPL\nversion:        ${version}\ndescription:    drbd - Distributed Replicated Block Device v${version}\nname:           drbd\n`);
    return 0;
  }
  const real = ["/sbin/modinfo", "/usr/sbin/modinfo", "/bin/modinfo", "/usr/bin/modinfo"].find((p) => existsSync(p));
  if (!real) {
    io.err(`modinfo: ERROR: Module ${args.at(-1) ?? ""} not found.\n`);
    return 1;
  }
  return spawnSync(real, args, { stdio: "inherit" }).status ?? 1;
});
