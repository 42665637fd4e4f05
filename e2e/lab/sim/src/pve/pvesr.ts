import { SimExit, type TSimIO } from "../core/main";
import { flag, num, paramError, parseArgs, str, unknownCommand, type TCmdSpec } from "./args";
import { readReplication, writeReplication } from "./configs";
import { padL, padR, pvesrTime } from "./format";
import { nextSync, runReplication, settle } from "./settle";
import { editSim, findGuest, localNode, readSim } from "./state";

const S = {
  create: {
    synopsis: "pvesr create-local-job <id> <target> [OPTIONS]",
    positional: ["id", "target"],
    options: { schedule: "string", rate: "integer", comment: "string", disable: "boolean", source: "string" },
  },
  list: { synopsis: "pvesr list", positional: [], options: {} },
  status: { synopsis: "pvesr status  [OPTIONS]", positional: [], options: { guest: "integer" } },
  run: { synopsis: "pvesr run  [OPTIONS]", positional: [], options: { id: "string", verbose: "boolean" } },
  delete: { synopsis: "pvesr delete <id> [OPTIONS]", positional: ["id"], options: { force: "boolean", keep: "boolean" } },
  update: {
    synopsis: "pvesr update <id> [OPTIONS]",
    positional: ["id"],
    options: { schedule: "string", rate: "integer", comment: "string", disable: "boolean", delete: "string" },
  },
  enable: { synopsis: "pvesr enable <id>", positional: ["id"], options: {} },
} satisfies Record<string, TCmdSpec>;

const JOB_ID = /^(\d+)-(\d+)$/;
const STATUS_FMT = (c: string[]) =>
  `${padR(c[0] ?? "", 10)} ${padR(c[1] ?? "", 10)} ${padR(c[2] ?? "", 20)} ${padL(c[3] ?? "", 20)} ${padL(c[4] ?? "", 20)} ${padL(c[5] ?? "", 10)} ${padL(c[6] ?? "", 10)} ${c[7] ?? ""}\n`;

export function pvesr(args: string[], io: TSimIO): number {
  const [sub, ...rest] = args;
  settle();
  switch (sub) {
    case "create-local-job": {
      const p = parseArgs(S.create, rest);
      const id = p.pos.id ?? "";
      const m = JOB_ID.exec(id);
      if (!m) throw paramError(S.create, { id: "invalid format - Job ID is not in the form <GUEST>-<JOBNUM>" });
      const target = p.pos.target ?? "";
      const sim = readSim();
      if (sim.cluster && !sim.nodes.some((n) => n.name === target)) throw new SimExit(255, `no such cluster node '${target}'`);
      const guest = findGuest(Number(m[1]));
      if (!guest) throw new SimExit(255, `guest '${m[1]}' does not exist`);
      if (guest.node === target) throw new SimExit(255, `Target node '${target}' is the guest's current node, that's not allowed!`);
      const jobs = readReplication();
      if (jobs.some((j) => j.id === id)) throw new SimExit(255, `replication job '${id}' already exists`);
      if (jobs.some((j) => j.guest === Number(m[1]) && j.target === target)) {
        throw new SimExit(255, `replication job for guest '${m[1]}' to target 'local/${target}' already exists`);
      }
      jobs.push({
        type: "local", id, guest: Number(m[1]), jobnum: Number(m[2]), target,
        schedule: str(p, "schedule"), rate: num(p, "rate"), comment: str(p, "comment"),
        disable: flag(p, "disable") ? true : null, source: guest.node, removeJob: null, extra: {},
      });
      writeReplication(jobs);
      editSim((s) => void (s.replCreated[id] = Date.now()));
      return 0;
    }
    case "update":
    case "enable": {
      const p = parseArgs(sub === "update" ? S.update : S.enable, rest);
      const jobs = readReplication();
      const j = jobs.find((x) => x.id === p.pos.id);
      if (!j) throw new SimExit(255, `no such replication job '${p.pos.id}'`);
      if (sub === "enable") j.disable = null;
      else {
        if (str(p, "schedule") !== null) j.schedule = str(p, "schedule");
        if (num(p, "rate") !== null) j.rate = num(p, "rate");
        if (str(p, "comment") !== null) j.comment = str(p, "comment");
        if (p.opt.disable !== undefined) j.disable = flag(p, "disable") ? true : null;
      }
      writeReplication(jobs);
      return 0;
    }
    case "list": {
      parseArgs(S.list, rest);
      const fmt = (c: string[]) => `${padR(c[0] ?? "", 20)} ${padR(c[1] ?? "", 20)} ${padL(c[2] ?? "", 10)} ${padL(c[3] ?? "", 5)} ${padL(c[4] ?? "", 8)}\n`;
      let out = fmt(["JobID", "Target", "Schedule", "Rate", "Enabled"]);
      for (const j of [...readReplication()].sort((a, b) => (a.guest ?? 0) - (b.guest ?? 0))) {
        out += fmt([j.id, `local/${j.target}`, j.schedule ?? "*/15", j.rate === null ? "-" : String(j.rate), j.disable ? "no" : "yes"]);
      }
      io.out(out);
      return 0;
    }
    case "status": {
      const p = parseArgs(S.status, rest);
      const guestFilter = num(p, "guest");
      const sim = readSim();
      const now = Date.now();
      let out = STATUS_FMT(["JobID", "Enabled", "Target", "LastSync", "NextSync", "Duration", "FailCount", "State"]);
      for (const j of [...readReplication()].sort((a, b) => a.id.localeCompare(b.id))) {
        const g = j.guest === null ? null : findGuest(j.guest);
        if (!g || g.node !== localNode() || (guestFilter !== null && j.guest !== guestFilter)) continue;
        const st = sim.repl[j.id] ?? { lastSync: null, lastTry: null, duration: null, failCount: 0, error: null, forcedError: null, syncingUntil: null };
        const next = j.disable ? null : nextSync(st, j.schedule ?? "*/15", sim.replCreated[j.id] ?? now);
        const syncing = st.syncingUntil !== null && st.syncingUntil > now;
        out += STATUS_FMT([
          j.id,
          j.disable ? "No" : "Yes",
          `local/${j.target}`,
          st.lastSync === null ? "-" : pvesrTime(st.lastSync),
          next === null ? "-" : next <= now ? "pending" : pvesrTime(next),
          st.duration === null ? "-" : String(st.duration),
          String(st.failCount),
          syncing ? "SYNCING" : (st.error ?? "OK"),
        ]);
      }
      io.out(out);
      return 0;
    }
    case "run": {
      const p = parseArgs(S.run, rest);
      const id = str(p, "id");
      const jobs = readReplication().filter((j) => (id === null ? findGuest(j.guest ?? -1)?.node === localNode() : j.id === id));
      if (id !== null && jobs.length === 0) throw new SimExit(255, `no such replication job '${id}'`);
      for (const j of jobs) {
        const error = editSim((s) => runReplication(s, j.id, Date.now()));
        if (error) throw new SimExit(255, error);
      }
      return 0;
    }
    case "delete": {
      const p = parseArgs(S.delete, rest);
      const jobs = readReplication();
      const j = jobs.find((x) => x.id === p.pos.id);
      if (!j) throw new SimExit(255, `no such replication job '${p.pos.id}'`);
      // Without --force PVE only marks the job (remove_job local|full) and the scheduler
      // removes it on its next run; we remove it at once, the way that run ends.
      writeReplication(jobs.filter((x) => x !== j));
      editSim((s) => {
        delete s.repl[j.id];
        delete s.replCreated[j.id];
      });
      return 0;
    }
    default:
      throw unknownCommand("pvesr", sub);
  }
}
