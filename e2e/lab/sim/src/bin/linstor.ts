import { runSim } from "../core/main";
import { linstorMain } from "../linstor/cli";

void runSim("linstor", (args, io) => linstorMain(args, io));
