import { existsSync, readFileSync, rmSync } from "node:fs";
import { SimExit, type TSimIO } from "../core/main";
import { hostName } from "../core/state";
import { applyWrite } from "./engine";
import { currentViews, kernelOp, persistMeta, probePeers } from "./kernel";
import { clusterSettings, hostSettings, kernLogFile, listResourceNames, readResource, saveClusterSettings, saveHostSettings, withResource } from "./store";

const USAGE =
  "usage: sim-drbd version [9|8.4] | rate [KIBPS] | size [KIB] | write RES KIB [VOLUME] | reset | log | wipe";

// sim-drbd: the lab's handle on the simulated DRBD kernel (no real twin).
export async function simDrbd(args: string[], io: TSimIO): Promise<number> {
  const [cmd, a1, a2, a3] = args;
  switch (cmd) {
    case "version": {
      if (a1 === undefined) {
        io.out(`${hostSettings().version}\n`);
        return 0;
      }
      if (a1 !== "9" && a1 !== "8.4") throw new SimExit(64, USAGE);
      saveHostSettings({ ...hostSettings(), version: a1 });
      return 0;
    }
    case "rate":
    case "size": {
      const key = cmd === "rate" ? "syncKiBps" : "sizeKiB";
      if (a1 === undefined) {
        io.out(`${clusterSettings()[key] ?? "default"}\n`);
        return 0;
      }
      const n = Number(a1);
      if (!(n > 0)) throw new SimExit(64, USAGE);
      saveClusterSettings({ ...clusterSettings(), [key]: n });
      return 0;
    }
    case "write": {
      const kib = Number(a2);
      if (!a1 || !(kib > 0)) throw new SimExit(64, USAGE);
      if (!readResource(a1)?.nodes[hostName()]) throw new SimExit(10, `${a1}: No such resource`);
      const reach = await probePeers([a1]);
      kernelOp(a1, reach, (file) => {
        const node = file.nodes[hostName()];
        if (!node || node.role !== "Primary") throw new SimExit(1, `sim-drbd: ${a1} is not Primary on ${hostName()}: writes need a Primary`);
        applyWrite(file, node, Number(a3 ?? 0), kib);
      });
      return 0;
    }
    case "reset":
      // A crash/reboot: the kernel forgets every resource; meta-data stays on the disks.
      for (const name of listResourceNames()) {
        withResource(name, (file) => {
          const node = file.nodes[hostName()];
          if (node) persistMeta(node);
          delete file.nodes[hostName()];
        });
      }
      return 0;
    case "log":
      // Bring every resource up to now first, so lines owed to this host by its peers are in.
      await currentViews("all");
      io.out(existsSync(kernLogFile()) ? readFileSync(kernLogFile(), "utf8") : "");
      return 0;
    case "wipe":
      rmSync(kernLogFile(), { force: true });
      return 0;
    default:
      throw new SimExit(64, USAGE);
  }
}
