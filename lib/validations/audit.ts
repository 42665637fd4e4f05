import { z } from "zod";

// Audit filters arrive as query strings; anything malformed is dropped rather than
// failing the page, since a filter is a convenience, not an input that changes state.
export const ZAuditFilter = z.object({
  action: z.string().trim().max(64).regex(/^[a-z0-9.-]*$/).optional().catch(undefined),
  host: z.string().trim().max(253).regex(/^[A-Za-z0-9.:-]*$/).optional().catch(undefined),
  job: z.string().trim().max(64).regex(/^[a-z0-9]*$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;
