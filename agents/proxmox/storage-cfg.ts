import { ParseError } from "../common/parse-error";
import { ZStorageCfg, ZStorageEntry, type TStorageCfg, type TStorageEntry } from "./model-config";
import type { TSection } from "./model-section-config";
import { buildSection, parseSectionConfig, readOptions, renderSectionConfig } from "./section-config";

const FORMAT = "pve-storage-cfg";

export function storageFromSection(section: TSection, format = FORMAT): TStorageEntry {
  const o = readOptions(section, format);
  return ZStorageEntry.parse({
    type: section.type,
    id: section.id,
    path: o.str("path"),
    pool: o.str("pool"),
    thinpool: o.str("thinpool"),
    vgname: o.str("vgname"),
    base: o.str("base"),
    server: o.str("server"),
    export: o.str("export"),
    monhost: o.str("monhost"),
    username: o.str("username"),
    fsName: o.str("fs-name"),
    subdir: o.str("subdir"),
    controller: o.str("controller"),
    resourcegroup: o.str("resourcegroup"),
    options: o.str("options"),
    content: o.list("content", /[,;\s]+/),
    nodes: o.list("nodes", /[,;\s]+/),
    shared: o.bool("shared"),
    krbd: o.bool("krbd"),
    sparse: o.bool("sparse"),
    saferemove: o.bool("saferemove"),
    blocksize: o.str("blocksize"),
    disable: o.bool("disable"),
    extra: o.rest(),
  });
}

export function storageToSection(entry: TStorageEntry): TSection {
  return buildSection(
    entry.type,
    entry.id,
    [
      ["path", entry.path],
      ["pool", entry.pool],
      ["thinpool", entry.thinpool],
      ["vgname", entry.vgname],
      ["base", entry.base],
      ["server", entry.server],
      ["export", entry.export],
      ["monhost", entry.monhost],
      ["username", entry.username],
      ["fs-name", entry.fsName],
      ["subdir", entry.subdir],
      ["controller", entry.controller],
      ["resourcegroup", entry.resourcegroup],
      ["options", entry.options],
      ["content", entry.content],
      ["nodes", entry.nodes],
      ["shared", entry.shared],
      ["krbd", entry.krbd],
      ["sparse", entry.sparse],
      ["saferemove", entry.saferemove],
      ["blocksize", entry.blocksize],
      ["disable", entry.disable],
    ],
    entry.extra,
  );
}

export function parsePveStorageCfg(text: string): TStorageCfg {
  const { sections } = parseSectionConfig(text, FORMAT);
  const ids = new Set<string>();
  for (const s of sections) {
    // Storage ids are unique across types (PVE::Storage keys the config by id alone).
    if (ids.has(s.id)) throw new ParseError(FORMAT, `storage id "${s.id}" is defined twice`);
    ids.add(s.id);
  }
  return ZStorageCfg.parse({ storages: sections.map((s) => storageFromSection(s)) });
}

export function renderStorageCfg(entries: readonly TStorageEntry[]): string {
  return renderSectionConfig({ sections: entries.map(storageToSection), trailingComments: [] });
}

// A storage entry with every typed key absent, for building new entries in plans and tests.
export function emptyStorageEntry(type: string, id: string): TStorageEntry {
  return {
    type,
    id,
    content: null,
    nodes: null,
    shared: null,
    disable: null,
    path: null,
    pool: null,
    thinpool: null,
    vgname: null,
    base: null,
    server: null,
    export: null,
    monhost: null,
    username: null,
    fsName: null,
    subdir: null,
    controller: null,
    resourcegroup: null,
    options: null,
    krbd: null,
    sparse: null,
    saferemove: null,
    blocksize: null,
    extra: {},
  };
}

// Plugins whose storage is reachable from every node whatever the `shared` flag says
// (PVE::Storage forces shared on them); for the others only an explicit `shared 1` counts.
const SHARED_BY_TYPE = new Set(["nfs", "cifs", "rbd", "cephfs", "glusterfs", "iscsi", "iscsidirect", "drbd", "pbs"]);

export function isSharedStorage(entry: Pick<TStorageEntry, "type" | "shared">): boolean {
  return SHARED_BY_TYPE.has(entry.type) || entry.shared === true;
}
