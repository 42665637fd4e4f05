import { runSim } from "../core/main";
import { simDisksMain } from "../zfs/sim-disks-cli";

void runSim("sim-disks", (args, io) => simDisksMain(args, io));
