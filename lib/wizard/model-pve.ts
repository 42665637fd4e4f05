import { z } from "zod";

// The draft fields only a Proxmox VE cluster uses: the migration network (Network step) and
// Proxmox HA (HA step: the watchdog that fences, and an HA group). Composed into ZWizardDraft
// (model.ts); every field has a default so older drafts still read.

// Hardware watchdog modules watchdog-mux can load instead of softdog (WATCHDOG_MODULE in
// /etc/default/pve-ha-manager). Others may be typed; these are the common ones.
export const WATCHDOG_MODULES = [
  { module: "ipmi_watchdog", label: "IPMI BMC (ipmi_watchdog)" },
  { module: "iTCO_wdt", label: "Intel chipset TCO (iTCO_wdt)" },
  { module: "sp5100_tco", label: "AMD chipset (sp5100_tco)" },
  { module: "hpwdt", label: "HPE iLO (hpwdt)" },
] as const;

export const ZWatchdogModule = z.string().regex(/^[A-Za-z0-9_]{1,32}$/, "a kernel module name: letters, digits and _");

// pve-configid, as agents/proxmox/ids.ts spells it.
export const ZPveGroupId = z.string().regex(/^[a-z][a-z0-9_-]+$/i, "letters, digits, - or _, starting with a letter (at least 2)");

export const ZWizardNetwork = z.object({
  // CIDR of the network live migrations use (datacenter.cfg `migration: secure,network=`);
  // null: Proxmox's default, the cluster network.
  migrationCidr: z.string().max(64).nullable().default(null),
});

export const ZWizardPveHa = z.object({
  watchdog: z.enum(["softdog", "hardware"]).default("softdog"),
  watchdogModule: z.string().max(32).default(""),
  group: z
    .object({
      id: z.string().max(64).default("prefer_node1"),
      // Node name → priority (higher runs the services first); a node without one has none.
      priorities: z.record(z.string(), z.number().int().min(0).max(1000)).default({}),
      restricted: z.boolean().default(false),
      nofailback: z.boolean().default(false),
    })
    .nullable()
    .default(null),
});
export type TWizardPveHa = z.infer<typeof ZWizardPveHa>;
