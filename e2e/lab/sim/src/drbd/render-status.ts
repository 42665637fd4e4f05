import type { TConnectionView, TPeerDeviceView, TResourceView } from "./view";

// drbdsetup 9.22's `status` (text and --json) and `events2 --now`, field for field as
// user/v9/drbdsetup.c prints them when stdout is not a terminal (no colours, no wrapping).

export type TStatusOpts = { verbose: boolean; statistics: boolean };

const yn = (b: boolean) => (b ? "yes" : "no");

function percentDone(s: NonNullable<TPeerDeviceView["sync"]>): number {
  return s.totalKiB === 0 ? 0 : (100 * (s.totalKiB - s.leftKiB)) / s.totalKiB;
}

function syncSpeedMiBps(s: NonNullable<TPeerDeviceView["sync"]>): number {
  return s.leftKiB === 0 ? 0 : s.rateKiBps / 1024;
}

function etaSeconds(s: NonNullable<TPeerDeviceView["sync"]>): number {
  return s.rateKiBps > 0 ? s.leftKiB / s.rateKiBps : 0;
}

function deviceStats(v: TResourceView["volumes"][number]): string {
  return (
    ` size:${v.sizeKiB} read:${v.readKiB} written:${v.writtenKiB} al-writes:${v.alWrites} bm-writes:0` +
    ` upper-pending:0 lower-pending:0 al-suspended:no blocked:no`
  );
}

export function renderStatusText(resources: readonly TResourceView[], o: TStatusOpts): string {
  if (resources.length === 0) return "# No currently configured DRBD found.\n";
  let out = "";
  for (const r of resources) {
    out += r.name;
    if (o.verbose && r.nodeId !== null) out += ` node-id:${r.nodeId}`;
    out += ` role:${r.role}`;
    if (o.verbose) out += " suspended:no force-io-failures:no";
    if (o.statistics && o.verbose) out += "\n    write-ordering:flush";
    out += "\n";
    const single = r.volumes.length === 1;
    for (const v of r.volumes) {
      let line = "  ";
      if (o.verbose || !(single && v.vnr === 0)) line += `volume:${v.vnr}${o.verbose ? ` minor:${v.minor}` : ""}`;
      line += ` disk:${v.disk}`;
      if (v.disk === "Diskless") line += ` client:${yn(v.client)}`;
      if (o.verbose) line += ` backing_dev:${v.backingDev ?? "none"}`;
      if (o.verbose || !v.quorum) line += ` quorum:${yn(v.quorum)}`;
      if (o.statistics) line += `\n      ${deviceStats(v).slice(1)}`;
      out += `${line.replace(/^ {2} /, "  ")}\n`;
    }
    for (const c of r.connections) out += connectionText(c, single, o);
    out += "\n";
  }
  return out;
}

function connectionText(c: TConnectionView, single: boolean, o: TStatusOpts): string {
  let out = `  ${c.name}`;
  if (o.verbose) out += ` node-id:${c.nodeId ?? 0}`;
  if (o.verbose || c.state !== "Connected") out += ` connection:${c.state}`;
  if (o.verbose || c.state === "Connected") out += ` role:${c.peerRole}`;
  if (o.verbose) out += o.statistics ? " congested:no ap-in-flight:0 rs-in-flight:0" : " congested:no";
  out += "\n";
  if (!(o.verbose || o.statistics || c.state === "Connected")) return out;
  for (const pd of c.peerDevices) {
    let line = "    ";
    if (o.verbose || !(single && pd.vnr === 0)) line += `volume:${pd.vnr}`;
    if (o.verbose || pd.sync) line += ` replication:${pd.replication}`;
    if (o.verbose || o.statistics || pd.replication !== "Off" || pd.peerDisk !== "DUnknown") {
      line += ` peer-disk:${pd.peerDisk}`;
      if (pd.peerDisk === "Diskless") line += ` peer-client:${yn(pd.peerClient)}`;
      if (pd.sync) line += ` done:${percentDone(pd.sync).toFixed(2)}`;
      if (o.verbose) line += " resync-suspended:no";
      if (o.statistics) {
        line += `\n        received:${pd.receivedKiB} sent:${pd.sentKiB}`;
        if (o.verbose || pd.outOfSyncKiB) line += ` out-of-sync:${pd.outOfSyncKiB}`;
        if (o.verbose) {
          line += " pending:0 unacked:0";
          if (pd.sync) line += ` dbdt1:${syncSpeedMiBps(pd.sync).toFixed(2)} eta:${etaSeconds(pd.sync).toFixed(0)}`;
        }
      }
    }
    out += `${line.replace(/^ {4} /, "    ")}\n`;
  }
  return out;
}

