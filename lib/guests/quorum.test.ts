import { describe, expect, it } from "vitest";
import { guestContext, twoNodes } from "./__fixtures__/context";
import { hasRealQuorumForHa, quorumWithout } from "./quorum";

describe("quorum facts", () => {
  it("counts one vote per node when pvecm status was not read, and what is left without a node", () => {
    const q = guestContext().quorum;
    expect(q).toMatchObject({ expectedVotes: 3, needed: 2, qdeviceVotes: 0, quorate: true });
    expect(q.nodes.map((n) => [n.name, n.online])).toEqual([["pve1", true], ["pve2", true], ["pve3", false]]);
    // pve3 is already offline: pve1 down too leaves pve2 alone.
    expect(quorumWithout(q, ["pve1"])).toEqual({ remaining: 1, expected: 3, needed: 2, quorate: false });
    expect(quorumWithout(q, [])).toEqual({ remaining: 2, expected: 3, needed: 2, quorate: true });
  });

  it("two nodes have no real quorum for HA; a QDevice vote gives it, and keeps the survivor quorate", () => {
    const q = guestContext(twoNodes()).quorum;
    expect(q).toMatchObject({ expectedVotes: 2, needed: 2 });
    expect(hasRealQuorumForHa(q)).toBe(false);
    expect(quorumWithout(q, ["pve2"])).toEqual({ remaining: 1, expected: 2, needed: 2, quorate: false });
    const withQdevice = { ...q, qdeviceVotes: 1, expectedVotes: 3 };
    expect(hasRealQuorumForHa(withQdevice)).toBe(true);
    expect(quorumWithout(withQdevice, ["pve2"])).toEqual({ remaining: 2, expected: 3, needed: 2, quorate: true });
  });
});
