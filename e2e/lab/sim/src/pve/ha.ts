import type { THaResource } from "../../../../../agents/proxmox/model-config";
import { parseNodePriorities } from "../../../../../agents/proxmox/ha-cfg";
import { SimExit, type TSimIO } from "../core/main";
import { num, paramError, parseArgs, str, unknownCommand, type TCmdSpec } from "./args";
import { onlineNodes, quorumOf } from "./corosync";
import { readHaGroups, readHaResources, readHaRules, writeHaGroups, writeHaResources, writeHaRules } from "./configs";
import { ctime } from "./format";
import { editSim, findGuest, listGuests, localNode, readSim, type TPveSim } from "./state";
import { settle, startMigration } from "./settle";

const resOpts = { state: "string", group: "string", max_restart: "integer", max_relocate: "integer", comment: "string", failback: "boolean" } as const;
const S = {
  add: { synopsis: "ha-manager add <sid> [OPTIONS]", positional: ["sid"], options: { ...resOpts, type: "string" } },
  set: { synopsis: "ha-manager set <sid> [OPTIONS]", positional: ["sid"], options: { ...resOpts, delete: "string", digest: "string" } },
  remove: { synopsis: "ha-manager remove <sid> [OPTIONS]", positional: ["sid"], options: { purge: "boolean" } },
  status: { synopsis: "ha-manager status  [OPTIONS]", positional: [], options: { verbose: "boolean" } },
  config: { synopsis: "ha-manager config  [OPTIONS]", positional: [], options: { type: "string" } },
  migrate: { synopsis: "ha-manager migrate <sid> <node>", positional: ["sid", "node"], options: {} },
  groupadd: {
    synopsis: "ha-manager groupadd <group> --nodes <string> [OPTIONS]",
    positional: ["group"],
    options: { nodes: "string", restricted: "boolean", nofailback: "boolean", comment: "string", type: "string" },
  },
  groupremove: { synopsis: "ha-manager groupremove <group>", positional: ["group"], options: {} },
  groupconfig: { synopsis: "ha-manager groupconfig", positional: [], options: {} },
  rulesAdd: {
    synopsis: "ha-manager rules add <type> <rule> --resources <string> [OPTIONS]",
    positional: ["type", "rule"],
    options: { resources: "string", nodes: "string", strict: "boolean", affinity: "string", comment: "string", disable: "boolean" },
  },
  rulesRemove: { synopsis: "ha-manager rules remove <rule>", positional: ["rule"], options: {} },
  rulesConfig: { synopsis: "ha-manager rules config  [OPTIONS]", positional: [], options: { type: "string", resource: "string", state: "string" } },
  maint: { synopsis: "ha-manager crm-command node-maintenance enable <node>", positional: ["node"], options: {} },
} satisfies Record<string, TCmdSpec>;

const STATES = ["started", "stopped", "enabled", "disabled", "ignored"];

// `vm:100`, `ct:101` or a bare `100` (type looked up from the guest).
function parseSid(spec: TCmdSpec, raw: string): { sid: string; type: string; id: string; vmid: number } {
  const m = /^(?:(vm|ct):)?(\d+)$/.exec(raw);
  if (!m) throw paramError(spec, { sid: `invalid format - value does not look like a valid ha resource id` });
  const vmid = Number(m[2]);
  const type = m[1] ?? (findGuest(vmid)?.kind === "lxc" ? "ct" : "vm");
  return { sid: `${type}:${vmid}`, type, id: String(vmid), vmid };
}

function checkState(spec: TCmdSpec, state: string | null): void {
  if (state !== null && !STATES.includes(state)) throw paramError(spec, { state: `value '${state}' does not have a value in the enumeration '${STATES.join(", ")}'` });
}

function serviceState(s: TPveSim, r: THaResource): string {
  const t = s.ha.transient[r.sid];
  if (t) return t.state;
  const want = r.state ?? "started";
  if (want === "enabled") return "started";
  return want;
}

export function haStatusLines(s: TPveSim, now: number): string[] {
  const online = onlineNodes(s);
  const q = quorumOf(s, online);
  const resources = readHaResources();
  const guests = listGuests();
  const lines = [`quorum ${q.quorate || !s.cluster ? "OK" : "No quorum on node '" + localNode() + "'!"}`];
  if (resources.length === 0 && s.ha.maintenance.length === 0) return lines;
  const master = s.nodes.map((n) => n.name).filter((n) => online.has(n)).sort()[0] ?? localNode();
  lines.push(`master ${master} (active, ${ctime(now)})`);
  const nodes = s.cluster ? s.nodes.map((n) => n.name).sort() : [localNode()];
  for (const n of nodes) {
    let state: string;
    if (!online.has(n) && s.cluster) state = `old timestamp - dead?, ${ctime(s.ha.downSince[n] ?? now)}`;
    else if (s.ha.maintenance.includes(n)) state = `maintenance mode, ${ctime(now)}`;
    else state = `${guests.some((g) => g.node === n && resources.some((r) => r.vmid === g.vmid)) ? "active" : "idle"}, ${ctime(now)}`;
    lines.push(`lrm ${n} (${state})`);
  }
  for (const r of [...resources].sort((a, b) => a.sid.localeCompare(b.sid))) {
    const g = guests.find((x) => x.vmid === r.vmid);
    lines.push(`service ${r.sid} (${g?.node ?? "---"}, ${serviceState(s, r)})`);
  }
  return lines;
}

