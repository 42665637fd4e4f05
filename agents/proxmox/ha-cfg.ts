import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import {
  ZHaGroup,
  ZHaGroupsCfg,
  ZHaResource,
  ZHaResourcesCfg,
  ZHaRule,
  ZHaRulesCfg,
  type THaGroup,
  type THaGroupsCfg,
  type THaResource,
  type THaResourcesCfg,
  type THaRule,
  type THaRulesCfg,
  type TNodePriority,
} from "./model-config";
import type { TSection } from "./model-section-config";
import { buildSection, parseSectionConfig, readOptions, renderSectionConfig } from "./section-config";

// `node2:1,node4,node1:2` as used by groups.cfg and node-affinity rules.
export function parseNodePriorities(raw: string, format: string, where: string): TNodePriority[] {
  return raw
    .split(/[,;\s]+/)
    .filter((part) => part !== "")
    .map((part) => {
      const [node = "", priority, ...more] = part.split(":");
      if (node === "" || more.length > 0 || (priority !== undefined && !/^-?\d+$/.test(priority))) {
        throw new ParseError(format, `${where}: unreadable node entry "${part}"`);
      }
      return { node, priority: priority === undefined ? null : Number(priority) };
    });
}

export function renderNodePriorities(nodes: readonly TNodePriority[]): string {
  return nodes.map((n) => (n.priority === null ? n.node : `${n.node}:${n.priority}`)).join(",");
}

export function haResourceFromSection(section: TSection, format: string): THaResource {
  const o = readOptions(section, format);
  return ZHaResource.parse({
    sid: `${section.type}:${section.id}`,
    type: section.type,
    id: section.id,
    vmid: /^\d+$/.test(section.id) ? Number(section.id) : null,
    state: o.str("state"),
    group: o.str("group"),
    maxRestart: o.int("max_restart"),
    maxRelocate: o.int("max_relocate"),
    failback: o.bool("failback"),
    comment: o.str("comment"),
    extra: o.rest(),
  });
}

export function haResourceToSection(resource: THaResource): TSection {
  return buildSection(
    resource.type,
    resource.id,
    [
      ["state", resource.state],
      ["group", resource.group],
      ["max_restart", resource.maxRestart],
      ["max_relocate", resource.maxRelocate],
      ["failback", resource.failback],
      ["comment", resource.comment],
    ],
    resource.extra,
  );
}

export function parsePveHaResourcesCfg(text: string): THaResourcesCfg {
  const { sections } = parseSectionConfig(text, "pve-ha-resources-cfg");
  return ZHaResourcesCfg.parse({ resources: sections.map((s) => haResourceFromSection(s, "pve-ha-resources-cfg")) });
}

// `ha-manager config` prints the same properties as resources.cfg but the sid as `vm:100`, and
// property errors as `error: property ...` lines on stderr, which a pasted capture may include.
export function parseHaManagerConfig(text: string): THaResourcesCfg {
  const lines = inputLines(text).filter((l) => !/^(error|warning|warn): /i.test(l));
  const { sections } = parseSectionConfig(lines.join("\n"), "ha-manager-config");
  return ZHaResourcesCfg.parse({ resources: sections.map((s) => haResourceFromSection(s, "ha-manager-config")) });
}

export function renderHaResourcesCfg(resources: readonly THaResource[]): string {
  return renderSectionConfig({ sections: resources.map(haResourceToSection), trailingComments: [] });
}

export function haGroupFromSection(section: TSection, format: string): THaGroup {
  const o = readOptions(section, format);
  const nodes = o.str("nodes");
  return ZHaGroup.parse({
    group: section.id,
    nodes: nodes === null ? [] : parseNodePriorities(nodes, format, `group ${section.id}`),
    restricted: o.bool("restricted"),
    nofailback: o.bool("nofailback"),
    comment: o.str("comment"),
    extra: o.rest(),
  });
}

export function haGroupToSection(group: THaGroup): TSection {
  return buildSection(
    "group",
    group.group,
    [
      ["nodes", group.nodes.length > 0 ? renderNodePriorities(group.nodes) : null],
      ["restricted", group.restricted],
      ["nofailback", group.nofailback],
      ["comment", group.comment],
    ],
    group.extra,
  );
}

export function parsePveHaGroupsCfg(text: string): THaGroupsCfg {
  const format = "pve-ha-groups-cfg";
  const { sections } = parseSectionConfig(text, format);
  const other = sections.find((s) => s.type !== "group");
  if (other) throw new ParseError(format, `unexpected section type "${other.type}" (groups.cfg holds "group:" sections)`);
  return ZHaGroupsCfg.parse({ groups: sections.map((s) => haGroupFromSection(s, format)) });
}

export function renderHaGroupsCfg(groups: readonly THaGroup[]): string {
  return renderSectionConfig({ sections: groups.map(haGroupToSection), trailingComments: [] });
}

export function haRuleFromSection(section: TSection, format: string): THaRule {
  const o = readOptions(section, format);
  const nodes = o.str("nodes");
  return ZHaRule.parse({
    type: section.type,
    id: section.id,
    resources: o.list("resources", /[,;\s]+/) ?? [],
    nodes: nodes === null ? null : parseNodePriorities(nodes, format, `rule ${section.id}`),
    strict: o.bool("strict"),
    affinity: o.str("affinity"),
    disable: o.bool("disable"),
    comment: o.str("comment"),
    extra: o.rest(),
  });
}

export function haRuleToSection(rule: THaRule): TSection {
  return buildSection(
    rule.type,
    rule.id,
    [
      ["resources", rule.resources],
      ["nodes", rule.nodes && rule.nodes.length > 0 ? renderNodePriorities(rule.nodes) : null],
      ["affinity", rule.affinity],
      ["strict", rule.strict],
      ["disable", rule.disable],
      ["comment", rule.comment],
    ],
    rule.extra,
  );
}

export function parsePveHaRulesCfg(text: string): THaRulesCfg {
  const format = "pve-ha-rules-cfg";
  const { sections } = parseSectionConfig(text, format);
  return ZHaRulesCfg.parse({ rules: sections.map((s) => haRuleFromSection(s, format)) });
}

export function renderHaRulesCfg(rules: readonly THaRule[]): string {
  return renderSectionConfig({ sections: rules.map(haRuleToSection), trailingComments: [] });
}
