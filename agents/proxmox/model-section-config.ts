import { z } from "zod";

// One line inside a section: `key value`, a value-less flag (`sparse`, value null) or a comment.
export const ZSectionLine = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("option"), key: z.string().min(1), value: z.string().nullable() }),
  z.object({ kind: z.literal("comment"), text: z.string() }),
]);
export type TSectionLine = z.infer<typeof ZSectionLine>;

// `type: id` plus its lines. `comments` are the `#` lines written just above the header; they
// travel with the section so an edited file keeps the admin's notes where they were.
export const ZSection = z.object({
  type: z.string().min(1),
  id: z.string().min(1),
  comments: z.array(z.string()),
  lines: z.array(ZSectionLine),
});
export type TSection = z.infer<typeof ZSection>;

export const ZSectionConfig = z.object({
  sections: z.array(ZSection),
  trailingComments: z.array(z.string()),
});
export type TSectionConfig = z.infer<typeof ZSectionConfig>;

// Keys a typed model does not know, in file order; null marks a value-less flag.
export const ZExtraOptions = z.record(z.string(), z.string().nullable());
export type TExtraOptions = z.infer<typeof ZExtraOptions>;
