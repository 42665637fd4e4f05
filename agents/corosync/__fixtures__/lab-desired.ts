import type { TCorosyncConfig } from "../model";
import { readCorosyncConfig } from "../parse-conf";
import type { TCorosyncObserved } from "../probe";

// Desired clusters on the lab's addresses (lab1..lab3 = 10.99.0.11..13, one interface each)
// and observed states of hosts, for the planner's unit tests.

export const LAB_LOGGING = {
  toLogfile: true,
  logfile: "/var/log/corosync/corosync.log",
  toSyslog: false,
  toStderr: false,
  timestamp: true,
  debug: null,
};

export const labNodes = (count: 2 | 3) =>
  [1, 2, 3].slice(0, count).map((i) => ({ nodeid: i, name: `lab${i}`, addrs: [`10.99.0.1${i}`], quorumVotes: null }));

export const lab3Desired: TCorosyncConfig = {
  clusterName: "panelclu",
  configVersion: null,
  transport: "knet",
  ipVersion: null,
  secauth: null,
  cryptoCipher: "aes256",
  cryptoHash: "sha256",
  linkMode: null,
  links: [{ linknumber: 0, knetLinkPriority: null, knetTransport: null, bindnetaddr: null, mcastport: null }],
  nodes: labNodes(3),
  quorum: { provider: "corosync_votequorum", twoNode: false, waitForAll: null, expectedVotes: null, device: null },
  logging: LAB_LOGGING,
};

export const lab2Desired = (quorum: Partial<TCorosyncConfig["quorum"]>): TCorosyncConfig => ({
  ...lab3Desired,
  nodes: labNodes(2),
  quorum: { ...lab3Desired.quorum, ...quorum },
});

// A bare Debian host: the package's stub corosync.conf, no key, nothing running.
export const freshHost = (host: string, stubConf: string | null): TCorosyncObserved => ({
  confText: stubConf,
  conf: stubConf === null ? null : readCorosyncConfig(stubConf),
  confError: null,
  authkeyPresent: false,
  authkeySha256: null,
  corosyncActive: false,
  corosyncEnabled: false,
  pacemakerActive: false,
  quorum: null,
  quorumExitCode: 1,
  quorumError: "Cannot initialize QUORUM service",
  addresses: ["127.0.0.1", `10.99.0.1${host.slice(-1)}`],
});
