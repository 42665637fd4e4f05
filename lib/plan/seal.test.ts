import { describe, expect, it } from "vitest";
import { commandStep, buildPlan } from "./build";
import { ZPlanStep } from "./plan";
import { maskPlanSecrets, openStepSecrets, sealSensitiveSteps } from "./seal";

// A reversible stand-in for the panel's key: enough to see what is sealed and what is opened.
const seal = (text: string) => `panel-sealed:${Buffer.from(text).toString("base64url")}`;
const open = (text: string) => text.replace(/panel-sealed:([A-Za-z0-9_-]+)/g, (_, b: string) => Buffer.from(b, "base64url").toString());

const keyStep = commandStep({ id: "key", title: "Install the key", host: "n1", argv: ["sh", "-c", "cat > /k"], stdin: "KEY-BYTES", undo: { kind: "command", argv: ["rm", "/k"], stdin: "UNDO-SECRET" }, sensitive: true });
const plainStep = commandStep({ id: "cfg", title: "Push config", host: "n1", argv: ["cibadmin", "--xml-pipe"], stdin: '<nvpair name="password" value="x"/>' });
const fileStep = ZPlanStep.parse({
  id: "file",
  title: "Write a secret file",
  host: "n2",
  action: { kind: "write-file", path: "/etc/secret", content: "FILE-SECRET" },
  check: { kind: "file-content", path: "/etc/secret", content: "FILE-SECRET" },
  sensitive: true,
});

describe("sealSensitiveSteps", () => {
  const sealed = sealSensitiveSteps(buildPlan({ title: "t", steps: [keyStep, plainStep, fileStep] }), seal);

  it("seals the stdin, file content, check content and undo stdin of sensitive steps only", () => {
    const text = JSON.stringify(sealed);
    for (const secret of ["KEY-BYTES", "UNDO-SECRET", "FILE-SECRET"]) expect(text).not.toContain(secret);
    expect(sealed.steps[1]).toEqual(plainStep);
    expect(sealed.steps[0]?.action).toMatchObject({ kind: "command", stdin: seal("KEY-BYTES") });
  });

  it("does not seal a token twice, so storing a plan again changes nothing", () => {
    expect(sealSensitiveSteps(sealed, seal)).toEqual(sealed);
  });

  it("opens every secret back for the apply engine, which runs the step as sensitive", () => {
    const opened = sealed.steps.map((s) => openStepSecrets(s, open));
    expect(opened[0]).toEqual(keyStep);
    expect(opened[2]).toEqual(fileStep);
  });

  it("opens a token inside a non-sensitive step's stdin and makes that step sensitive", () => {
    const withToken = commandStep({ ...plainStep, id: "cfg2", argv: ["cibadmin"], stdin: `<nvpair name="password" value="${seal("hunter2")}"/>` });
    const opened = openStepSecrets(withToken, open);
    expect(opened.action).toMatchObject({ stdin: '<nvpair name="password" value="hunter2"/>' });
    expect(opened.sensitive).toBe(true);
    expect(openStepSecrets(plainStep, open)).toBe(plainStep);
  });
});

describe("maskPlanSecrets", () => {
  it("shows a token as [sealed secret] in diffs, previews and step data", () => {
    const token = seal("hunter2");
    const plan = buildPlan({
      title: "t",
      steps: [commandStep({ id: "cfg", title: "Push config", host: "n1", argv: ["cibadmin"], stdin: `<nvpair value="${token}"/>` })],
      diffs: [{ stepId: "cfg", host: "n1", path: "/cib", before: null, after: `value="${token}"`, patch: `+ value="${token}"` }],
      dryRuns: [{ title: "crm_diff", host: "n1", argv: ["crm_diff"], code: 0, output: `<nvpair value="${token}"/>` }],
    });
    const masked = JSON.stringify(maskPlanSecrets(plan));
    expect(masked).not.toContain("panel-sealed:");
    expect(masked.match(/\[sealed secret\]/g)).toHaveLength(4);
  });
});
