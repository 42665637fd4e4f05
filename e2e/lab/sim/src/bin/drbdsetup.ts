import { runSim } from "../core/main";
import { drbdsetup84 } from "../drbd/setup84";
import { drbdsetup9 } from "../drbd/setup9";
import { hostSettings } from "../drbd/store";

// Like the real drbdsetup, hand over to the 8.4 tool when the kernel module is 8.4.
void runSim("drbdsetup", (args, io) => (hostSettings().version === "8.4" ? drbdsetup84(args, io) : drbdsetup9(args, io)));
