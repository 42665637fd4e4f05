import { randomBytes } from "node:crypto";
import { JUST_CREATED, NO_UUID, type TLink, type TNode, type TPeer, type TResourceFile, type TSync, type TVolume } from "./model";

// The DRBD state machine across the nodes of one resource: connection handshakes (generation
// identifier comparison, split-brain detection), resyncs that progress with time, and writes.
// Every function works on the shared resource file; `host` is the node running the command.

export type TLog = { host: string; line: string };

export const linkKey = (a: string, b: string) => [a, b].sort().join("|");

export function newUuid(): string {
  // DRBD's lowest bit marks "primary at creation"; keep it even like a Secondary-created UUID.
  const v = randomBytes(8);
  v[7] = (v[7] as number) & 0xfe;
  return v.toString("hex").toUpperCase();
}

export function ipOf(address: string): string {
  // "ipv4:10.99.0.12:7789" or "10.99.0.12:7789"
  const parts = address.split(":");
  return parts.length >= 3 ? (parts[1] as string) : (parts[0] as string);
}

// The host a peer entry points at: by node id (DRBD 9) or by address (8.4 has no node ids).
export function peerHost(file: TResourceFile, node: TNode, peer: TPeer): string | null {
  for (const other of Object.values(file.nodes)) {
    if (other.host === node.host) continue;
    if (peer.nodeId !== null) {
      if (other.nodeId === peer.nodeId) return other.host;
      continue;
    }
    const theirs = new Set(other.peers.flatMap((op) => op.paths.map((p) => p.local)));
    if (peer.paths.some((mine) => theirs.has(mine.remote))) return other.host;
  }
  return null;
}

export function peerEntry(file: TResourceFile, node: TNode, otherHost: string): TPeer | null {
  return node.peers.find((p) => peerHost(file, node, p) === otherHost) ?? null;
}

export function link(file: TResourceFile, a: string, b: string): TLink | null {
  return file.links[linkKey(a, b)] ?? null;
}

export function isEstablished(file: TResourceFile, a: string, b: string): boolean {
  return link(file, a, b)?.established === true;
}

const hasData = (v: TVolume) => v.disk === "UpToDate" || v.disk === "Outdated" || v.disk === "Consistent";
const isDiskless = (v: TVolume) => v.client || v.disk === "Diskless";

export function syncLeftKiB(sync: TSync, now: number): number {
  const done = Math.max(0, ((now - sync.startedAt) / 1000) * sync.rateKiBps);
  return Math.max(0, Math.round(sync.leftAtStartKiB - done));
}

function volumeOf(node: TNode, vnr: number): TVolume | null {
  return node.volumes.find((v) => v.vnr === vnr) ?? null;
}

type TDecision = { kind: "none" } | { kind: "sync"; source: string; amountKiB: number } | { kind: "split-brain" };

// DRBD's UUID comparison, reduced to the cases the lab produces.
function decide(lh: string, l: TVolume, rh: string, r: TVolume): TDecision {
  if (isDiskless(l) || isDiskless(r)) return { kind: "none" };
  const pending = Math.max(l.oos[rh] ?? 0, r.oos[lh] ?? 0);
  const fill = (to: TVolume, from: TVolume) => (pending > 0 && to.gi.current !== JUST_CREATED ? pending : from.sizeKiB);
  if (l.disk === "Inconsistent" && r.disk === "Inconsistent") return { kind: "none" };
  if (l.disk === "Inconsistent" && hasData(r)) return { kind: "sync", source: rh, amountKiB: fill(l, r) };
  if (r.disk === "Inconsistent" && hasData(l)) return { kind: "sync", source: lh, amountKiB: fill(r, l) };
  if (!hasData(l) || !hasData(r)) return { kind: "none" };
  if (l.gi.current === r.gi.current) return { kind: "none" };
  const lMoved = (l.gi.bitmap[rh] ?? NO_UUID) !== NO_UUID;
  const rMoved = (r.gi.bitmap[lh] ?? NO_UUID) !== NO_UUID;
  if (lMoved && rMoved) return { kind: "split-brain" };
  if (lMoved) return { kind: "sync", source: lh, amountKiB: pending || l.sizeKiB };
  if (rMoved) return { kind: "sync", source: rh, amountKiB: pending || r.sizeKiB };
  if (l.gi.history.includes(r.gi.current)) return { kind: "sync", source: lh, amountKiB: pending || l.sizeKiB };
  if (r.gi.history.includes(l.gi.current)) return { kind: "sync", source: rh, amountKiB: pending || r.sizeKiB };
  return { kind: "split-brain" };
}

