import { z } from "zod";
import { ParseError } from "../common/parse-error";

// Parse shapes follow ../shared/contracts/parse-cli.md ("corosync"); every field beyond the
// contract is an extra the dashboard uses. Absent in the input means null, never a guess.

const ZNodeId = z.number().int().nonnegative();

// --- corosync-quorum (corosync-quorumtool -s / -l, also the quorum part of pvecm status) ---

export const ZQuorumNode = z.object({
  nodeid: ZNodeId,
  // null when quorum is not votequorum: the table then has no Votes column.
  votes: z.number().int().nonnegative().nullable(),
  // null when corosync could not resolve the node name (it prints nothing).
  name: z.string().nullable(),
  local: z.boolean(),
  // Qdevice column verbatim: "A,V,NMW", "NA,NV,NMW", "NR" (not registered); null without the column.
  qdeviceFlags: z.string().nullable(),
});
export type TQuorumNode = z.infer<typeof ZQuorumNode>;

// Derived from the local node's Qdevice flags (A = qdevice alive, V = it casts its vote).
export const ZQdeviceState = z.enum(["voting", "alive-not-voting", "not-alive", "not-registered"]);
export type TQdeviceState = z.infer<typeof ZQdeviceState>;

export const ZQdevice = z.object({
  // Votes the pseudo-row shows now: corosync prints 0 while the device does not vote for this node.
  votes: z.number().int().nonnegative(),
  // The device's configured votes ("(votes 1)" suffix when not voting), else the same as votes.
  configuredVotes: z.number().int().nonnegative(),
  name: z.string(),
  alive: z.boolean().nullable(),
  castVote: z.boolean().nullable(),
  masterWins: z.boolean().nullable(),
  state: ZQdeviceState.nullable(),
});
export type TQdevice = z.infer<typeof ZQdevice>;

export const ZCorosyncQuorum = z.object({
  // "Quorate:" line, else the Quorate flag when only the Votequorum section is there; null for -l.
  quorate: z.boolean().nullable(),
  expectedVotes: z.number().int().nonnegative().nullable(),
  totalVotes: z.number().int().nonnegative().nullable(),
  quorum: z.number().int().nonnegative().nullable(),
  // null when the Votequorum section is absent (-l, non-votequorum): unknown is not "no flags".
  flags: z.array(z.string()).nullable(),
  nodes: z.array(ZQuorumNode),
  qdevice: ZQdevice.nullable(),
  // Extras.
  localNodeId: ZNodeId.nullable(),
  memberCount: z.number().int().nonnegative().nullable(),
  ringId: z.string().nullable(),
  quorumProvider: z.string().nullable(),
  highestExpected: z.number().int().nonnegative().nullable(),
  activityBlocked: z.boolean().nullable(),
  twoNode: z.boolean().nullable(),
  waitForAll: z.boolean().nullable(),
});
export type TCorosyncQuorum = z.infer<typeof ZCorosyncQuorum>;

// --- corosync-links (corosync-cfgtool -s) ---

export const ZLinkPeer = z.object({ nodeid: ZNodeId, connected: z.boolean() });
export type TLinkPeer = z.infer<typeof ZLinkPeer>;

// ok: no fault / every peer connected; degraded: some peers disconnected; faulty: ring marked
// FAULTY or no peer connected; unknown: a status text we do not recognise (kept in statusText).
export const ZLinkStatus = z.enum(["ok", "degraded", "faulty", "unknown"]);

export const ZCorosyncLink = z.object({
  id: z.number().int().nonnegative(),
  address: z.string().nullable(),
  status: ZLinkStatus,
  statusText: z.string().nullable(),
  // knet link transport from "LINK ID 0 udp" (udp, sctp); null in the ring layout or when blank.
  transport: z.string().nullable(),
  peers: z.array(ZLinkPeer),
});
export type TCorosyncLink = z.infer<typeof ZCorosyncLink>;

