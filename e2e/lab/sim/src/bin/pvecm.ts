import { runSim } from "../core/main";
import { pvecm } from "../pve/pvecm";

void runSim("pvecm", pvecm);
