import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { attr, child, children, exportSectionTree, parseSectionTree, section } from "./section-tree";

describe("parseSectionTree", () => {
  it("reads nested sections with ordered attributes, skipping comments and blank lines", () => {
    const root = parseSectionTree(
      "# top comment\ntotem {\n  version: 2\n\n  # inner\n  interface {\n    linknumber: 0\n  }\n  version: 3\n}\nquorum{\n  provider: corosync_votequorum\n}\n",
      "t",
    );
    expect(root.sections.map((s) => s.name)).toEqual(["totem", "quorum"]);
    const totem = child(root, "totem");
    expect(totem?.attributes.map((a) => [a.key, a.value, a.line])).toEqual([
      ["version", "2", 3],
      ["version", "3", 9],
    ]);
    // corosync keeps the last value of a repeated key.
    expect(attr(totem, "version")?.value).toBe("3");
    expect(attr(child(totem, "interface"), "linknumber")?.value).toBe("0");
    expect(children(root, "nodelist")).toEqual([]);
  });

  it("keeps colons in values (IPv6 addresses)", () => {
    const root = parseSectionTree("node {\n  ring0_addr: fe80::1:2\n}\n", "t");
    expect(attr(child(root, "node"), "ring0_addr")?.value).toBe("fe80::1:2");
  });

  it("survives deep nesting without recursion", () => {
    const depth = 20000;
    const root = parseSectionTree("a {\n".repeat(depth) + "}\n".repeat(depth), "t");
    let level = 0;
    for (let s = child(root, "a"); s; s = child(s, "a")) level++;
    expect(level).toBe(depth);
  });

  it.each([
    ["a missing closing brace", "totem {\n  version: 2\n", 1],
    ["a stray closing brace", "}\n", 1],
    ["a line that is not key: value", "totem {\n  hello world\n}\n", 2],
    ["a one-line section", "totem { version: 2 }\n", 1],
    ["a section without a name", "{\n}\n", 1],
  ])("throws ParseError with the line for %s", (_label, text, line) => {
    try {
      parseSectionTree(text, "t");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).line).toBe(line);
    }
  });
});

describe("exportSectionTree", () => {
  it("writes attributes before sub-sections, indented per level", () => {
    const tree = section("", [], [section("quorum", [["provider", "corosync_votequorum"]], [section("device", [["votes", 1]])])]);
    expect(exportSectionTree(tree)).toBe(
      "quorum {\n    provider: corosync_votequorum\n    device {\n        votes: 1\n    }\n}\n",
    );
  });

  it("writes what it parsed back to the same tree", () => {
    const text = "totem {\n    version: 2\n    interface {\n        linknumber: 0\n    }\n}\nlogging {\n    to_syslog: yes\n}\n";
    expect(exportSectionTree(parseSectionTree(text, "t"))).toBe(text);
  });
});