export function renderStatusJson(resources: readonly TResourceView[]): string {
  const blocks = resources.map((r) => {
    let s =
      `{\n  "name": "${r.name}",\n  "node-id": ${r.nodeId ?? -1},\n  "role": "${r.role}",\n` +
      `  "suspended": false,\n  "suspended-user": false,\n  "suspended-no-data": false,\n` +
      `  "suspended-fencing": false,\n  "suspended-quorum": false,\n  "force-io-failures": false,\n` +
      `  "write-ordering": "flush",\n  "devices": [\n`;
    s += r.volumes
      .map(
        (v) =>
          `    {\n      "volume": ${v.vnr},\n      "minor": ${v.minor},\n      "disk-state": "${v.disk}",\n` +
          `      "client": ${v.client},\n      "quorum": ${v.quorum},\n      "size": ${v.sizeKiB},\n` +
          `      "read": ${v.readKiB},\n      "written": ${v.writtenKiB},\n      "al-writes": ${v.alWrites},\n` +
          `      "bm-writes": 0,\n      "upper-pending": 0,\n      "lower-pending": 0\n    }`,
      )
      .join(",\n");
    s += ` ],\n  "connections": [\n`;
    s += r.connections.map((c) => connectionJson(c, r)).join(",\n");
    s += " ]\n}";
    return s;
  });
  return `[\n${blocks.join(",\n")}${blocks.length ? "\n" : ""}]\n\n`;
}

function connectionJson(c: TConnectionView, r: TResourceView): string {
  let s =
    `    {\n      "peer-node-id": ${c.nodeId ?? 0},\n      "name": "${c.name}",\n` +
    `      "connection-state": "${c.state}", \n      "congested": false,\n      "peer-role": "${c.peerRole}",\n` +
    `      "ap-in-flight": 0,\n      "rs-in-flight": 0,\n      "peer_devices": [\n`;
  s += c.peerDevices
    .map((pd) => {
      const size = r.volumes.find((v) => v.vnr === pd.vnr)?.sizeKiB ?? 0;
      const inSync = size === 0 ? 0 : 100 * (1 - pd.outOfSyncKiB / size);
      let p =
        `        {\n          "volume": ${pd.vnr},\n          "replication-state": "${pd.replication}",\n` +
        `          "peer-disk-state": "${pd.peerDisk}",\n          "peer-client": ${pd.peerClient},\n` +
        `          "resync-suspended": "no",\n          "received": ${pd.receivedKiB},\n          "sent": ${pd.sentKiB},\n` +
        `          "out-of-sync": ${pd.outOfSyncKiB},\n          "pending": 0,\n          "unacked": 0,\n` +
        `          "has-sync-details": ${pd.sync !== null},\n          "has-online-verify-details": false,\n` +
        `          "percent-in-sync": ${inSync.toFixed(2)}${pd.sync ? "," : ""}\n`;
      if (pd.sync) {
        const s2 = pd.sync;
        const totalSectors = s2.totalKiB * 2;
        const elapsedMs = Math.max(0, Math.round(((s2.totalKiB - s2.leftKiB) / s2.rateKiBps) * 1000));
        p +=
          `          "rs-total": ${totalSectors},\n          "rs-dt-start-ms": ${elapsedMs},\n          "rs-paused-ms": 0,\n` +
          `          "rs-dt0-ms": ${Math.min(elapsedMs, 3000)},\n          "rs-db0-sectors": ${Math.round((Math.min(elapsedMs, 3000) / 1000) * s2.rateKiBps * 2)},\n` +
          `          "rs-dt1-ms": ${Math.min(elapsedMs, 3000)},\n          "rs-db1-sectors": ${Math.round((Math.min(elapsedMs, 3000) / 1000) * s2.rateKiBps * 2)},\n` +
          `          "rs-failed": 0,\n          "rs-same-csum": 0,\n          "want": 0.00,\n` +
          `          "db0/dt0 [MiB/s]": ${syncSpeedMiBps(s2).toFixed(2)},\n          "db1/dt1 [MiB/s]": ${syncSpeedMiBps(s2).toFixed(2)},\n` +
          `          "estimated-seconds-to-finish": ${elapsedMs === 0 ? "nan" : etaSeconds(s2).toFixed(0)},\n` +
          `          "db/dt [MiB/s]": ${syncSpeedMiBps(s2).toFixed(2)},\n          "percent-resync-done": ${percentDone(s2).toFixed(2)}\n`;
      }
      return `${p}        }`;
    })
    .join(",\n");
  return `${s} ]\n    }`;
}

