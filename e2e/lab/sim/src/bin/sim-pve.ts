import { runSim } from "../core/main";
import { simPve } from "../pve/simpve";

void runSim("sim-pve", simPve);
