import { runSim } from "../core/main";
import { simDrbd } from "../drbd/ctl";

void runSim("sim-drbd", simDrbd);
