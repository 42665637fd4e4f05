import { runSim } from "../core/main";
import { pvesm } from "../pve/pvesm";

void runSim("pvesm", pvesm);
