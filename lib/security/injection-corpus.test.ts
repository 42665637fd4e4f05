import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZCephPoolName } from "@/agents/ceph/desired";
import { ZLinstorName } from "@/agents/linstor/desired";
import { ZPacemakerDesired } from "@/agents/pacemaker/desired";
import { planPacemakerConfig } from "@/agents/pacemaker/plan";
import { observedWith } from "@/agents/pacemaker/__fixtures__/observed";
import * as pve from "@/agents/proxmox/ids";
import { HOSTILE_ARGS } from "@/lib/ssh/__fixtures__/hostile-args";
import { ZClusterName } from "@/lib/validations/cluster";
import { ZGuestHaEnrollInput, ZGuestMigrateInput, ZNodeMaintenanceInput } from "@/lib/validations/guests";
import { ZAddHostInput, ZHostAddress, ZHostName, ZSshUser } from "@/lib/validations/host";
import { ZParam, ZWizardDiskName, ZWizardHostName } from "@/lib/wizard/model";
import { ZPveGroupId, ZWatchdogModule } from "@/lib/wizard/model-pve";

// The SSH engine's injection corpus (lib/ssh/__fixtures__/hostile-args.ts) fed to every
// validator that guards an identifier on its way to a host. Nothing with a shell or option
// meaning may come out. The runner itself carries any argv literally over a real sshd
// (lib/ssh/pool.int.test.ts, same corpus); the two together mean no input executes.

// Characters that mean something to a shell, a glob, XML, or a terminal, and any whitespace.
const SHELL_OR_SPACE = /[;&|$`'"<>(){}[\]\\!#~?*=%\s\p{C}]/u;

const IDENTIFIERS: [string, z.ZodType][] = [
  ["host name (inventory)", ZHostName],
  ["host address", ZHostAddress],
  ["SSH user", ZSshUser],
  ["cluster name (panel)", ZClusterName],
  ["PVE node name", pve.ZPveNodeName],
  ["PVE cluster name", pve.ZClusterName],
  ["PVE storage id", pve.ZStorageId],
  ["HA group / rule id", pve.ZConfigId],
  ["IP address", pve.ZIpAddress],
  ["disk path", pve.ZDiskPath],
  ["ZFS pool name", pve.ZPoolName],
  ["wizard host name", ZWizardHostName],
  ["wizard disk name", ZWizardDiskName],
  ["watchdog module", ZWatchdogModule],
  ["PVE HA group id (wizard)", ZPveGroupId],
  ["Ceph pool name", ZCephPoolName],
  ["LINSTOR name", ZLinstorName],
];

describe("identifiers reaching a command line", () => {
  it.each(IDENTIFIERS)("%s: no corpus string comes out with a shell meaning or as an option", (_label, schema) => {
    const accepted = HOSTILE_ARGS.flatMap((s) => {
      const r = schema.safeParse(s);
      return r.success ? [r.data as string] : [];
    });
    for (const value of accepted) {
      expect(value, JSON.stringify(value)).not.toMatch(SHELL_OR_SPACE);
      expect(value.startsWith("-"), JSON.stringify(value)).toBe(false);
      expect(value).not.toBe("");
    }
  });

  it("accepts only the corpus strings that trimming turns into plain names", () => {
    // zod's trim() removes Unicode spaces; what is left is a plain DNS label.
    expect(HOSTILE_ARGS.flatMap((s) => (ZHostName.safeParse(s).success ? [ZHostName.parse(s)] : []))).toEqual(["non-breaking", "line-separator"]);
    for (const [, schema] of IDENTIFIERS.filter(([l]) => !/host name \(|host address|SSH user|cluster name \(panel/.test(l))) {
      expect(HOSTILE_ARGS.filter((s) => schema.safeParse(s).success)).toEqual([]);
    }
  });

  it("replication schedules accept spaces and '*' (calendar syntax) but nothing a shell or pvesr's option parser would act on", () => {
    const accepted = HOSTILE_ARGS.filter((s) => pve.ZSchedule.safeParse(s).success);
    expect(accepted).toEqual([" ", "  spaces around  ", "two words", "*", "/etc/*", "-rf", "--", "-", "--help", "-n", "-e", ".."]);
    // They only ever follow --schedule, a mandatory option value, in an argv array (no shell, no glob).
    for (const s of accepted) expect(s).not.toMatch(/[;&|$`'"<>(){}[\]\\!#~?\n\r\t]/);
  });

  it("refuses every corpus string in the guest actions' inputs", () => {
    for (const s of HOSTILE_ARGS) {
      expect(ZGuestMigrateInput.safeParse({ vmid: 100, target: s }).success, JSON.stringify(s)).toBe(false);
      expect(ZGuestMigrateInput.safeParse({ vmid: s, target: "pve1" }).success, JSON.stringify(s)).toBe(false);
      expect(ZNodeMaintenanceInput.safeParse({ node: s, enable: true }).success, JSON.stringify(s)).toBe(false);
      expect(ZGuestHaEnrollInput.safeParse({ vmid: 100, partner: s }).success, JSON.stringify(s)).toBe(false);
    }
  });

  it("refuses every corpus string as the address or name of a new host (the trimmed Unicode spaces aside)", () => {
    for (const s of HOSTILE_ARGS) {
      const r = ZAddHostInput.safeParse({ name: "pve1", address: s });
      if (r.success) expect(r.data.address).toMatch(/^[A-Za-z0-9-]+$/);
      const n = ZAddHostInput.safeParse({ name: s, address: "10.0.0.5" });
      if (n.success) expect(n.data.name).toMatch(/^[A-Za-z0-9-]+$/);
    }
  });
});

