import { runSim } from "../core/main";
import { zfsMain } from "../zfs/zfs-cli";

void runSim("zfs", (args, io) => zfsMain(args, io));
