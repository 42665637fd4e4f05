import { runSim } from "../core/main";
import { drbdsetup84 } from "../drbd/setup84";

void runSim("drbdsetup-84", drbdsetup84);