// Fencing parameters are free text (a BMC password can hold anything): they travel as XML on
// cibadmin's stdin, so the danger is XML injection (a value that closes its attribute and adds
// elements), not the shell. Each value must come back as exactly one nvpair with that value.
const oneLine = HOSTILE_ARGS.filter((s) => ZParam.safeParse({ name: "password", value: s }).success);

// As libxml2 (cibadmin) reads it: no trimming, entities decoded.
const literalXml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", trimValues: false, processEntities: true, htmlEntities: false, isArray: (_n, _p, _leaf, isAttribute) => !isAttribute });
const PLAIN = "plain-password-0";

function stonithStdin(value: string): string {
  const desired = ZPacemakerDesired.parse({
    properties: { "no-quorum-policy": "stop" },
    rscDefaults: { "resource-stickiness": "100" },
    primitives: [
      { id: "web_ip", agent: "ocf:heartbeat:IPaddr2", params: { ip: "10.99.0.80", cidr_netmask: "24" }, ops: [{ name: "monitor", interval: "10s" }] },
      { id: "web_svc", agent: "ocf:pacemaker:Dummy" },
    ],
    groups: [{ id: "web", members: ["web_ip", "web_svc"] }],
    locations: [{ id: "web_prefers_lab2", rsc: "web", node: "lab2", score: "50" }],
    stonith: [{ id: "fence_lab1", agent: "fence_ipmilan", params: { ip: "10.0.0.9", password: value } }],
  });
  const plan = planPacemakerConfig(desired, observedWith("cib-lab-web-group.xml"), "lab1");
  const step = plan.steps.find((s) => s.title === "Change primitive fence_lab1 in the work copy");
  if (step?.action.kind !== "command" || step.action.stdin === undefined) throw new Error("no cibadmin step with stdin in the plan");
  expect(step.sensitive).toBe(true);
  expect(step.action.argv.join(" ")).not.toContain(value.length > 3 ? value : "\u0000never");
  return step.action.stdin;
}

describe("fencing parameter values reaching cibadmin", () => {
  it("the wizard takes every corpus string without control characters, of at most 512 characters, as a value", () => {
    expect(oneLine).toEqual(HOSTILE_ARGS.filter((s) => !/\p{Cc}/u.test(s) && s.length <= 512));
    expect(oneLine.length).toBeGreaterThan(0);
  });

  it.each(oneLine.map((s) => [JSON.stringify(s).slice(0, 40), s]))("%s arrives as one nvpair holding exactly that value", (_label, value) => {
    const stdin = stonithStdin(value);
    expect(XMLValidator.validate(stdin)).toBe(true);
    // The same document as for a plain password, with only that attribute's value different.
    const expected = JSON.stringify(literalXml.parse(stonithStdin(PLAIN))).replace(JSON.stringify(PLAIN), JSON.stringify(value));
    expect(JSON.stringify(literalXml.parse(stdin))).toBe(expected);
  });
});
