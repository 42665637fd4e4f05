import { describe, expect, it } from "vitest";
import { buildPlan, commandStep } from "@/lib/plan/build";
import { openStepSecrets, sealSensitiveSteps } from "@/lib/plan/seal";
import { replaceSealedTokens, SEALED_PREFIX } from "@/lib/secrets/sealed-token";

// A fencing password is sealed by the wizard before planning; the worker then seals the whole
// stdin of the sensitive cibadmin step that carries it. The host must get the password, not the
// inner token (found by lib/security/secret-scan.int.test.ts against a real sshd). A reversible
// stand-in for the key keeps this test pure.
const seal = (text: string) => SEALED_PREFIX + Buffer.from(text, "utf8").toString("base64url");
const open = (text: string) => replaceSealedTokens(text, (t) => Buffer.from(t.slice(SEALED_PREFIX.length), "base64url").toString("utf8"));

describe("sealed secrets inside a sealed step", () => {
  it("open all the way down before the step goes to its host", () => {
    const xml = `<nvpair name="password" value="${seal("hunter2")}"/>`;
    const plan = sealSensitiveSteps(
      buildPlan({ title: "t", steps: [commandStep({ id: "s", title: "fence", host: "pve1", argv: ["cibadmin", "--create", "--xml-pipe"], stdin: xml, sensitive: true })] }),
      seal,
    );
    const stored = plan.steps[0]!;
    expect(stored.action.kind === "command" && stored.action.stdin).toMatch(/^panel-sealed:[A-Za-z0-9_-]+$/);
    const live = openStepSecrets(stored, open);
    expect(live.action.kind === "command" && live.action.stdin).toBe('<nvpair name="password" value="hunter2"/>');
    expect(live.sensitive).toBe(true);
  });
});
