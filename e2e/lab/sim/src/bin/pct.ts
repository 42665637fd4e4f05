import { runSim } from "../core/main";
import { guestCli } from "../pve/guest";

void runSim("pct", (args, io) => guestCli("pct", args, io));