export const ZCorosyncLinks = z.object({
  nodeid: ZNodeId.nullable(),
  links: z.array(ZCorosyncLink),
  // Extras: "ring" = corosync 1.x/2.x layout, "link" = corosync 3 layout.
  layout: z.enum(["ring", "link"]),
  transport: z.string().nullable(),
});
export type TCorosyncLinks = z.infer<typeof ZCorosyncLinks>;

// --- corosync-cfgtool-n (corosync-cfgtool -n, corosync 3.1+) ---

export const ZCfgtoolNodeLink = z.object({
  id: z.number().int().nonnegative(),
  transport: z.string().nullable(),
  source: z.string(),
  // null for non-knet transports, which print only one address.
  destination: z.string().nullable(),
  enabled: z.boolean(),
  connected: z.boolean(),
  dynconnected: z.boolean(),
  mtu: z.number().int().nonnegative().nullable(),
});

export const ZCfgtoolNode = z.object({
  nodeid: ZNodeId,
  // corosync lists reachable peers only; kept so the shape says so.
  reachable: z.boolean(),
  remote: z.boolean(),
  external: z.boolean(),
  onwire: z.object({ min: z.number().int(), max: z.number().int(), current: z.number().int() }).nullable(),
  links: z.array(ZCfgtoolNodeLink),
});

export const ZCorosyncCfgtoolNodes = z.object({
  nodeid: ZNodeId.nullable(),
  transport: z.string().nullable(),
  nodes: z.array(ZCfgtoolNode),
});
export type TCorosyncCfgtoolNodes = z.infer<typeof ZCorosyncCfgtoolNodes>;

// --- corosync-conf (corosync.conf, /etc/pve/corosync.conf) ---

export const ZConfNode = z.object({
  name: z.string().nullable(),
  nodeid: ZNodeId.nullable(),
  // ringN_addr values ordered by N (link order).
  addrs: z.array(z.string()),
  // Extras: the link number of each address (gaps survive here), quorum_votes.
  linkAddrs: z.array(z.object({ link: z.number().int().min(0).max(7), addr: z.string() })),
  quorumVotes: z.number().int().nonnegative().nullable(),
});
export type TConfNode = z.infer<typeof ZConfNode>;

export const ZConfQuorumDevice = z.object({
  model: z.string().nullable(),
  host: z.string().nullable(),
  // Extras.
  votes: z.number().int().nonnegative().nullable(),
  port: z.number().int().positive().nullable(),
  algorithm: z.string().nullable(),
  tls: z.string().nullable(),
  heuristicsMode: z.string().nullable(),
});

export const ZConfInterface = z.object({
  // linknumber (corosync 3) or ringnumber (corosync 2).
  link: z.number().int().min(0).max(7).nullable(),
  attributes: z.record(z.string(), z.string()),
});

export const ZCorosyncConf = z.object({
  clusterName: z.string().nullable(),
  configVersion: z.number().int().nonnegative().nullable(),
  // As written; null when the file relies on the default (knet in corosync 3, udp in 2).
  transport: z.string().nullable(),
  nodes: z.array(ZConfNode),
  quorum: z.object({
    provider: z.string().nullable(),
    twoNode: z.boolean(),
    device: ZConfQuorumDevice.nullable(),
    // Extras.
    waitForAll: z.boolean().nullable(),
    expectedVotes: z.number().int().nonnegative().nullable(),
    lastManStanding: z.boolean().nullable(),
    autoTieBreaker: z.boolean().nullable(),
  }),
  // Extras.
  totem: z.object({
    version: z.number().int().nullable(),
    secauth: z.boolean().nullable(),
    cryptoCipher: z.string().nullable(),
    cryptoHash: z.string().nullable(),
    linkMode: z.string().nullable(),
    rrpMode: z.string().nullable(),
    ipVersion: z.string().nullable(),
    interfaces: z.array(ZConfInterface),
  }),
  logging: z.record(z.string(), z.string()),
});
export type TCorosyncConf = z.infer<typeof ZCorosyncConf>;

