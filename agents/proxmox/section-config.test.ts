import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import type { TSection } from "./model-section-config";
import {
  buildSection,
  findSection,
  parseSectionConfig,
  readOptions,
  removeSection,
  renderSectionConfig,
  upsertSection,
} from "./section-config";

const F = "test-cfg";

describe("parseSectionConfig", () => {
  it("reads TAB-indented options, value-less flags and comments between sections", () => {
    const cfg = parseSectionConfig(
      "dir: local\n\tpath /var/lib/vz\n\tcontent iso,vztmpl\n\n# thin pool\nzfspool: local-zfs\n\tpool rpool/data\n\tsparse\n",
      F,
    );
    expect(cfg.sections).toEqual([
      {
        type: "dir",
        id: "local",
        comments: [],
        lines: [
          { kind: "option", key: "path", value: "/var/lib/vz" },
          { kind: "option", key: "content", value: "iso,vztmpl" },
        ],
      },
      {
        type: "zfspool",
        id: "local-zfs",
        comments: ["# thin pool"],
        lines: [
          { kind: "option", key: "pool", value: "rpool/data" },
          { kind: "option", key: "sparse", value: null },
        ],
      },
    ]);
    expect(cfg.trailingComments).toEqual([]);
  });

  it("reads space-indented docs copies, CRLF, no final newline and whitespace-only lines", () => {
    const cfg = parseSectionConfig("vm: 501\r\n    state started\r\n \r\n    max_relocate 2", F);
    expect(cfg.sections).toHaveLength(1);
    expect(cfg.sections[0]?.lines).toEqual([
      { kind: "option", key: "state", value: "started" },
      { kind: "option", key: "max_relocate", value: "2" },
    ]);
  });

  it("reads `vm: 501` and `vm:100` headers as type vm with the numeric id", () => {
    const cfg = parseSectionConfig("vm: 501\n\tstate started\n\nvm:100\n\tstate stopped\n", F);
    expect(cfg.sections.map((s) => [s.type, s.id])).toEqual([
      ["vm", "501"],
      ["vm", "100"],
    ]);
  });

  it("keeps values with inner spaces verbatim and trims trailing spaces", () => {
    const cfg = parseSectionConfig("rbd: ceph\n  monhost 10.0.0.1 10.0.0.2;10.0.0.3   \n", F);
    expect(cfg.sections[0]?.lines[0]).toEqual({ kind: "option", key: "monhost", value: "10.0.0.1 10.0.0.2;10.0.0.3" });
  });

  it("keeps comments inside a section and after the last one", () => {
    const cfg = parseSectionConfig("ct: 102\n    # Note: defaults\n\n# end of file\n", F);
    expect(cfg.sections[0]?.lines).toEqual([{ kind: "comment", text: "# Note: defaults" }]);
    expect(cfg.trailingComments).toEqual(["# end of file"]);
  });

  it("reads an empty file as no sections", () => {
    expect(parseSectionConfig("", F)).toEqual({ sections: [], trailingComments: [] });
  });

  it("rejects an option after the blank line that ended its section (Proxmox ignores it)", () => {
    const err = catchError(() => parseSectionConfig("dir: local\n\tpath /a\n\n\tcontent iso\n", F));
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).line).toBe(4);
  });

  it("rejects unreadable headers, duplicate sections and duplicate keys with line numbers", () => {
    expect((catchError(() => parseSectionConfig("this is not a config file\n", F)) as ParseError).line).toBe(1);
    expect((catchError(() => parseSectionConfig("dir: a\n\tpath /a\n\ndir: a\n", F)) as ParseError).line).toBe(4);
    expect((catchError(() => parseSectionConfig("dir: a\n\tpath /a\n\tpath /b\n", F)) as ParseError).line).toBe(3);
  });

  it("reads 1000 sections", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `local: ${i}-0\n\ttarget pve2\n\tschedule */15\n`).join("\n");
    const cfg = parseSectionConfig(text, F);
    expect(cfg.sections).toHaveLength(1000);
    expect(cfg.sections[999]).toMatchObject({ type: "local", id: "999-0" });
  });
});

