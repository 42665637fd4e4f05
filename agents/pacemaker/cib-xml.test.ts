import { describe, expect, it } from "vitest";
import { ParseError } from "../common/parse-error";
import { canonicalElement, parseCib, renderElement, renderElementPretty, resourceIds } from "./cib-xml";
import { fixture } from "./__fixtures__/observed";

describe("parseCib", () => {
  it("reads version, nodes, bootstrap properties, rsc_defaults and the top-level resources and constraints", () => {
    const cib = parseCib(fixture("cib-lab-web-group.xml"));
    expect(cib.version).toEqual({ adminEpoch: 0, epoch: 12, numUpdates: 4 });
    expect(cib.validateWith).toBe("pacemaker-3.9");
    expect(cib.nodes).toEqual([
      { id: "1", uname: "lab1" },
      { id: "2", uname: "lab2" },
      { id: "3", uname: "lab3" },
    ]);
    expect(cib.properties).toMatchObject({ "stonith-enabled": "false", "no-quorum-policy": "stop", "cluster-name": "labclu" });
    expect(cib.rscDefaults).toEqual({ "resource-stickiness": "100" });
    expect(cib.resources.map((r) => [r.name, r.attrs.id])).toEqual([
      ["primitive", "fence_lab1"],
      ["group", "web"],
    ]);
    expect(cib.resources.flatMap(resourceIds)).toEqual(["fence_lab1", "web", "web_ip", "web_svc"]);
    expect(cib.constraints.map((c) => c.attrs.id)).toEqual(["cli-prefer-web", "web_prefers_lab2"]);
    const ip = cib.resources[1]?.children[0];
    expect(ip?.children.map((c) => c.name)).toEqual(["instance_attributes", "operations"]);
  });

  it("reads an empty CIB as written by a fresh cluster", () => {
    const cib = parseCib(fixture("cib-lab-empty.xml"));
    expect(cib.resources).toEqual([]);
    expect(cib.constraints).toEqual([]);
    expect(cib.rscDefaults).toEqual({});
  });

  it("decodes entities in values", () => {
    const cib = parseCib('<cib epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="a" name="x" value="a&amp;b &lt;c&gt;"/></cluster_property_set></crm_config></configuration></cib>');
    expect(cib.properties).toEqual({ x: "a&b <c>" });
  });

  it.each([
    ["empty input", ""],
    ["truncated XML", fixture("cib-lab-empty.xml").slice(0, 400)],
    ["another document", "<pacemaker-result><status code='0'/></pacemaker-result>"],
    ["a CIB without configuration", '<cib epoch="1"></cib>'],
    ["garbage", "Call cib_query failed (-107): Transport endpoint is not connected"],
  ])("throws ParseError on %s", (_what, text) => {
    expect(() => parseCib(text)).toThrow(ParseError);
  });
});

describe("CIB elements", () => {
  it("renders escaped attribute values and self-closes empty elements", () => {
    expect(renderElement({ name: "nvpair", attrs: { id: "p-x", name: "x", value: `a&b<"'>` }, children: [] })).toBe(
      '<nvpair id="p-x" name="x" value="a&amp;b&lt;&quot;&apos;&gt;"/>',
    );
    expect(renderElementPretty({ name: "group", attrs: { id: "g" }, children: [{ name: "primitive", attrs: { id: "p" }, children: [] }] })).toBe(
      '<group id="g">\n  <primitive id="p"/>\n</group>\n',
    );
  });

  it("compares elements ignoring attribute order but not child order", () => {
    const a = { name: "x", attrs: { id: "1", b: "2" }, children: [] };
    const b = { name: "x", attrs: { b: "2", id: "1" }, children: [] };
    expect(canonicalElement(a)).toBe(canonicalElement(b));
    const p = (id: string) => ({ name: "primitive", attrs: { id }, children: [] });
    expect(canonicalElement({ name: "group", attrs: {}, children: [p("1"), p("2")] })).not.toBe(canonicalElement({ name: "group", attrs: {}, children: [p("2"), p("1")] }));
  });
});
