import { ParseError } from "../common/parse-error";
import {
  validated,
  ZCorosyncConf,
  ZCorosyncConfig,
  type TConfNode,
  type TCorosyncConf,
  type TCorosyncConfig,
} from "./model";
import { attr, child, children, parseSectionTree, type TAttribute, type TSection } from "./section-tree";

const FORMAT = "corosync-conf";
const RING_ADDR = /^ring([0-7])_addr$/;

function text(a: TAttribute | undefined): string | null {
  return a && a.value !== "" ? a.value : null;
}

function int(a: TAttribute | undefined): number | null {
  if (!a) return null;
  if (!/^\d+$/.test(a.value)) throw new ParseError(FORMAT, `${a.key} is not a number: "${a.value}"`, a.line);
  return Number(a.value);
}

// corosync reads yes/no, on/off, 1/0 (and true/false in icmap) for booleans.
function bool(a: TAttribute | undefined): boolean | null {
  if (!a) return null;
  const v = a.value.toLowerCase();
  if (["1", "yes", "on", "true", "hires"].includes(v)) return true;
  if (["0", "no", "off", "false"].includes(v)) return false;
  throw new ParseError(FORMAT, `${a.key} is not a boolean: "${a.value}"`, a.line);
}

function readNode(node: TSection): TConfNode {
  const linkAddrs = node.attributes
    .flatMap((a) => {
      const m = RING_ADDR.exec(a.key);
      return m?.[1] ? [{ link: Number(m[1]), addr: a.value }] : [];
    })
    .sort((x, y) => x.link - y.link);
  return {
    name: text(attr(node, "name")),
    nodeid: int(attr(node, "nodeid")),
    addrs: linkAddrs.map((l) => l.addr),
    linkAddrs,
    quorumVotes: int(attr(node, "quorum_votes")),
  };
}

function interfaceLink(iface: TSection): number | null {
  return int(attr(iface, "linknumber") ?? attr(iface, "ringnumber"));
}

export function corosyncConfFromTree(root: TSection): TCorosyncConf {
  const totem = child(root, "totem");
  const nodelist = child(root, "nodelist");
  if (!totem && !nodelist) throw new ParseError(FORMAT, "no totem or nodelist section: not a corosync.conf", null);
  const quorum = child(root, "quorum");
  const device = child(quorum, "device");
  const net = child(device, "net");
  const logging = child(root, "logging");
  const conf = {
    clusterName: text(attr(totem, "cluster_name")),
    configVersion: int(attr(totem, "config_version")),
    transport: text(attr(totem, "transport")),
    nodes: children(nodelist, "node").map(readNode),
    quorum: {
      provider: text(attr(quorum, "provider")),
      twoNode: bool(attr(quorum, "two_node")) ?? false,
      device: device
        ? {
            model: text(attr(device, "model")),
            host: text(attr(net, "host")),
            votes: int(attr(device, "votes")),
            port: int(attr(net, "port")),
            algorithm: text(attr(net, "algorithm")),
            tls: text(attr(net, "tls")),
            heuristicsMode: text(attr(child(device, "heuristics"), "mode")),
          }
        : null,
      waitForAll: bool(attr(quorum, "wait_for_all")),
      expectedVotes: int(attr(quorum, "expected_votes")),
      lastManStanding: bool(attr(quorum, "last_man_standing")),
      autoTieBreaker: bool(attr(quorum, "auto_tie_breaker")),
    },
    totem: {
      version: int(attr(totem, "version")),
      secauth: bool(attr(totem, "secauth")),
      cryptoCipher: text(attr(totem, "crypto_cipher")),
      cryptoHash: text(attr(totem, "crypto_hash")),
      linkMode: text(attr(totem, "link_mode")),
      rrpMode: text(attr(totem, "rrp_mode")),
      ipVersion: text(attr(totem, "ip_version")),
      interfaces: children(totem, "interface").map((iface) => ({
        link: interfaceLink(iface),
        attributes: Object.fromEntries(iface.attributes.map((a) => [a.key, a.value])),
      })),
    },
    logging: Object.fromEntries((logging?.attributes ?? []).map((a) => [a.key, a.value])),
  };
  return validated(ZCorosyncConf, conf, FORMAT);
}

export function parseCorosyncConf(input: string): TCorosyncConf {
  return corosyncConfFromTree(parseSectionTree(input, FORMAT));
}

// The file as the desired-state model renderCorosyncConf takes, so a plan can compare what a
// host has with what the panel would write. corosync-2 ringnumber blocks read as link numbers.
export function readCorosyncConfig(input: string): TCorosyncConfig {
  const root = parseSectionTree(input, FORMAT);
  const conf = corosyncConfFromTree(root);
  const totem = child(root, "totem");
  const logging = child(root, "logging");
  const links = children(totem, "interface")
    .map((iface, i) => ({
      linknumber: interfaceLink(iface) ?? i,
      knetLinkPriority: int(attr(iface, "knet_link_priority")),
      knetTransport: text(attr(iface, "knet_transport")),
      bindnetaddr: text(attr(iface, "bindnetaddr")),
      mcastport: int(attr(iface, "mcastport")),
    }))
    .sort((a, b) => a.linknumber - b.linknumber);
  const device = conf.quorum.device;
  const config = {
    clusterName: conf.clusterName,
    configVersion: conf.configVersion,
    transport: conf.transport,
    ipVersion: conf.totem.ipVersion,
    secauth: conf.totem.secauth,
    cryptoCipher: conf.totem.cryptoCipher,
    cryptoHash: conf.totem.cryptoHash,
    linkMode: conf.totem.linkMode,
    links,
    nodes: conf.nodes.map((n) => ({ nodeid: n.nodeid, name: n.name, addrs: n.addrs, quorumVotes: n.quorumVotes })),
    quorum: {
      provider: conf.quorum.provider,
      twoNode: conf.quorum.twoNode,
      waitForAll: conf.quorum.waitForAll,
      expectedVotes: conf.quorum.expectedVotes,
      device: device
        ? {
            model: device.model,
            votes: device.votes,
            host: device.host,
            port: device.port,
            algorithm: device.algorithm,
            tls: device.tls,
          }
        : null,
    },
    logging: {
      toLogfile: bool(attr(logging, "to_logfile")),
      logfile: text(attr(logging, "logfile")),
      toSyslog: bool(attr(logging, "to_syslog")),
      toStderr: bool(attr(logging, "to_stderr")),
      timestamp: bool(attr(logging, "timestamp")),
      debug: bool(attr(logging, "debug")),
    },
  };
  return validated(ZCorosyncConfig, config, FORMAT);
}