describe("renderSectionConfig", () => {
  it("writes TAB indentation, a blank line between sections and flags without value", () => {
    const text = renderSectionConfig({
      sections: [
        buildSection("dir", "local", [["path", "/var/lib/vz"]]),
        { ...buildSection("zfspool", "tank", [["pool", "tank"]], { sparse: null }), comments: ["# fast disks"] },
      ],
      trailingComments: ["# end"],
    });
    expect(text).toBe("dir: local\n\tpath /var/lib/vz\n\n# fast disks\nzfspool: tank\n\tpool tank\n\tsparse\n\n# end\n");
  });

  it("renders an empty config as an empty file", () => {
    expect(renderSectionConfig({ sections: [], trailingComments: [] })).toBe("");
  });

  it("gives back the same model when its output is parsed", () => {
    const text = "# top\ndir: local\n\tpath /var/lib/vz\n\t# keep\n\tshared 0\n\nrbd: ceph\n\tkrbd\n";
    const cfg = parseSectionConfig(text, F);
    expect(renderSectionConfig(cfg)).toBe(text);
    expect(parseSectionConfig(renderSectionConfig(cfg), F)).toEqual(cfg);
  });
});

describe("buildSection", () => {
  it("writes booleans as 1/0, joins lists, leaves out null and empty lists", () => {
    const section = buildSection("nfs", "iso", [
      ["content", ["iso", "vztmpl"]],
      ["nodes", []],
      ["shared", true],
      ["disable", false],
      ["server", null],
      ["rate", 12.5],
    ]);
    expect(section.lines).toEqual([
      { kind: "option", key: "content", value: "iso,vztmpl" },
      { kind: "option", key: "shared", value: "1" },
      { kind: "option", key: "disable", value: "0" },
      { kind: "option", key: "rate", value: "12.5" },
    ]);
  });
});

describe("readOptions", () => {
  const section = parseSectionConfig("x: y\n\tflag\n\toff 0\n\tn 12\n\tbad abc\n\tlist a, b ,c\n\tother v\n", F)
    .sections[0] as TSection;

  it("reads flags, numbers and lists and leaves the rest", () => {
    const o = readOptions(section, F);
    expect(o.bool("flag")).toBe(true);
    expect(o.bool("off")).toBe(false);
    expect(o.bool("absent")).toBeNull();
    expect(o.int("n")).toBe(12);
    expect(o.list("list")).toEqual(["a", "b", "c"]);
    expect(o.rest()).toEqual({ bad: "abc", other: "v" });
  });

  it("throws ParseError naming the section for a non-number or non-boolean", () => {
    expect(() => readOptions(section, F).num("bad")).toThrow(/x: y: bad is not a number/);
    expect(() => readOptions(section, F).bool("n")).toThrow(ParseError);
  });
});

describe("upsertSection / removeSection", () => {
  const before = parseSectionConfig(
    "dir: local\n\tpath /var/lib/vz\n\tcontent iso\n\n# replicated pool\nzfspool: tank\n\tpool tank/data\n\tsparse\n\tcontent images\n",
    F,
  );

  it("replaces a section in place, keeping key order and comments, so only changed lines differ", () => {
    const changed = buildSection("zfspool", "tank", [
      ["content", ["images", "rootdir"]],
      ["pool", "tank/data"],
      ["sparse", null],
      ["nodes", ["pve1", "pve2"]],
    ], { sparse: null });
    const sections = upsertSection(before.sections, changed);
    expect(renderSectionConfig({ ...before, sections })).toBe(
      "dir: local\n\tpath /var/lib/vz\n\tcontent iso\n\n# replicated pool\nzfspool: tank\n\tpool tank/data\n\tsparse\n\tcontent images,rootdir\n\tnodes pve1,pve2\n",
    );
    expect(before.sections[1]?.lines).toHaveLength(3);
  });

  it("drops keys the new entry no longer has", () => {
    const sections = upsertSection(before.sections, buildSection("dir", "local", [["path", "/srv"]]));
    expect(findSection(sections, { type: "dir", id: "local" })?.lines).toEqual([
      { kind: "option", key: "path", value: "/srv" },
    ]);
  });

  it("appends a new section and removes one by type and id", () => {
    const added = upsertSection(before.sections, buildSection("nfs", "backup", [["server", "10.0.0.9"]]));
    expect(added.map((s) => s.id)).toEqual(["local", "tank", "backup"]);
    const removed = removeSection(added, { type: "zfspool", id: "tank" });
    expect(removed.map((s) => s.id)).toEqual(["local", "backup"]);
    expect(before.sections).toHaveLength(2);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected an error");
}
