import { takeFault } from "./faults";

// Thrown by a simulator to end the way the real tool ends: message on stderr, exit code.
export class SimExit extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly stdout = "",
  ) {
    super(message);
  }
}

export type TSimIO = { out: (text: string) => void; err: (text: string) => void };

// Every simulator entry point: apply any injected fault first, then run the handler.
// Output is written as whole strings so it matches the real tool byte for byte.
export async function runSim(
  command: string,
  handler: (args: string[], io: TSimIO) => Promise<number | void> | number | void,
): Promise<void> {
  const args = process.argv.slice(2);
  const io: TSimIO = { out: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t) };
  let code = 0;
  try {
    const fault = takeFault(command, args);
    if (fault) {
      if (fault.hangMs > 0) await new Promise((r) => setTimeout(r, fault.hangMs));
      io.out(fault.stdout);
      io.err(fault.stderr);
      code = fault.exitCode;
    } else {
      code = (await handler(args, io)) ?? 0;
    }
  } catch (e) {
    if (e instanceof SimExit) {
      io.out(e.stdout);
      if (e.message) io.err(e.message.endsWith("\n") ? e.message : `${e.message}\n`);
      code = e.code;
    } else {
      io.err(`${command}: simulator bug: ${e instanceof Error ? e.stack : String(e)}\n`);
      code = 70;
    }
  }
  process.exitCode = code;
}
