import { z } from "zod";

export const MAX_CAPTURE_BYTES = 4 * 1024 * 1024;

export const ZParseCaptureInput = z.object({
  text: z.string().min(1, "paste a capture first").max(MAX_CAPTURE_BYTES, "at most 4 MiB"),
  format: z.string().regex(/^(auto|[a-z0-9-]{2,40})$/, "unknown format"),
});
export type TParseCaptureInput = z.infer<typeof ZParseCaptureInput>;
