import { hasSealedToken, isSealedToken, maskSealedTokens } from "@/lib/secrets/sealed-token";
import type { TPlan, TPlanStep } from "./plan";

// Secrets in a plan travel as sealed tokens (lib/secrets/sealed-token.ts): a plan is stored in
// the Job row and shown on the job page, so a sensitive step's stdin and file content are
// sealed before the plan is stored, and opened only by the apply engine, step by step, right
// before they go to the host. Pure: the key-holding functions come from the caller.

type TTransform = (text: string) => string;

function mapSecrets(step: TPlanStep, f: TTransform): TPlanStep {
  const a = step.action;
  const action = a.kind === "command" ? (a.stdin === undefined ? a : { ...a, stdin: f(a.stdin) }) : { ...a, content: f(a.content) };
  const check = step.check?.kind === "file-content" ? { ...step.check, content: f(step.check.content) } : step.check;
  const undo = step.undo?.kind === "command" && step.undo.stdin !== undefined ? { ...step.undo, stdin: f(step.undo.stdin) } : step.undo;
  return { ...step, action, check, undo };
}

const sealWhole = (seal: TTransform) => (text: string) => (text === "" || isSealedToken(text) ? text : seal(text));

export function sealSensitiveSteps(plan: TPlan, seal: TTransform): TPlan {
  return { ...plan, steps: plan.steps.map((s) => (s.sensitive ? mapSecrets(s, sealWhole(seal)) : s)) };
}

const carriesToken = (step: TPlanStep): boolean => {
  let found = false;
  mapSecrets(step, (text) => {
    found ||= hasSealedToken(text);
    return text;
  });
  return found;
};

// The step as it runs: tokens opened, and sensitive whenever it carried one, so neither its
// output nor its failure's details reach the logs.
export function openStepSecrets(step: TPlanStep, open: TTransform): TPlanStep {
  if (!carriesToken(step)) return step;
  return { ...mapSecrets(step, openNested(open)), sensitive: true };
}

// A sensitive step's text is sealed whole before the plan is stored, and may already hold
// tokens of its own (the wizard seals a fencing password before planning): opening once would
// send the inner token to the host as the password. Bounded, since tokens nest at most twice.
const MAX_NESTING = 4;
const openNested = (open: TTransform) => (text: string) => {
  let out = text;
  for (let depth = 0; depth < MAX_NESTING && hasSealedToken(out); depth++) out = open(out);
  return out;
};

// The plan as a page shows it: tokens in file diffs, the tools' previews and step data read as
// "[sealed secret]" rather than as ciphertext.
export function maskPlanSecrets(plan: TPlan): TPlan {
  return {
    ...plan,
    steps: plan.steps.map((s) => mapSecrets(s, maskSealedTokens)),
    diffs: plan.diffs.map((d) => ({ ...d, before: d.before === null ? null : maskSealedTokens(d.before), after: maskSealedTokens(d.after), patch: maskSealedTokens(d.patch) })),
    dryRuns: plan.dryRuns.map((r) => ({ ...r, output: maskSealedTokens(r.output) })),
  };
}
