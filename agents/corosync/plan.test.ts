import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planSummary } from "@/lib/plan/plan";
import { freshHost, lab2Desired, lab3Desired } from "./__fixtures__/lab-desired";
import { authkeySha256, generateAuthkey } from "./authkey";
import type { TCorosyncConfig } from "./model";
import { readCorosyncConfig } from "./parse-conf";
import { CONF_VALIDATE, planCorosyncCluster } from "./plan";
import type { TCorosyncObserved } from "./probe";
import { renderCorosyncConf } from "./render-conf";

const stub = readFileSync(path.join(import.meta.dirname, "__fixtures__", "debian-stub-corosync.conf"), "utf8");
const KEY = Buffer.alloc(256, 7).toString("base64");
const HOSTS = ["lab1", "lab2", "lab3"];

const fresh = () => Object.fromEntries(HOSTS.map((h) => [h, freshHost(h, stub)]));

// A host already running `config` at `version` with KEY.
function configured(host: string, config: TCorosyncConfig, version: number): TCorosyncObserved {
  const confText = renderCorosyncConf({ ...config, configVersion: version });
  return {
    ...freshHost(host, null),
    confText,
    conf: readCorosyncConfig(confText),
    authkeyPresent: true,
    authkeySha256: authkeySha256(KEY),
    corosyncActive: true,
    corosyncEnabled: true,
    quorumExitCode: 0,
    quorumError: null,
  };
}
const running = (config: TCorosyncConfig, version: number) => Object.fromEntries(HOSTS.map((h) => [h, configured(h, config, version)]));

const stepIds = (plan: ReturnType<typeof planCorosyncCluster>) => plan.steps.map((s) => s.id);

