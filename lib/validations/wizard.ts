import { z } from "zod";
import { ZWizardDraft } from "@/lib/wizard/model";

// The wizard's server actions. The draft is the same schema the browser validates against as
// the admin types (lib/wizard/model.ts); the step checks (lib/wizard/validate.ts) run on both
// sides too.

const ZClusterId = z.string().min(1).max(64);

export const ZSaveWizardInput = z.object({ clusterId: ZClusterId, draft: ZWizardDraft });
export type TSaveWizardInput = z.input<typeof ZSaveWizardInput>;

export const ZWizardClusterInput = z.object({ clusterId: ZClusterId });

export const ZWizardRetryInput = ZWizardClusterInput.extend({ stage: z.union([z.literal(1), z.literal(2), z.literal(3)]) });
