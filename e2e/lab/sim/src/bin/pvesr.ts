import { runSim } from "../core/main";
import { pvesr } from "../pve/pvesr";

void runSim("pvesr", pvesr);
