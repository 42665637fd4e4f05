import { runSim } from "../core/main";
import { zpoolMain } from "../zfs/zpool-cli";

void runSim("zpool", (args, io) => zpoolMain(args, io));
