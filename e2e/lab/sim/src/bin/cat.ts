import { spawnSync } from "node:child_process";
import { runSim } from "../core/main";
import { currentViews } from "../drbd/kernel";
import { renderProcDrbd } from "../drbd/render-kernel";
import { hostSettings } from "../drbd/store";

// procfs cannot get a new file in the lab, so `cat /proc/drbd` is answered here from the
// simulated kernel; every other use of cat is the real /bin/cat.
void runSim("cat", async (args, io) => {
  if (!args.includes("/proc/drbd")) return spawnSync("/bin/cat", args, { stdio: "inherit" }).status ?? 1;
  let code = 0;
  for (const a of args) {
    if (a === "/proc/drbd") {
      const version = hostSettings().version;
      io.out(renderProcDrbd(version, version === "8.4" ? await currentViews("all") : []));
    } else {
      const r = spawnSync("/bin/cat", [a], { stdio: ["inherit", "pipe", "inherit"] });
      io.out(r.stdout.toString("utf8"));
      code = r.status ?? 1;
    }
  }
  return code;
});
