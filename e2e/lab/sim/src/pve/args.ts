import { SimExit } from "../core/main";

// PVE's CLIHandler: positional arguments in a fixed order, then `--key value` / `-key value` /
// `--key=value` options; booleans may stand alone. Errors print PVE's "400 ..." block plus the
// command's synopsis and exit 255 (CLIHandler dies, perl exits with -1).
export type TOptType = "string" | "boolean" | "integer";
export type TCmdSpec = {
  synopsis: string;
  positional: readonly string[];
  optionalPositional?: number; // how many trailing positionals may be left out
  options: Readonly<Record<string, TOptType>>;
};
export type TParsed = { pos: Record<string, string>; opt: Record<string, string | boolean | number> };

const BOOL_WORDS = /^(0|1|yes|no|true|false|on|off)$/i;

export function usageError(spec: TCmdSpec, lines: string[]): SimExit {
  return new SimExit(255, `${lines.join("\n")}\n${spec.synopsis}\n`);
}

export function paramError(spec: TCmdSpec, errors: Record<string, string>): SimExit {
  const body = Object.entries(errors).map(([k, v]) => `${k}: ${v}`);
  return new SimExit(255, `400 Parameter verification failed.\n${body.join("\n")}\n\n${spec.synopsis}\n`);
}

export function parseArgs(spec: TCmdSpec, args: readonly string[]): TParsed {
  const positional: string[] = [];
  const opt: TParsed["opt"] = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!/^--?[A-Za-z]/.test(a)) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const key = a.replace(/^--?/, "").replace(/=.*$/, "");
    const type = spec.options[key];
    if (!type) throw usageError(spec, [`Unknown option: ${key}`, "400 unable to parse option"]);
    let value: string | undefined = eq >= 0 ? a.slice(eq + 1) : undefined;
    if (value === undefined) {
      const next = args[i + 1];
      if (type === "boolean") {
        if (next !== undefined && BOOL_WORDS.test(next)) value = args[++i];
      } else {
        if (next === undefined) throw usageError(spec, [`Option ${key} requires an argument`, "400 unable to parse option"]);
        value = args[++i];
      }
    }
    if (type === "boolean") opt[key] = value === undefined || /^(1|yes|true|on)$/i.test(value);
    else if (type === "integer") {
      if (!/^-?\d+$/.test(value ?? "")) throw paramError(spec, { [key]: `type check ('integer') failed - got '${value}'` });
      opt[key] = Number(value);
    } else opt[key] = value ?? "";
  }
  const required = spec.positional.length - (spec.optionalPositional ?? 0);
  if (positional.length < required) throw usageError(spec, ["400 not enough arguments"]);
  if (positional.length > spec.positional.length) throw usageError(spec, ["400 too many arguments"]);
  const pos: Record<string, string> = {};
  spec.positional.forEach((name, i) => {
    const v = positional[i];
    if (v !== undefined) pos[name] = v;
  });
  return { pos, opt };
}

export function vmidArg(spec: TCmdSpec, raw: string | undefined): number {
  if (!raw || !/^\d+$/.test(raw) || Number(raw) < 100 || Number(raw) > 999999999) {
    throw paramError(spec, { vmid: "invalid format - value does not look like a valid VM ID" });
  }
  return Number(raw);
}

export function str(p: TParsed, key: string): string | null {
  const v = p.opt[key];
  return typeof v === "string" ? v : null;
}
export function num(p: TParsed, key: string): number | null {
  const v = p.opt[key];
  return typeof v === "number" ? v : null;
}
export function flag(p: TParsed, key: string): boolean {
  return p.opt[key] === true;
}

// `qm <unknown>`: PVE prints the unknown command and a pointer to help.
export function unknownCommand(command: string, sub: string | undefined): SimExit {
  return new SimExit(255, `unknown command '${command} ${sub ?? ""}'\nUSAGE: ${command} <COMMAND> [ARGS] [OPTIONS]\n`);
}
