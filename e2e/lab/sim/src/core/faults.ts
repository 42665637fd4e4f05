import path from "node:path";
import { z } from "zod";
import { hostStateDir, readJson, sharedSimDir, withLock, writeJson } from "./state";

// Failures on demand, as the real tools fail: tests write rules with `sim-fault` (on one
// host, or cluster-wide in the shared dir) and the next matching command prints the given
// output and exits with the given code, optionally after hanging for a while.
export const ZFaultRule = z.object({
  id: z.string(),
  command: z.string(), // e.g. "pvesr", "qm", "drbdsetup"
  // Matched against the arguments joined by single spaces, e.g. "^migrate 100 ".
  argsPattern: z.string().default(""),
  exitCode: z.number().int().default(255),
  stdout: z.string().default(""),
  stderr: z.string().default(""),
  hangMs: z.number().int().nonnegative().default(0),
  // How many more times it fires; null = until cleared.
  remaining: z.number().int().positive().nullable().default(null),
});
export type TFaultRule = z.infer<typeof ZFaultRule>;

const ZFaultFile = z.array(ZFaultRule);

export const hostFaultFile = () => path.join(hostStateDir(), "faults.json");
export const clusterFaultFile = () => path.join(sharedSimDir(), "faults.json");

export function readFaults(file: string): TFaultRule[] {
  return ZFaultFile.parse(readJson<unknown>(file, []));
}

// Returns the rule that fires for this call (consuming one use), or null.
export function takeFault(command: string, args: readonly string[]): TFaultRule | null {
  const joined = args.join(" ");
  for (const file of [hostFaultFile(), clusterFaultFile()]) {
    const hit = withLock(
      "faults",
      () => {
        const rules = readFaults(file);
        const index = rules.findIndex((r) => r.command === command && new RegExp(r.argsPattern).test(joined));
        if (index < 0) return null;
        const rule = rules[index] as TFaultRule;
        if (rule.remaining !== null) {
          if (rule.remaining <= 1) rules.splice(index, 1);
          else rules[index] = { ...rule, remaining: rule.remaining - 1 };
          writeJson(file, rules);
        }
        return rule;
      },
      path.dirname(file),
    );
    if (hit) return hit;
  }
  return null;
}