function renderConfig(resources: THaResource[]): string {
  return resources
    .map((r) => {
      const props: [string, string | number | null][] = [
        ["comment", r.comment],
        ["failback", r.failback === null ? null : r.failback ? 1 : 0],
        ["group", r.group],
        ["max_relocate", r.maxRelocate],
        ["max_restart", r.maxRestart],
        ["state", r.state],
      ];
      return `${r.sid}\n${props.filter(([, v]) => v !== null).map(([k, v]) => `\t${k} ${v}\n`).join("")}`;
    })
    .join("\n");
}

export function haManager(args: string[], io: TSimIO): number {
  const [sub, ...rest] = args;
  settle();
  switch (sub) {
    case "status": {
      parseArgs(S.status, rest);
      io.out(haStatusLines(readSim(), Date.now()).map((l) => `${l}\n`).join(""));
      return 0;
    }
    case "config": {
      const p = parseArgs(S.config, rest);
      const type = str(p, "type");
      io.out(renderConfig(readHaResources().filter((r) => type === null || r.type === type)));
      return 0;
    }
    case "add": {
      const p = parseArgs(S.add, rest);
      const { sid, type, id, vmid } = parseSid(S.add, p.pos.sid ?? "");
      checkState(S.add, str(p, "state"));
      if (!findGuest(vmid)) throw new SimExit(255, `unable to find configuration file for VM ${vmid} - no such machine`);
      const list = readHaResources();
      if (list.some((r) => r.sid === sid)) throw new SimExit(255, `resource ID '${sid}' already defined`);
      const group = str(p, "group");
      if (group !== null && !readHaGroups().some((g) => g.group === group)) throw new SimExit(255, `group '${group}' does not exist`);
      list.push({
        sid, type, id, vmid,
        state: str(p, "state"), group,
        maxRestart: num(p, "max_restart"), maxRelocate: num(p, "max_relocate"),
        failback: null, comment: str(p, "comment"), extra: {},
      });
      writeHaResources(list);
      if ((str(p, "state") ?? "started") === "started") editSim((s) => void (s.running[String(vmid)] ??= Date.now()));
      return 0;
    }
    case "set": {
      const p = parseArgs(S.set, rest);
      const { sid, vmid } = parseSid(S.set, p.pos.sid ?? "");
      checkState(S.set, str(p, "state"));
      const list = readHaResources();
      const r = list.find((x) => x.sid === sid);
      if (!r) throw new SimExit(255, `no such resource '${sid}'`);
      if (str(p, "state") !== null) r.state = str(p, "state");
      if (str(p, "group") !== null) r.group = str(p, "group");
      if (num(p, "max_restart") !== null) r.maxRestart = num(p, "max_restart");
      if (num(p, "max_relocate") !== null) r.maxRelocate = num(p, "max_relocate");
      if (str(p, "comment") !== null) r.comment = str(p, "comment");
      for (const key of (str(p, "delete") ?? "").split(",").filter(Boolean)) {
        if (key === "group") r.group = null;
        if (key === "comment") r.comment = null;
        if (key === "max_restart") r.maxRestart = null;
        if (key === "max_relocate") r.maxRelocate = null;
      }
      writeHaResources(list);
      editSim((s) => {
        if (r.state === "stopped" || r.state === "disabled") delete s.running[String(vmid)];
        else if (r.state === "started" || r.state === null) s.running[String(vmid)] ??= Date.now();
      });
      return 0;
    }
    case "remove": {
      const p = parseArgs(S.remove, rest);
      const { sid } = parseSid(S.remove, p.pos.sid ?? "");
      const list = readHaResources();
      if (!list.some((r) => r.sid === sid)) throw new SimExit(255, `cannot delete service '${sid}', not HA managed!`);
      writeHaResources(list.filter((r) => r.sid !== sid));
      return 0;
    }
    case "migrate":
    case "relocate": {
      const p = parseArgs(S.migrate, rest);
      const { sid, vmid } = parseSid(S.migrate, p.pos.sid ?? "");
      const node = p.pos.node ?? "";
      if (!readHaResources().some((r) => r.sid === sid)) throw new SimExit(255, `service '${sid}' not managed by ha`);
      const g = findGuest(vmid);
      const s0 = readSim();
      if (!s0.nodes.some((n) => n.name === node)) throw new SimExit(255, `no such cluster node '${node}'`);
      if (g && g.node !== node) {
        editSim((s) => {
          s.ha.transient[sid] = { state: sub === "migrate" ? "migrate" : "relocate", node: g.node };
          startMigration(s, { vmid, kind: g.kind, source: g.node, target: node, online: s.running[String(vmid)] !== undefined && g.kind === "qemu" }, Date.now());
        });
      }
      return 0;
    }
    case "groupadd": {
      const p = parseArgs(S.groupadd, rest);
      const group = p.pos.group ?? "";
      const nodes = str(p, "nodes");
      if (nodes === null) throw paramError(S.groupadd, { nodes: "property is missing and it is not optional" });
      const groups = readHaGroups();
      if (groups.some((g) => g.group === group)) throw new SimExit(255, `ha group '${group}' already defined`);
      groups.push({
        group,
        nodes: parseNodePriorities(nodes, "ha-manager", "nodes"),
        restricted: p.opt.restricted === true ? true : null,
        nofailback: p.opt.nofailback === true ? true : null,
        comment: str(p, "comment"),
        extra: {},
      });
      writeHaGroups(groups);
      return 0;
    }
    case "groupremove": {
      const p = parseArgs(S.groupremove, rest);
      const groups = readHaGroups();
      if (!groups.some((g) => g.group === p.pos.group)) throw new SimExit(255, `no such ha group '${p.pos.group}'`);
      writeHaGroups(groups.filter((g) => g.group !== p.pos.group));
      return 0;
    }
    case "groupconfig": {
      parseArgs(S.groupconfig, rest);
      io.out(
        readHaGroups()
          .map((g) => {
            const props: [string, string | null][] = [
              ["comment", g.comment],
              ["nodes", g.nodes.map((n) => (n.priority === null ? n.node : `${n.node}:${n.priority}`)).join(",")],
              ["nofailback", g.nofailback === null ? null : g.nofailback ? "1" : "0"],
              ["restricted", g.restricted === null ? null : g.restricted ? "1" : "0"],
            ];
            return `group: ${g.group}\n${props.filter(([, v]) => v !== null).map(([k, v]) => `\t${k} ${v}\n`).join("")}`;
          })
          .join("\n"),
      );
      return 0;
    }
    case "rules":
      return rules(rest, io);
    case "crm-command": {
      const [what, verb, ...more] = rest;
      if (what !== "node-maintenance" || (verb !== "enable" && verb !== "disable")) throw unknownCommand("ha-manager crm-command", what);
      const p = parseArgs(S.maint, more);
      const node = p.pos.node ?? "";
      editSim((s) => {
        if (s.cluster && !s.nodes.some((n) => n.name === node)) throw new SimExit(255, `no such cluster node '${node}'`);
        s.ha.maintenance = s.ha.maintenance.filter((n) => n !== node);
        if (verb === "enable") s.ha.maintenance.push(node);
      });
      settle();
      return 0;
    }
    default:
      throw unknownCommand("ha-manager", sub);
  }
}

