import { runSim } from "../core/main";
import { pvecephMain } from "../ceph/pveceph-cli";

void runSim("pveceph", (args, io) => pvecephMain(args, io));
