import { runSim } from "../core/main";
import { haManager } from "../pve/ha";

void runSim("ha-manager", haManager);
