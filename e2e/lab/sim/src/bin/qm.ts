import { runSim } from "../core/main";
import { guestCli } from "../pve/guest";

void runSim("qm", (args, io) => guestCli("qm", args, io));