// --- desired state for renderCorosyncConf (richer than the parse shape) ---

// Values land in a brace-structured file: no spaces, braces or line breaks can sneak in.
const ZWord = z.string().regex(/^[A-Za-z0-9_.:%/@+-]+$/, "letters, digits and _ . : % / @ + - only");
const ZPath = z.string().regex(/^\/[A-Za-z0-9_.%/@+-]*$/, "an absolute path without spaces");
const ZCount = z.number().int().nonnegative();

export const ZCorosyncLinkConfig = z.object({
  linknumber: z.number().int().min(0).max(7),
  knetLinkPriority: z.number().int().min(0).max(255).nullable(),
  knetTransport: z.enum(["udp", "sctp"]).nullable(),
  bindnetaddr: ZWord.nullable(),
  mcastport: z.number().int().min(1).max(65535).nullable(),
});
export type TCorosyncLinkConfig = z.infer<typeof ZCorosyncLinkConfig>;

export const ZCorosyncNodeConfig = z.object({
  nodeid: z.number().int().min(1).max(0xffffffff),
  name: ZWord,
  // One address per configured link, in link order (rendered as ring<linknumber>_addr).
  addrs: z.array(ZWord).min(1).max(8),
  quorumVotes: ZCount.nullable(),
});
export type TCorosyncNodeConfig = z.infer<typeof ZCorosyncNodeConfig>;

export const ZQuorumDeviceConfig = z.object({
  model: z.literal("net"),
  votes: ZCount.nullable(),
  host: ZWord,
  port: z.number().int().min(1).max(65535).nullable(),
  algorithm: z.enum(["ffsplit", "lms"]).nullable(),
  tls: z.enum(["on", "off", "required"]).nullable(),
});
export type TQuorumDeviceConfig = z.infer<typeof ZQuorumDeviceConfig>;

export const ZLoggingConfig = z.object({
  toLogfile: z.boolean().nullable(),
  logfile: ZPath.nullable(),
  toSyslog: z.boolean().nullable(),
  toStderr: z.boolean().nullable(),
  timestamp: z.boolean().nullable(),
  debug: z.boolean().nullable(),
});

export const ZCorosyncConfig = z
  .object({
    clusterName: ZWord,
    configVersion: ZCount.nullable(),
    // null leaves the corosync default (knet in corosync 3).
    transport: z.enum(["knet", "udpu", "udp"]).nullable(),
    ipVersion: z.enum(["ipv4", "ipv6", "ipv4-6", "ipv6-4"]).nullable(),
    secauth: z.boolean().nullable(),
    cryptoCipher: z.enum(["none", "aes256", "aes192", "aes128"]).nullable(),
    cryptoHash: z.enum(["none", "md5", "sha1", "sha256", "sha384", "sha512"]).nullable(),
    linkMode: z.enum(["passive", "active", "rr"]).nullable(),
    links: z.array(ZCorosyncLinkConfig).max(8),
    nodes: z.array(ZCorosyncNodeConfig).min(1),
    quorum: z.object({
      provider: z.literal("corosync_votequorum"),
      twoNode: z.boolean(),
      waitForAll: z.boolean().nullable(),
      expectedVotes: ZCount.nullable(),
      device: ZQuorumDeviceConfig.nullable(),
    }),
    logging: ZLoggingConfig,
  })
  .superRefine((c, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });
    c.links.forEach((l, i) => {
      const prev = c.links[i - 1];
      if (prev && prev.linknumber >= l.linknumber) issue("links must be in ascending linknumber order", ["links", i]);
    });
    const ids = new Set<number>();
    const names = new Set<string>();
    c.nodes.forEach((n, i) => {
      if (ids.has(n.nodeid)) issue(`duplicate nodeid ${n.nodeid}`, ["nodes", i, "nodeid"]);
      if (names.has(n.name)) issue(`duplicate node name ${n.name}`, ["nodes", i, "name"]);
      ids.add(n.nodeid);
      names.add(n.name);
      if (c.links.length > 0 && n.addrs.length !== c.links.length) {
        issue(`node ${n.name} has ${n.addrs.length} addresses for ${c.links.length} links`, ["nodes", i, "addrs"]);
      }
      if (c.transport !== "knet" && c.transport !== null && n.addrs.length > 1) {
        issue(`transport ${c.transport} supports one link only`, ["nodes", i, "addrs"]);
      }
    });
    if (c.quorum.twoNode && c.nodes.length !== 2) issue("two_node needs exactly two nodes", ["quorum", "twoNode"]);
    // votequorum refuses two_node together with a quorum device.
    if (c.quorum.twoNode && c.quorum.device) issue("two_node and a quorum device exclude each other", ["quorum"]);
    if ((c.cryptoCipher !== null) !== (c.cryptoHash !== null)) {
      issue("crypto_cipher and crypto_hash are set together", ["cryptoCipher"]);
    }
  });
