import { randomUUID } from "node:crypto";
import { clusterFaultFile, hostFaultFile, readFaults, ZFaultRule } from "../core/faults";
import { runSim, SimExit } from "../core/main";
import { withLock, writeJson } from "../core/state";
import path from "node:path";

// sim-fault add [--cluster] JSON | sim-fault clear [--cluster] | sim-fault list [--cluster]
// Tests drive failures over SSH with this; it is the only simulator with no real twin.
void runSim("sim-fault", (args, io) => {
  const cluster = args.includes("--cluster");
  const rest = args.filter((a) => a !== "--cluster");
  const file = cluster ? clusterFaultFile() : hostFaultFile();
  const edit = (fn: (rules: ReturnType<typeof readFaults>) => ReturnType<typeof readFaults>) =>
    withLock("faults", () => writeJson(file, fn(readFaults(file))), path.dirname(file));
  switch (rest[0]) {
    case "add": {
      const rule = ZFaultRule.parse({ id: randomUUID(), ...JSON.parse(rest[1] ?? "{}") });
      edit((rules) => [...rules, rule]);
      io.out(`${rule.id}\n`);
      return 0;
    }
    case "clear":
      edit(() => []);
      return 0;
    case "list":
      io.out(`${JSON.stringify(readFaults(file), null, 2)}\n`);
      return 0;
    default:
      throw new SimExit(64, "usage: sim-fault add [--cluster] JSON | clear [--cluster] | list [--cluster]");
  }
});
