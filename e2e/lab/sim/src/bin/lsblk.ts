import { runSim } from "../core/main";
import { lsblkMain } from "../zfs/sim-disks-cli";

void runSim("lsblk", (args, io) => lsblkMain(args, io));