function logFor(file: TResourceFile, node: TNode, peerName: string | null, vnr: number | null, text: string): TLog {
  const minor = vnr === null ? null : (volumeOf(node, vnr)?.minor ?? 0);
  if (node.version === "8.4") return { host: node.host, line: `block drbd${minor ?? 0}: ${text}` };
  const obj = vnr === null ? `drbd ${file.name}` : `drbd ${file.name}/${vnr} drbd${minor}`;
  return { host: node.host, line: `${obj}${peerName ? ` ${peerName}` : ""}: ${text}` };
}

function peerName(file: TResourceFile, node: TNode, other: string): string {
  return peerEntry(file, node, other)?.name ?? other;
}

function startSync(file: TResourceFile, lk: TLink, source: TNode, target: TNode, vnr: number, amountKiB: number, now: number, rate: number, logs: TLog[]): void {
  const tv = volumeOf(target, vnr);
  const sv = volumeOf(source, vnr);
  if (!tv || !sv) return;
  const total = Math.min(Math.max(amountKiB, 0), sv.sizeKiB);
  if (total === 0) return;
  tv.disk = "Inconsistent";
  // The SyncTarget takes the source's data generation as its current UUID when the resync
  // begins (DRBD's sync UUID), so an interrupted initial sync later resumes with what is left
  // instead of starting over.
  if (tv.gi.current === JUST_CREATED) tv.gi.current = sv.gi.current;
  lk.syncs.push({ source: source.host, target: target.host, vnr, startedAt: now, totalKiB: total, leftAtStartKiB: total, rateKiBps: rate });
  logs.push(logFor(file, source, peerName(file, source, target.host), vnr, `Began resync as SyncSource (will sync ${total} KB [${Math.ceil(total / 4)} bits set]).`));
  logs.push(logFor(file, target, peerName(file, target, source.host), vnr, `Began resync as SyncTarget (will sync ${total} KB [${Math.ceil(total / 4)} bits set]).`));
}

function finishSyncs(file: TResourceFile, lk: TLink, now: number, logs: TLog[]): void {
  lk.syncs = lk.syncs.filter((s) => {
    if (syncLeftKiB(s, now) > 0) return true;
    const source = file.nodes[s.source];
    const target = file.nodes[s.target];
    const sv = source && volumeOf(source, s.vnr);
    const tv = target && volumeOf(target, s.vnr);
    if (!source || !target || !sv || !tv) return false;
    tv.disk = "UpToDate";
    if (tv.gi.current !== sv.gi.current) {
      tv.gi.history = [tv.gi.current, ...tv.gi.history].filter((u) => u !== NO_UUID && u !== JUST_CREATED).slice(0, 2);
      tv.gi.current = sv.gi.current;
    }
    tv.gi.bitmap[s.source] = NO_UUID;
    sv.gi.bitmap[s.target] = NO_UUID;
    tv.oos[s.source] = 0;
    sv.oos[s.target] = 0;
    const secs = Math.max(1, Math.round((s.totalKiB / s.rateKiBps)));
    const text = `Resync done (total ${secs} sec; paused 0 sec; ${Math.round(s.rateKiBps)} K/sec)`;
    logs.push(logFor(file, source, peerName(file, source, target.host), s.vnr, text));
    logs.push(logFor(file, target, peerName(file, target, source.host), s.vnr, text));
    return false;
  });
}

