import { ZReplicationCfg, ZReplicationJob, type TReplicationCfg, type TReplicationJob } from "./model-config";
import type { TSection } from "./model-section-config";
import { buildSection, parseSectionConfig, readOptions, renderSectionConfig } from "./section-config";

const FORMAT = "pve-replication-cfg";

export function replicationJobFromSection(section: TSection, format = FORMAT): TReplicationJob {
  const o = readOptions(section, format);
  const id = /^(\d+)-(\d+)$/.exec(section.id);
  return ZReplicationJob.parse({
    type: section.type,
    id: section.id,
    guest: id ? Number(id[1]) : null,
    jobnum: id ? Number(id[2]) : null,
    target: o.str("target"),
    schedule: o.str("schedule"),
    rate: o.num("rate"),
    comment: o.str("comment"),
    disable: o.bool("disable"),
    source: o.str("source"),
    removeJob: o.str("remove_job"),
    extra: o.rest(),
  });
}

export function replicationJobToSection(job: TReplicationJob): TSection {
  return buildSection(
    job.type,
    job.id,
    [
      ["target", job.target],
      ["schedule", job.schedule],
      ["rate", job.rate],
      ["source", job.source],
      ["comment", job.comment],
      ["disable", job.disable],
      ["remove_job", job.removeJob],
    ],
    job.extra,
  );
}

export function parsePveReplicationCfg(text: string): TReplicationCfg {
  const { sections } = parseSectionConfig(text, FORMAT);
  return ZReplicationCfg.parse({ jobs: sections.map((s) => replicationJobFromSection(s)) });
}

export function renderReplicationCfg(jobs: readonly TReplicationJob[]): string {
  return renderSectionConfig({ sections: jobs.map(replicationJobToSection), trailingComments: [] });
}
