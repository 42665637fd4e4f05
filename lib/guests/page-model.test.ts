import { describe, expect, it } from "vitest";
import { allOnline, guestContext } from "./__fixtures__/context";
import { guestsPageModel } from "./page-model";

describe("guests page model", () => {
  it("lists each guest with its disks' storage, replication, devices and a preflight per target", () => {
    const model = guestsPageModel(guestContext());
    expect(model.rows.map((r) => r.vmid)).toEqual([100, 101, 102, 103, 200]);
    const vm100 = model.rows[0];
    expect(vm100?.disks).toEqual([{ key: "scsi0", storage: "local-zfs", storageType: "zfspool", shared: false }]);
    expect(vm100?.replication).toEqual([{ id: "100-0", target: "pve2", state: "ok", lagSeconds: 180, error: null }]);
    // pve3 is offline: still listed, with the refusal that says so.
    expect(vm100?.targets.map((t) => [t.node, t.suggested, t.ok, t.why])).toEqual([
      ["pve2", true, true, "replica 3 min old, 12288 MiB free"],
      ["pve3", false, false, "offline"],
    ]);
    expect(model.rows[1]?.localDevices).toEqual(["usb0"]);
    expect(model.rows[1]?.disks[0]).toMatchObject({ storage: "nas", shared: true });
  });

  it("gives every node its maintenance preflight", () => {
    const model = guestsPageModel(guestContext(allOnline()));
    expect(model.nodes.map((n) => [n.name, n.online, n.maintenance, n.guests, n.preflight.enable, n.preflight.ok])).toEqual([
      ["pve1", true, false, 4, true, true],
      ["pve2", true, false, 1, true, true],
      ["pve3", true, false, 0, true, true],
    ]);
  });
});