describe("planCorosyncCluster", () => {
  it("plans a fresh 3-node cluster: authkeys, configs, enable, start, in that order", () => {
    const plan = planCorosyncCluster(lab3Desired, fresh(), { authkey: KEY });
    expect(stepIds(plan)).toEqual([
      "corosync-authkey-lab1",
      "corosync-authkey-lab2",
      "corosync-authkey-lab3",
      "corosync-conf-lab1",
      "corosync-conf-lab2",
      "corosync-conf-lab3",
      "corosync-enable-lab1",
      "corosync-enable-lab2",
      "corosync-enable-lab3",
      "corosync-start-lab1",
      "corosync-start-lab2",
      "corosync-start-lab3",
    ]);
    expect(plan.steps.map((s) => s.host)).toEqual([...HOSTS, ...HOSTS, ...HOSTS, ...HOSTS]);
    expect(plan.reports.map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);
    expect(planSummary(plan).text).toBe("12 steps on 3 hosts, 3 files written, 1 warning");
  });

  it("writes the key as a sensitive, non-destructive step that checks hash and mode 0400", () => {
    const key = planCorosyncCluster(lab3Desired, fresh(), { authkey: KEY }).steps[0];
    expect(key?.sensitive).toBe(true);
    expect(key?.destructive).toBe(false);
    expect(key?.action).toMatchObject({ kind: "command", stdin: KEY });
    expect(key?.action.kind === "command" && key.action.argv.join(" ")).not.toContain(KEY);
    expect(key?.check).toMatchObject({ kind: "command" });
    expect(key?.check?.kind === "command" && key.check.argv.at(-1)).toBe(authkeySha256(KEY));
    expect(key?.undo?.kind).toBe("command");
  });

  it("renders config_version 1 over Debian's stub, validated by corosync -t, with a diff from the stub", () => {
    const plan = planCorosyncCluster(lab3Desired, fresh(), { authkey: KEY });
    const write = plan.steps.find((s) => s.id === "corosync-conf-lab2");
    const expected = renderCorosyncConf({ ...lab3Desired, configVersion: 1 });
    expect(write?.action).toEqual({ kind: "write-file", path: "/etc/corosync/corosync.conf", content: expected, mode: "0644", validate: CONF_VALIDATE });
    expect(expected).toContain("    config_version: 1\n");
    expect(write?.check).toEqual({ kind: "file-content", path: "/etc/corosync/corosync.conf", content: expected });
    expect(write?.undo).toEqual({ kind: "restore-file" });
    const diff = plan.diffs.find((d) => d.stepId === "corosync-conf-lab2");
    expect(diff?.before).toBe(stub);
    expect(diff?.patch).toContain("-\tcluster_name: debian");
    expect(diff?.patch).toContain("+    cluster_name: panelclu");
  });

  it("starts with the checks that make a re-run a no-op", () => {
    const plan = planCorosyncCluster(lab3Desired, fresh(), { authkey: KEY });
    const start = plan.steps.find((s) => s.id === "corosync-start-lab3");
    expect(start?.action).toEqual({ kind: "command", argv: ["systemctl", "start", "corosync"] });
    expect(start?.check).toEqual({ kind: "command", argv: ["systemctl", "is-active", "corosync"] });
    expect(start?.undo).toEqual({ kind: "command", argv: ["systemctl", "stop", "corosync"] });
  });

  it("is empty when every node runs the desired config with one key", () => {
    const plan = planCorosyncCluster(lab3Desired, running(lab3Desired, 4), { authkey: generateAuthkey() });
    expect(plan.steps).toEqual([]);
    expect(plan.diffs).toEqual([]);
    expect(plan.reports.map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);
  });

  it("a changed setting cfgtool -R can apply: new config with config_version bumped on every node, then one reload", () => {
    const desired: TCorosyncConfig = { ...lab3Desired, logging: { ...lab3Desired.logging, debug: true } };
    const plan = planCorosyncCluster(desired, running(lab3Desired, 4));
    expect(stepIds(plan)).toEqual(["corosync-conf-lab1", "corosync-conf-lab2", "corosync-conf-lab3", "corosync-reload"]);
    expect(plan.steps[0]?.action).toMatchObject({ kind: "write-file", content: renderCorosyncConf({ ...desired, configVersion: 5 }) });
    expect(plan.diffs[0]?.patch).toContain("-    config_version: 4\n+    config_version: 5");
    const reload = plan.steps[3];
    expect(reload).toMatchObject({ host: "lab1", action: { kind: "command", argv: ["corosync-cfgtool", "-R"] }, undo: null, destructive: false });
    expect(reload?.check?.kind === "command" && reload.check.argv.at(-1)).toBe("5");
    expect(plan.reports.map((r) => r.code)).toEqual(["COROSYNC_SINGLE_LINK"]);
  });

  it("a changed link address: config_version bumped, then a restart of each running node (cfgtool -R refuses it)", () => {
    const desired: TCorosyncConfig = { ...lab3Desired, nodes: lab3Desired.nodes.map((n) => (n.name === "lab3" ? { ...n, addrs: ["10.99.0.23"] } : n)) };
    const observed = running(lab3Desired, 4);
    observed.lab3 = { ...(observed.lab3 as TCorosyncObserved), addresses: ["127.0.0.1", "10.99.0.13", "10.99.0.23"] };
    const plan = planCorosyncCluster(desired, observed);
    expect(stepIds(plan)).toEqual([
      "corosync-conf-lab1",
      "corosync-conf-lab2",
      "corosync-conf-lab3",
      "corosync-restart-lab1",
      "corosync-restart-lab2",
      "corosync-restart-lab3",
    ]);
    expect(plan.steps[0]?.action).toMatchObject({ kind: "write-file", content: renderCorosyncConf({ ...desired, configVersion: 5 }) });
    expect(plan.diffs[0]?.patch).toContain("+        ring0_addr: 10.99.0.23");
    const restart = plan.steps[5];
    expect(restart).toMatchObject({ host: "lab3", action: { argv: ["systemctl", "restart", "corosync"] }, destructive: true, undo: null });
    expect(restart?.check?.kind === "command" && restart.check.argv.at(-1)).toBe("5");
    expect(plan.reports.find((r) => r.code === "COROSYNC_RESTART_REQUIRED")).toMatchObject({
      severity: "warning",
      params: { reasons: ["lab3 moves from 10.99.0.13 to 10.99.0.23"] },
    });
  });

  it("refuses a restart while Pacemaker runs", () => {
    const desired: TCorosyncConfig = { ...lab3Desired, nodes: lab3Desired.nodes.map((n) => (n.name === "lab1" ? { ...n, addrs: ["10.99.0.21"] } : n)) };
    const observed = running(lab3Desired, 4);
    observed.lab1 = { ...(observed.lab1 as TCorosyncObserved), pacemakerActive: true, addresses: ["10.99.0.11", "10.99.0.21"] };
    const plan = planCorosyncCluster(desired, observed);
    expect(plan.steps).toEqual([]);
    expect(plan.reports.at(-1)).toMatchObject({ code: "COROSYNC_RESTART_UNDER_PACEMAKER", params: { hosts: ["lab1"] } });
  });

  it("bumps past the highest version any node has, even a stale one", () => {
    const observed = running(lab3Desired, 4);
    observed.lab2 = configured("lab2", { ...lab3Desired, clusterName: "panelclu" }, 9);
    const plan = planCorosyncCluster(lab3Desired, observed);
    expect(plan.steps.map((s) => s.id)).toEqual(["corosync-conf-lab1", "corosync-conf-lab2", "corosync-conf-lab3", "corosync-reload"]);
    expect(plan.steps[0]?.action).toMatchObject({ content: renderCorosyncConf({ ...lab3Desired, configVersion: 10 }) });
  });

  it("refuses two nodes without QDevice or two_node: no steps, the reason as an error", () => {
    const plan = planCorosyncCluster(lab2Desired({}), fresh(), { authkey: KEY });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.filter((r) => r.severity === "error").map((r) => r.code)).toEqual(["COROSYNC_TWO_NODES_NO_TIEBREAKER"]);
  });

  it("plans two nodes with two_node + wait_for_all, carrying the warning", () => {
    const plan = planCorosyncCluster(lab2Desired({ twoNode: true, waitForAll: true }), fresh(), { authkey: KEY });
    expect(plan.steps).toHaveLength(8);
    expect(plan.reports.map((r) => r.code)).toEqual(["COROSYNC_TWO_NODE", "COROSYNC_SINGLE_LINK"]);
    expect(plan.steps[2]?.action).toMatchObject({ content: expect.stringContaining("    two_node: 1\n    wait_for_all: 1\n") });
  });

  it("refuses a ring address that is not on its host", () => {
    const observed = fresh();
    observed.lab2 = { ...(observed.lab2 as TCorosyncObserved), addresses: ["127.0.0.1", "192.168.1.2"] };
    const plan = planCorosyncCluster(lab3Desired, observed, { authkey: KEY });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.filter((r) => r.severity === "error").map((r) => [r.code, r.params.node, r.params.field])).toEqual([
      ["COROSYNC_RING_ADDRESS_NOT_LOCAL", "lab2", "nodes.1.addrs.0"],
    ]);
  });

  it("needs a key when nodes lack one, and refuses to swap the key of a running node", () => {
    expect(planCorosyncCluster(lab3Desired, fresh()).reports.filter((r) => r.severity === "error").map((r) => r.code)).toEqual(["COROSYNC_AUTHKEY_REQUIRED"]);
    expect(planCorosyncCluster(lab3Desired, fresh(), { authkey: "c2hvcnQ=" }).reports.at(-1)?.code).toBe("COROSYNC_AUTHKEY_REQUIRED");
    const observed = running(lab3Desired, 2);
    observed.lab3 = { ...(observed.lab3 as TCorosyncObserved), authkeySha256: "0".repeat(64) };
    const plan = planCorosyncCluster(lab3Desired, observed, { authkey: KEY });
    expect(plan.steps).toEqual([]);
    expect(plan.reports.at(-1)).toMatchObject({ code: "COROSYNC_AUTHKEY_RUNNING", params: { hosts: ["lab3"] } });
  });

  it("writes the key only where it is missing when the others already share the supplied one", () => {
    const observed = fresh();
    observed.lab1 = { ...(observed.lab1 as TCorosyncObserved), authkeyPresent: true, authkeySha256: authkeySha256(KEY) };
    const plan = planCorosyncCluster(lab3Desired, observed, { authkey: KEY });
    expect(stepIds(plan).filter((id) => id.startsWith("corosync-authkey"))).toEqual(["corosync-authkey-lab2", "corosync-authkey-lab3"]);
  });

  it("refuses a cluster name change on a running cluster and an unprobed node", () => {
    const plan = planCorosyncCluster({ ...lab3Desired, clusterName: "other" }, running(lab3Desired, 1));
    expect(plan.reports.filter((r) => r.code === "COROSYNC_RESTART_REQUIRED").map((r) => r.params.host)).toEqual(HOSTS);
    const { lab3: _dropped, ...two } = fresh();
    expect(planCorosyncCluster(lab3Desired, two, { authkey: KEY }).reports.at(-1)).toMatchObject({ code: "COROSYNC_HOST_NOT_PROBED", params: { host: "lab3" } });
  });

  it("starts only the node that is down and reloads nothing when configs already match", () => {
    const observed = running(lab3Desired, 3);
    observed.lab3 = { ...(observed.lab3 as TCorosyncObserved), corosyncActive: false };
    expect(stepIds(planCorosyncCluster(lab3Desired, observed))).toEqual(["corosync-start-lab3"]);
  });
});