function rules(rest: string[], io: TSimIO): number {
  const [verb, ...more] = rest;
  if (verb === "add") {
    const p = parseArgs(S.rulesAdd, more);
    const type = p.pos.type ?? "";
    if (type !== "node-affinity" && type !== "resource-affinity") {
      throw paramError(S.rulesAdd, { type: `value '${type}' does not have a value in the enumeration 'node-affinity, resource-affinity'` });
    }
    const resources = str(p, "resources");
    if (resources === null) throw paramError(S.rulesAdd, { resources: "property is missing and it is not optional" });
    const list = readHaRules();
    if (list.some((r) => r.id === p.pos.rule)) throw new SimExit(255, `rule '${p.pos.rule}' already defined`);
    const nodes = str(p, "nodes");
    list.push({
      type,
      id: p.pos.rule ?? "",
      resources: resources.split(",").filter(Boolean),
      nodes: nodes === null ? null : parseNodePriorities(nodes, "ha-manager", "nodes"),
      strict: p.opt.strict === undefined ? null : p.opt.strict === true,
      affinity: str(p, "affinity"),
      disable: p.opt.disable === true ? true : null,
      comment: str(p, "comment"),
      extra: {},
    });
    writeHaRules(list);
    return 0;
  }
  if (verb === "remove") {
    const p = parseArgs(S.rulesRemove, more);
    const list = readHaRules();
    if (!list.some((r) => r.id === p.pos.rule)) throw new SimExit(255, `no such rule '${p.pos.rule}'`);
    writeHaRules(list.filter((r) => r.id !== p.pos.rule));
    return 0;
  }
  if (verb === "config") {
    const p = parseArgs(S.rulesConfig, more);
    const type = str(p, "type");
    const list = readHaRules().filter((r) => type === null || r.type === type);
    const head = `${"enabled".padEnd(8)} ${"type".padEnd(18)} ${"rule".padEnd(16)} resources\n`;
    io.out(list.length === 0 ? "" : head + list.map((r) => `${(r.disable ? "0" : "1").padEnd(8)} ${r.type.padEnd(18)} ${r.id.padEnd(16)} ${r.resources.join(",")}\n`).join(""));
    return 0;
  }
  throw unknownCommand("ha-manager rules", verb);
}
