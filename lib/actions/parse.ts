"use server";
import { detectAndParse } from "@/lib/parse/detect";
import { runParse } from "@/lib/parse/run-parse";
import { ZParseCaptureInput } from "@/lib/validations/parse";
import { ActionDenied, viewerAction } from "./safe-action";

// Reads a pasted capture with the same parsers the collector uses. Read-only: viewers may.
export const parseCapture = viewerAction.inputSchema(ZParseCaptureInput).action(async ({ parsedInput }) => {
  const { text, format } = parsedInput;
  const outcome = format === "auto" ? detectAndParse(text) : runParse(format, text);
  if (!outcome) throw new ActionDenied("Could not recognise this capture; choose its format from the list.");
  if (!outcome.ok) throw new ActionDenied(outcome.message);
  return { format: outcome.format, model: outcome.model };
});
