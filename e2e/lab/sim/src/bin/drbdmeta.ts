import { runSim } from "../core/main";
import { drbdmeta } from "../drbd/meta";

void runSim("drbdmeta", drbdmeta);
