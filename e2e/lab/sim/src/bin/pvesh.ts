import { runSim } from "../core/main";
import { pvesh } from "../pve/pvesh";

void runSim("pvesh", pvesh);
