import { z } from "zod";
import { buildPlan, commandStep } from "@/lib/plan/build";
import { defineJobKind } from "@/lib/jobs/kind";
import type { TPlanStep } from "@/lib/plan/plan";

// A job kind for the fault tests: markers in a directory on the job's host, with a long step in
// the middle so a fault can land while it runs. Every step has a check and an undo, as agents'
// steps do, so resume and undo have real host state to look at.
export const FAULT_KIND = "fault.markers";

export const ZFaultInput = z.object({
  dir: z.string().regex(/^\/[A-Za-z0-9._/-]+$/),
  // How long the middle step sleeps before it creates its marker.
  slowSeconds: z.number().int().min(0).max(600),
  // The middle step's own timeout (the runner stops it and the step fails), in ms.
  slowTimeoutMs: z.number().int().positive().default(120_000),
});

// $1 seconds, $2 marker: prints a line, sleeps, then creates the marker.
const SLOW_SCRIPT = 'echo "slow step started"; sleep "$1"; touch "$2"';

const withTimeout = (step: TPlanStep, timeoutMs: number): TPlanStep => (step.action.kind === "command" ? { ...step, action: { ...step.action, timeoutMs } } : step);

export const faultKind = defineJobKind({
  kind: FAULT_KIND,
  title: "Fault-test markers",
  requiresConfirmation: true,
  role: "operator",
  inputSchema: ZFaultInput,
  plan: ({ input, hosts }) => {
    const host = hosts[0]?.name ?? "";
    const marker = (name: string) => `${input.dir}/${name}`;
    const touch = (id: string, title: string) =>
      commandStep({ id, title, host, argv: ["touch", marker(id)], check: { kind: "command", argv: ["test", "-e", marker(id)] }, undo: { kind: "command", argv: ["rm", "-f", marker(id)] } });
    return buildPlan({
      title: "fault markers",
      steps: [
        touch("first", "Create the first marker"),
        withTimeout(
          commandStep({
            id: "slow",
            title: "Create the slow marker",
            host,
            argv: ["/bin/sh", "-c", SLOW_SCRIPT, "--", String(input.slowSeconds), marker("slow")],
            check: { kind: "command", argv: ["test", "-e", marker("slow")] },
            undo: { kind: "command", argv: ["rm", "-f", marker("slow")] },
          }),
          input.slowTimeoutMs,
        ),
        touch("last", "Create the last marker"),
      ],
    });
  },
});