// `drbdsetup events2 --now [--statistics]`: one `exists` line per object, then `exists -`.
export function renderEvents2(resources: readonly TResourceView[], o: { statistics: boolean }): string {
  const lines: string[] = [];
  for (const r of resources) {
    lines.push(
      `exists resource name:${r.name} role:${r.role} suspended:no force-io-failures:no` +
        ` may_promote:${yn(r.mayPromote)} promotion_score:${r.mayPromote ? 10101 : 0}${o.statistics ? " write-ordering:flush" : ""}`,
    );
    for (const v of r.volumes) {
      lines.push(
        `exists device name:${r.name} volume:${v.vnr} minor:${v.minor} backing_dev:${v.backingDev ?? "none"} disk:${v.disk}` +
          ` client:${yn(v.client)} quorum:${yn(v.quorum)}${o.statistics ? deviceStats(v) : ""}`,
      );
    }
    for (const c of r.connections) {
      lines.push(
        `exists connection name:${r.name} peer-node-id:${c.nodeId ?? 0} conn-name:${c.name} connection:${c.state} role:${c.peerRole}` +
          `${o.statistics ? " congested:no ap-in-flight:0 rs-in-flight:0" : ""}`,
      );
    }
    for (const c of r.connections) {
      for (const pd of c.peerDevices) {
        let line =
          `exists peer-device name:${r.name} peer-node-id:${c.nodeId ?? 0} conn-name:${c.name} volume:${pd.vnr}` +
          ` replication:${pd.replication} peer-disk:${pd.peerDisk} peer-client:${yn(pd.peerClient)} resync-suspended:no`;
        if (pd.sync) line += ` done:${percentDone(pd.sync).toFixed(2)}`;
        if (o.statistics) {
          line += ` received:${pd.receivedKiB} sent:${pd.sentKiB} out-of-sync:${pd.outOfSyncKiB} pending:0 unacked:0`;
          if (pd.sync) line += ` dbdt1:${syncSpeedMiBps(pd.sync).toFixed(2)} eta:${etaSeconds(pd.sync).toFixed(0)}`;
        }
        lines.push(line);
      }
    }
    for (const c of r.connections) {
      for (const p of c.paths) {
        lines.push(
          `exists path name:${r.name} peer-node-id:${c.nodeId ?? 0} conn-name:${c.name} local:${p.local} peer:${p.remote}` +
            ` established:${yn(p.established)}`,
        );
      }
    }
  }
  lines.push("exists -");
  return `${lines.join("\n")}\n`;
}