function dropLink(file: TResourceFile, lk: TLink, now: number, logs: TLog[]): void {
  for (const s of lk.syncs) {
    const left = syncLeftKiB(s, now);
    const sv = file.nodes[s.source] && volumeOf(file.nodes[s.source] as TNode, s.vnr);
    const tv = file.nodes[s.target] && volumeOf(file.nodes[s.target] as TNode, s.vnr);
    if (sv) sv.oos[s.target] = left;
    if (tv) tv.oos[s.source] = left;
  }
  lk.syncs = [];
  lk.established = false;
  lk.since = now;
  for (const h of lk.hosts) {
    const node = file.nodes[h];
    const other = lk.hosts[0] === h ? lk.hosts[1] : lk.hosts[0];
    if (node) logs.push(logFor(file, node, peerName(file, node, other), null, "conn( Connected -> NetworkFailure ) peer( Secondary -> Unknown )"));
  }
}

function handshake(file: TResourceFile, a: TNode, b: TNode, now: number, rate: number, logs: TLog[]): void {
  const key = linkKey(a.host, b.host);
  const lk: TLink = file.links[key] ?? { hosts: [a.host, b.host].sort() as [string, string], established: false, since: now, syncs: [] };
  file.links[key] = lk;
  const pa = peerEntry(file, a, b.host) as TPeer;
  const pb = peerEntry(file, b, a.host) as TPeer;
  const plan: { vnr: number; d: TDecision }[] = a.volumes.flatMap((av) => {
    const bv = volumeOf(b, av.vnr);
    return bv ? [{ vnr: av.vnr, d: decide(a.host, av, b.host, bv) }] : [];
  });
  if (plan.some((p) => p.d.kind === "split-brain")) {
    const victim = pa.discardMyData && !pb.discardMyData ? a : pb.discardMyData && !pa.discardMyData ? b : null;
    if (!victim) {
      for (const [node, peer, other] of [
        [a, pa, b],
        [b, pb, a],
      ] as const) {
        peer.wantConnect = false;
        peer.discardMyData = false;
        logs.push(logFor(file, node, peer.name ?? other.host, 0, "Split-Brain detected but unresolved, dropping connection!"));
      }
      return;
    }
    const survivor = victim === a ? b : a;
    for (const p of plan) {
      if (p.d.kind !== "split-brain") continue;
      const vv = volumeOf(victim, p.vnr) as TVolume;
      const sv = volumeOf(survivor, p.vnr) as TVolume;
      p.d = { kind: "sync", source: survivor.host, amountKiB: (vv.oos[survivor.host] ?? 0) + (sv.oos[victim.host] ?? 0) || sv.sizeKiB };
    }
    logs.push(logFor(file, survivor, peerName(file, survivor, victim.host), 0, "Split-Brain detected, manually solved. Sync from this node"));
    logs.push(logFor(file, victim, peerName(file, victim, survivor.host), 0, "Split-Brain detected, manually solved. Sync from peer node"));
  }
  lk.established = true;
  lk.since = now;
  lk.syncs = [];
  pa.discardMyData = false;
  pb.discardMyData = false;
  for (const [node, other] of [
    [a, b],
    [b, a],
  ] as const)
    logs.push(logFor(file, node, peerName(file, node, other.host), null, `conn( Connecting -> Connected ) peer( Unknown -> ${other.role} )`));
  for (const p of plan) {
    if (p.d.kind !== "sync") continue;
    const source = p.d.source === a.host ? a : b;
    startSync(file, lk, source, source === a ? b : a, p.vnr, p.d.amountKiB, now, rate, logs);
  }
}

