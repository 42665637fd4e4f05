import { describe, expect, it } from "vitest";
import { ZAuditFilter } from "./audit";

describe("ZAuditFilter", () => {
  it("keeps well-formed filters", () => {
    expect(ZAuditFilter.parse({ action: "command", host: "lab1", page: "3" })).toEqual({
      action: "command",
      host: "lab1",
      page: 3,
    });
  });
  it("drops hostile or malformed values instead of failing", () => {
    expect(ZAuditFilter.parse({ action: "x'; drop table", host: "$(id)", page: "-4" })).toEqual({
      action: undefined,
      host: undefined,
      page: 1,
    });
  });
});
