import { describe, expect, it } from "vitest";
import { blockingReports, errorReport, warningReport, report } from "./report";

describe("blockingReports", () => {
  const err = errorReport("DUPLICATE_ADDRESS", "two nodes share 10.0.0.1", { field: "nodes[1].address" });
  const warn = warningReport("TWO_NODE_MODE", "two_node: 1 means...");
  const info = report("info", "NOTE", "fine");

  it("always blocks on errors", () => {
    expect(blockingReports([err, warn, info], true)).toEqual([err]);
  });
  it("blocks on warnings unless forced", () => {
    expect(blockingReports([warn, info], false)).toEqual([warn]);
    expect(blockingReports([warn, info], true)).toEqual([]);
  });
});
