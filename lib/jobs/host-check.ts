import { z } from "zod";
import { buildPlan, commandStep } from "@/lib/plan/build";
import { defineJobKind } from "./kind";

// The first thing the wizard needs before it plans anything: can the panel reach each host,
// and what is it? Read-only, so it runs without confirmation and holds no cluster lock.
export const HOST_CHECK_COMMANDS: readonly { id: string; title: string; argv: string[] }[] = [
  { id: "uname", title: "Kernel and architecture", argv: ["uname", "-a"] },
  { id: "os-release", title: "Operating system", argv: ["cat", "/etc/os-release"] },
  { id: "uptime", title: "Uptime and load", argv: ["uptime"] },
  { id: "hostname", title: "Host name", argv: ["hostname", "--fqdn"] },
];

export const ZHostCheckInput = z.object({
  // Host names; empty means every host of the job's cluster.
  hosts: z.array(z.string().min(1).max(253)).max(16).default([]),
});

export const hostCheckJob = defineJobKind({
  kind: "host.check",
  title: "Check hosts",
  requiresConfirmation: false,
  role: "operator",
  inputSchema: ZHostCheckInput,
  plan: ({ input, hosts }) => {
    const names = input.hosts.length > 0 ? input.hosts : hosts.map((h) => h.name);
    return buildPlan({
      title: `Check ${names.join(", ") || "no hosts"}`,
      steps: names.flatMap((host) =>
        HOST_CHECK_COMMANDS.map((c) =>
          commandStep({ id: `${host}:${c.id}`, title: `${c.title} of ${host}`, host, argv: c.argv }),
        ),
      ),
    });
  },
});
