import { SimExit, type TSimIO } from "../core/main";
import { syncLocalCorosync } from "./corosync";
import { editSim, guestRel, listGuests, parseGuestConf, renderGuestConf, writeText } from "./state";

// sim-pve: what tests need that has no Proxmox command — seed guests, mark nodes down or up
// when no real corosync tells us, make replication jobs fail with a given text — and the
// part of pmxcfs the lab's per-host watcher calls (node-init.sh): sync-corosync.
const USAGE =
  "usage: sim-pve seed-guest NODE VMID [--ct] [--name N] [--memory MB] [--cores N] [--disk STORAGE:GB] [--usb] [--serial] [--running]\n" +
  "       sim-pve node-down NODE | node-up NODE\n       sim-pve replication-fail JOBID TEXT | replication-fail JOBID --clear\n" +
  "       sim-pve sync-corosync";

export function simPve(args: string[], io: TSimIO): number {
  const [sub, ...rest] = args;
  switch (sub) {
    case "seed-guest": {
      const [node, vmidRaw, ...opts] = rest;
      if (!node || !vmidRaw || !/^\d+$/.test(vmidRaw)) throw new SimExit(64, USAGE);
      const vmid = Number(vmidRaw);
      if (listGuests().some((g) => g.vmid === vmid)) throw new SimExit(255, `VM ${vmid} already exists`);
      const get = (k: string) => {
        const i = opts.indexOf(`--${k}`);
        return i >= 0 ? (opts[i + 1] ?? null) : null;
      };
      const has = (k: string) => opts.includes(`--${k}`);
      const ct = has("ct");
      const [storage = "local-zfs", gb = "8"] = (get("disk") ?? "local-zfs:8").split(":");
      const name = get("name") ?? `${ct ? "ct" : "vm"}${vmid}`;
      const entries: [string, string][] = ct
        ? [
            ["arch", "amd64"], ["cores", get("cores") ?? "1"], ["hostname", name], ["memory", get("memory") ?? "512"],
            ["net0", `name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:${(vmid % 100).toString().padStart(2, "0")}:01,ip=dhcp,type=veth`],
            ["ostype", "debian"], ["rootfs", `${storage}:subvol-${vmid}-disk-0,size=${gb}G`], ["swap", "512"],
          ]
        : [
            ["boot", "order=scsi0;net0"], ["cores", get("cores") ?? "2"], ["memory", get("memory") ?? "2048"], ["name", name],
            ["net0", `virtio=BC:24:11:00:${(vmid % 100).toString().padStart(2, "0")}:00,bridge=vmbr0`], ["ostype", "l26"],
            ["scsi0", `${storage}:vm-${vmid}-disk-0,size=${gb}G`], ["scsihw", "virtio-scsi-single"],
            ...(has("usb") ? ([["usb0", "host=1234:5678"]] as [string, string][]) : []),
            ...(has("serial") ? ([["serial0", "/dev/ttyS0"]] as [string, string][]) : []),
            ["smbios1", `uuid=00000000-0000-4000-8000-${vmid.toString().padStart(12, "0")}`],
          ];
      writeText(guestRel(node, ct ? "lxc" : "qemu", vmid), renderGuestConf(parseGuestConf(entries.map(([k, v]) => `${k}: ${v}`).join("\n"))));
      editSim((s) => {
        if (has("running")) s.running[String(vmid)] = Date.now();
      });
      io.out(`${ct ? "CT" : "VM"} ${vmid} on ${node}\n`);
      return 0;
    }
    case "node-down":
    case "node-up": {
      const node = rest[0];
      if (!node) throw new SimExit(64, USAGE);
      editSim((s) => {
        s.down = s.down.filter((n) => n !== node);
        if (sub === "node-down") s.down.push(node);
        if (s.cluster) s.cluster.ringSeq++;
      });
      return 0;
    }
    case "replication-fail": {
      const [id, text] = rest;
      if (!id || text === undefined) throw new SimExit(64, USAGE);
      editSim((s) => {
        const st = (s.repl[id] ??= { lastSync: null, lastTry: null, duration: null, failCount: 0, error: null, forcedError: null, syncingUntil: null });
        st.forcedError = text === "--clear" ? null : text;
      });
      return 0;
    }
    case "sync-corosync":
      // What pmxcfs does when /etc/pve/corosync.conf changes: copy a newer config to
      // /etc/corosync and reload the running corosync (never start a stopped one).
      syncLocalCorosync(false);
      return 0;
    default:
      throw new SimExit(64, USAGE);
  }
}
