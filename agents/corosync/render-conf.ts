import { ZCorosyncConfig, type TCorosyncConfig } from "./model";
import { exportSectionTree, section, type TSection } from "./section-tree";

type TPair = [string, string | number];

// Unset (null) options are left out so corosync applies its own default.
function pairs(entries: [string, string | number | boolean | null][], yes = "yes", no = "no"): TPair[] {
  return entries.flatMap(([key, value]): TPair[] => {
    if (value === null) return [];
    if (typeof value === "boolean") return [[key, value ? yes : no]];
    return [[key, value]];
  });
}

function totem(c: TCorosyncConfig): TSection {
  const interfaces = c.links.map((l) =>
    section(
      "interface",
      pairs([
        ["linknumber", l.linknumber],
        ["knet_link_priority", l.knetLinkPriority],
        ["knet_transport", l.knetTransport],
        ["bindnetaddr", l.bindnetaddr],
        ["mcastport", l.mcastport],
      ]),
    ),
  );
  return section(
    "totem",
    pairs(
      [
        ["version", 2],
        ["cluster_name", c.clusterName],
        ["config_version", c.configVersion],
        ["transport", c.transport],
        ["ip_version", c.ipVersion],
        ["link_mode", c.linkMode],
        ["secauth", c.secauth],
        ["crypto_cipher", c.cryptoCipher],
        ["crypto_hash", c.cryptoHash],
      ],
      "on",
      "off",
    ),
    interfaces,
  );
}

function nodelist(c: TCorosyncConfig): TSection {
  return section(
    "nodelist",
    [],
    c.nodes.map((n) =>
      section("node", [
        ...pairs([
          ["name", n.name],
          ["nodeid", n.nodeid],
          ["quorum_votes", n.quorumVotes],
        ]),
        // Address i belongs to the i-th configured link (ring0_addr, ring1_addr, ... without links).
        ...n.addrs.map((addr, i): TPair => [`ring${c.links[i]?.linknumber ?? i}_addr`, addr]),
      ]),
    ),
  );
}

function quorum(c: TCorosyncConfig): TSection {
  const q = c.quorum;
  const d = q.device;
  const device = d
    ? [
        section(
          "device",
          pairs([
            ["model", d.model],
            ["votes", d.votes],
          ]),
          [
            section(
              "net",
              pairs([
                ["host", d.host],
                ["port", d.port],
                ["algorithm", d.algorithm],
                ["tls", d.tls],
              ]),
            ),
          ],
        ),
      ]
    : [];
  return section(
    "quorum",
    pairs(
      [
        ["provider", q.provider],
        ["expected_votes", q.expectedVotes],
        // two_node: 0 is corosync's default, so it is only written when on.
        ["two_node", q.twoNode ? true : null],
        ["wait_for_all", q.waitForAll],
      ],
      "1",
      "0",
    ),
    device,
  );
}

function logging(c: TCorosyncConfig): TSection[] {
  const l = c.logging;
  const attributes = [
    ...pairs([
      ["to_logfile", l.toLogfile],
      ["logfile", l.logfile],
      ["to_syslog", l.toSyslog],
      ["to_stderr", l.toStderr],
    ]),
    ...pairs(
      [
        ["timestamp", l.timestamp],
        ["debug", l.debug],
      ],
      "on",
      "off",
    ),
  ];
  return attributes.length ? [section("logging", attributes)] : [];
}

// Desired state → corosync.conf in corosync 3 style (4-space indent, sections in the order of
// corosync.conf.example). Throws a ZodError when the model is not a valid cluster config.
export function renderCorosyncConf(model: TCorosyncConfig): string {
  const c = ZCorosyncConfig.parse(model);
  return exportSectionTree(section("", [], [totem(c), nodelist(c), quorum(c), ...logging(c)]));
}
