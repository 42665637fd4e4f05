import { runSim } from "../core/main";
import { cephMain } from "../ceph/ceph-cli";

void runSim("ceph", (args, io) => cephMain(args, io));