// Brings the resource up to `now` as seen from `host`: links that `host` can (or can no longer)
// reach are (dis)connected, resyncs that ran out are finished.
export function advance(file: TResourceFile, host: string, now: number, reachable: (host: string) => boolean, rate: number): TLog[] {
  const logs: TLog[] = [];
  for (const lk of Object.values(file.links)) if (lk.established) finishSyncs(file, lk, now, logs);
  const me = file.nodes[host];
  if (me) {
    for (const peer of me.peers) {
      const otherHost = peerHost(file, me, peer);
      if (otherHost === null) continue;
      const other = file.nodes[otherHost] as TNode;
      const back = peerEntry(file, other, host);
      const can = peer.wantConnect && back !== null && back.wantConnect && reachable(otherHost);
      const lk = link(file, host, otherHost);
      if (lk?.established && !can) dropLink(file, lk, now, logs);
      else if (!lk?.established && can) handshake(file, me, other, now, rate, logs);
    }
  }
  // Links to nodes that went down (or whose peer entry vanished) are gone.
  for (const [key, lk] of Object.entries(file.links)) {
    const [h1, h2] = lk.hosts;
    const n1 = file.nodes[h1];
    const n2 = file.nodes[h2];
    if (!n1 || !n2 || !peerEntry(file, n1, h2) || !peerEntry(file, n2, h1)) {
      if (lk.established) dropLink(file, lk, now, logs);
      delete file.links[key];
    }
  }
  resyncCheck(file, now, rate, logs);
  return logs;
}

// A state change on a connected pair (primary --force, attach) can make one side the owner of
// the good data while the other is Inconsistent: DRBD then starts a resync on the spot.
function resyncCheck(file: TResourceFile, now: number, rate: number, logs: TLog[]): void {
  for (const lk of Object.values(file.links)) {
    if (!lk.established) continue;
    const a = file.nodes[lk.hosts[0]];
    const b = file.nodes[lk.hosts[1]];
    if (!a || !b) continue;
    for (const av of a.volumes) {
      const bv = volumeOf(b, av.vnr);
      if (!bv || lk.syncs.some((s) => s.vnr === av.vnr)) continue;
      const inc = (v: TVolume) => v.disk === "Inconsistent";
      if (!(inc(av) && bv.disk === "UpToDate") && !(inc(bv) && av.disk === "UpToDate")) continue;
      const d = decide(a.host, av, b.host, bv);
      if (d.kind !== "sync") continue;
      const source = d.source === a.host ? a : b;
      startSync(file, lk, source, source === a ? b : a, av.vnr, d.amountKiB, now, rate, logs);
    }
  }
}

// Application writes on a Primary: replicated to connected peers, tracked in the bitmap for the
// others; the first write without a peer starts a new data generation, as DRBD does.
export function applyWrite(file: TResourceFile, node: TNode, vnr: number, kib: number): void {
  const v = volumeOf(node, vnr);
  if (!v) return;
  v.writtenKiB += kib;
  v.alWrites += 1;
  const peers = node.peers.map((p) => peerHost(file, node, p)).filter((h): h is string => h !== null);
  const away = peers.filter((h) => !isEstablished(file, node.host, h));
  const near = peers.filter((h) => isEstablished(file, node.host, h));
  const rotate = away.some((h) => (v.gi.bitmap[h] ?? NO_UUID) === NO_UUID);
  if (rotate) {
    const old = v.gi.current;
    v.gi.current = newUuid();
    v.gi.history = [old, ...v.gi.history].slice(0, 2);
    for (const h of away) if ((v.gi.bitmap[h] ?? NO_UUID) === NO_UUID) v.gi.bitmap[h] = old;
  }
  for (const h of away) v.oos[h] = Math.min(v.sizeKiB, (v.oos[h] ?? 0) + kib);
  for (const h of near) {
    const pv = volumeOf(file.nodes[h] as TNode, vnr);
    if (!pv || isDiskless(pv)) continue;
    v.sentKiB[h] = (v.sentKiB[h] ?? 0) + kib;
    pv.receivedKiB[node.host] = (pv.receivedKiB[node.host] ?? 0) + kib;
    pv.writtenKiB += kib;
    if (pv.disk === "UpToDate") {
      pv.gi.current = v.gi.current;
      for (const h2 of away) {
        if ((pv.gi.bitmap[h2] ?? NO_UUID) === NO_UUID) pv.gi.bitmap[h2] = v.gi.bitmap[h2] ?? NO_UUID;
        pv.oos[h2] = v.oos[h2] ?? 0;
      }
    }
  }
}