export type TCorosyncConfig = z.infer<typeof ZCorosyncConfig>;

// --- qdevice-tool (corosync-qdevice-tool -s [-v]) ---

export const ZQdeviceToolStatus = z.object({
  model: z.string().nullable(),
  nodeid: ZNodeId.nullable(),
  configuredNodes: z.array(ZNodeId),
  membershipNodes: z.array(ZNodeId),
  quorumNodes: z.array(z.object({ nodeid: ZNodeId, state: z.string().nullable() })),
  quorate: z.boolean().nullable(),
  ringId: z.string().nullable(),
  expectedVotes: z.number().int().nonnegative().nullable(),
  heuristics: z.string().nullable(),
  lastPollCall: z.string().nullable(),
  net: z
    .object({
      clusterName: z.string().nullable(),
      host: z.string().nullable(),
      port: z.number().int().positive().nullable(),
      algorithm: z.string().nullable(),
      tieBreaker: z.string().nullable(),
      state: z.string().nullable(),
      connected: z.boolean().nullable(),
      tlsActive: z.boolean().nullable(),
      connectedSince: z.string().nullable(),
    })
    .nullable(),
});
export type TQdeviceToolStatus = z.infer<typeof ZQdeviceToolStatus>;

// --- qnetd-tool (corosync-qnetd-tool -l [-v] and -s) ---

export const ZQnetdClient = z.object({
  nodeid: ZNodeId,
  clientAddress: z.string().nullable(),
  configuredNodes: z.array(ZNodeId),
  membershipNodes: z.array(ZNodeId),
  ringId: z.string().nullable(),
  heuristics: z.string().nullable(),
  tlsActive: z.boolean().nullable(),
  // "ACK", "NACK", "No change", "ASK later", "Wait for reply"; lastSentVote is the part in parentheses.
  vote: z.string().nullable(),
  lastSentVote: z.string().nullable(),
});

export const ZQnetdTool = z.object({
  // corosync-qnetd-tool -s lines ("QNetd address", "Connected clients", ...); empty for -l.
  status: z.object({
    address: z.string().nullable(),
    tls: z.string().nullable(),
    connectedClients: z.number().int().nonnegative().nullable(),
    connectedClusters: z.number().int().nonnegative().nullable(),
  }),
  clusters: z.array(
    z.object({
      name: z.string(),
      algorithm: z.string().nullable(),
      tieBreaker: z.string().nullable(),
      nodes: z.array(ZQnetdClient),
    }),
  ),
});
export type TQnetdTool = z.infer<typeof ZQnetdTool>;

// Parsers build their result by hand; a schema mismatch is still "input we cannot read", so it
// surfaces as a ParseError like every other failure.
export function validated<T>(schema: z.ZodType<T>, value: unknown, format: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new ParseError(format, `unexpected value at ${first?.path.join(".") ?? "?"}: ${first?.message ?? "invalid"}`);
}
