import path from "node:path";

// Path of the script that prints its arguments NUL-separated (see print-args.sh).
export const PRINT_ARGS_SCRIPT = path.join(import.meta.dirname, "print-args.sh");
