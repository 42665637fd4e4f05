import { describe, expect, it } from "vitest";
import { freshHost, lab2Desired } from "@/agents/corosync/__fixtures__/lab-desired";
import { renderCorosyncConf } from "@/agents/corosync/render-conf";
import { validateCorosyncDesired } from "@/agents/corosync/validate";
import { CERTS_CHECK_SCRIPT, planCorosyncWithQdevice, planQdevice, withQdevice, type TQdeviceDesired } from "./plan";
import { NODE_P12, type TQdeviceObserved } from "./probe";

const KEY = Buffer.alloc(256, 9).toString("base64");
const NOTHING: TQdeviceObserved = {
  qnetdInstalled: false,
  qdeviceInstalled: false,
  qnetdActive: false,
  qnetdEnabled: false,
  qdeviceActive: false,
  qdeviceEnabled: false,
  qnetdDbPresent: false,
  nodeDbPresent: false,
  nodeCertPresent: false,
};
// What the lab's bare hosts have: both packages installed (Debian made the qnetd CA), nothing set up.
const BARE: TQdeviceObserved = { ...NOTHING, qnetdInstalled: true, qdeviceInstalled: true, qnetdDbPresent: true };
const DONE_NODE: TQdeviceObserved = { ...BARE, qdeviceActive: true, qdeviceEnabled: true, nodeDbPresent: true, nodeCertPresent: true };
const DONE_WITNESS: TQdeviceObserved = { ...BARE, qnetdActive: true, qnetdEnabled: true };

const desired: TQdeviceDesired = { clusterName: "panelclu", witness: "lab3", witnessAddress: "10.99.0.13", nodes: ["lab1", "lab2"] };

describe("planQdevice", () => {
  it("on hosts with nothing: packages, CA, qnetd, certificates, qdevice, in that order", () => {
    const plan = planQdevice(desired, { lab1: NOTHING, lab2: NOTHING, lab3: NOTHING });
    expect(plan.steps.map((s) => [s.id, s.host])).toEqual([
      ["qdevice-install-corosync-qnetd-lab3", "lab3"],
      ["qdevice-qnetd-db-lab3", "lab3"],
      ["qdevice-enable-corosync-qnetd-lab3", "lab3"],
      ["qdevice-start-corosync-qnetd-lab3", "lab3"],
      ["qdevice-install-corosync-qdevice-lab1", "lab1"],
      ["qdevice-install-corosync-qdevice-lab2", "lab2"],
      ["qdevice-certificates", "lab1"],
      ["qdevice-enable-corosync-qdevice-lab1", "lab1"],
      ["qdevice-start-corosync-qdevice-lab1", "lab1"],
      ["qdevice-enable-corosync-qdevice-lab2", "lab2"],
      ["qdevice-start-corosync-qdevice-lab2", "lab2"],
    ]);
    expect(plan.reports).toEqual([]);
  });

  it("runs the certutil quick start on the first node and checks every node for the client certificate", () => {
    const certs = planQdevice(desired, { lab1: BARE, lab2: BARE, lab3: BARE }).steps.find((s) => s.id === "qdevice-certificates");
    expect(certs?.action).toEqual({ kind: "command", argv: ["corosync-qdevice-net-certutil", "-Q", "-n", "panelclu", "lab3", "lab1", "lab2"] });
    expect(certs?.check).toEqual({ kind: "command", argv: ["/bin/sh", "-c", CERTS_CHECK_SCRIPT, NODE_P12, "lab1", "lab2"] });
    expect(certs?.undo?.kind).toBe("command");
  });

  it("is empty when qnetd runs and both nodes have certificates and a running qdevice", () => {
    expect(planQdevice(desired, { lab1: DONE_NODE, lab2: DONE_NODE, lab3: DONE_WITNESS }).steps).toEqual([]);
  });

  it("refuses a half-made certificate set, a witness that is a node, three nodes and unprobed hosts", () => {
    const partial = planQdevice(desired, { lab1: DONE_NODE, lab2: { ...BARE, nodeDbPresent: true }, lab3: DONE_WITNESS });
    expect(partial.steps).toEqual([]);
    expect(partial.reports).toMatchObject([{ code: "QDEVICE_CERTS_PARTIAL", params: { hosts: ["lab1", "lab2"] } }]);
    expect(planQdevice({ ...desired, witness: "lab2" }, { lab1: BARE, lab2: BARE }).reports.map((r) => r.code)).toEqual(["QDEVICE_WITNESS_IS_NODE"]);
    expect(planQdevice({ ...desired, nodes: ["lab1", "lab2", "lab4"] }, { lab1: BARE, lab2: BARE, lab3: BARE, lab4: BARE }).reports.map((r) => r.code)).toEqual([
      "QDEVICE_NODE_COUNT",
    ]);
    expect(planQdevice(desired, { lab1: BARE, lab2: BARE }).reports).toMatchObject([{ code: "QDEVICE_HOST_NOT_PROBED", params: { hosts: ["lab3"] } }]);
  });
});

describe("withQdevice / planCorosyncWithQdevice", () => {
  it("puts a net device with ffsplit and TLS in corosync.conf and drops two_node", () => {
    const config = withQdevice(lab2Desired({ twoNode: true, waitForAll: true }), "10.99.0.13");
    expect(validateCorosyncDesired(config).map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);
    expect(renderCorosyncConf(config)).toContain(
      "    device {\n        model: net\n        votes: 1\n        net {\n            host: 10.99.0.13\n            algorithm: ffsplit\n            tls: on\n        }\n    }\n",
    );
    expect(renderCorosyncConf(config)).not.toContain("two_node");
  });

  it("plans corosync (with the device) first, then the QDevice", () => {
    const plan = planCorosyncWithQdevice(
      lab2Desired({}),
      { witness: "lab3", witnessAddress: "10.99.0.13" },
      { corosync: { lab1: freshHost("lab1", null), lab2: freshHost("lab2", null) }, qdevice: { lab1: BARE, lab2: BARE, lab3: BARE } },
      { authkey: KEY },
    );
    expect(plan.reports.map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);
    expect(plan.steps.map((s) => s.id)).toEqual([
      "corosync-authkey-lab1",
      "corosync-authkey-lab2",
      "corosync-conf-lab1",
      "corosync-conf-lab2",
      "corosync-enable-lab1",
      "corosync-enable-lab2",
      "corosync-start-lab1",
      "corosync-start-lab2",
      "qdevice-enable-corosync-qnetd-lab3",
      "qdevice-start-corosync-qnetd-lab3",
      "qdevice-certificates",
      "qdevice-enable-corosync-qdevice-lab1",
      "qdevice-start-corosync-qdevice-lab1",
      "qdevice-enable-corosync-qdevice-lab2",
      "qdevice-start-corosync-qdevice-lab2",
    ]);
    expect(plan.diffs[0]?.after).toContain("host: 10.99.0.13");
  });

  it("stops at the corosync errors without planning the QDevice", () => {
    const plan = planCorosyncWithQdevice(
      { ...lab2Desired({}), cryptoCipher: "none", cryptoHash: "none" },
      { witness: "lab3", witnessAddress: "10.99.0.13" },
      { corosync: { lab1: freshHost("lab1", null), lab2: freshHost("lab2", null) }, qdevice: {} },
      { authkey: KEY },
    );
    expect(plan.steps).toEqual([]);
    expect(plan.reports.filter((r) => r.severity === "error").map((r) => r.code)).toEqual(["COROSYNC_CRYPTO_OFF"]);
  });
});
