import { describe, expect, it } from "vitest";
import { alertLink } from "./alert-links";

describe("alertLink", () => {
  it("links a split brain to its resource's assistant", () => {
    expect(alertLink("c1", { code: "DRBD_SPLIT_BRAIN", params: { resource: "e2edata", host: "lab2" } })).toEqual({
      href: "/clusters/c1/drbd/e2edata/split-brain",
      label: "Open the split-brain assistant",
    });
    expect(alertLink("c1", { code: "DRBD_BOTH_PRIMARY_DISCONNECTED", params: { resource: "r0", hosts: ["lab1", "lab2"] } })?.href).toBe("/clusters/c1/drbd/r0/split-brain");
  });
  it("links a host's trouble to the host's page", () => {
    expect(alertLink("c1", { code: "HOST_UNREACHABLE", params: { host: "lab3" } })).toEqual({ href: "/clusters/c1/hosts/lab3", label: "Open lab3" });
  });
  it("gives no link for other codes, or for params that are not a plain name", () => {
    expect(alertLink("c1", { code: "DRBD_STANDALONE", params: { resource: "r0", host: "lab1" } })).toBeNull();
    expect(alertLink("c1", { code: "DRBD_SPLIT_BRAIN", params: { resource: "../../admin" } })).toBeNull();
    expect(alertLink("c1", { code: "DRBD_SPLIT_BRAIN", params: {} })).toBeNull();
    expect(alertLink("c1", { code: "HOST_UNREACHABLE", params: { host: "lab3/../x" } })).toBeNull();
  });
});
