import { isIP } from "node:net";
import { errorReport, warningReport, type TReport } from "@/lib/reports/report";
import { ZCorosyncConfig, type TCorosyncConfig } from "./model";

// Checks on a desired corosync cluster before anything is planned. Pure. Every report names
// the offending field in params.field (a dotted path into the desired config) so the wizard
// can put the message next to its input. Errors block the plan; warnings need "force".

// pvecm's rule, which also keeps the name safe as a qnetd cluster name and a file name.
const CLUSTER_NAME = /^[A-Za-z0-9-]{1,15}$/;

const field = (...path: (string | number)[]) => path.join(".");

// Links the nodes are configured for: the interface blocks, else the addresses of the
// widest node (a nodelist with ring0_addr only has one link and no interface block).
export function linkCount(c: TCorosyncConfig): number {
  return c.links.length > 0 ? c.links.length : Math.max(0, ...c.nodes.map((n) => n.addrs.length));
}

function schemaReports(desired: TCorosyncConfig, own: TReport[]): TReport[] {
  const parsed = ZCorosyncConfig.safeParse(desired);
  if (parsed.success) return [];
  const ownFields = new Set(own.map((r) => r.params.field));
  return parsed.error.issues.flatMap((issue) => {
    const f = field(...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)));
    if (ownFields.has(f)) return [];
    return [errorReport("COROSYNC_CONFIG_INVALID", `${f || "config"}: ${issue.message}`, { field: f })];
  });
}

function nodeReports(c: TCorosyncConfig): TReport[] {
  const out: TReport[] = [];
  if (c.nodes.length < 2 || c.nodes.length > 3) {
    out.push(
      errorReport(
        "COROSYNC_NODE_COUNT",
        `A cluster here has 2 or 3 nodes; this one has ${c.nodes.length}. Larger clusters are out of scope for the panel.`,
        { field: "nodes", count: c.nodes.length },
      ),
    );
  }
  const names = new Map<string, number>();
  const ids = new Map<number, number>();
  c.nodes.forEach((n, i) => {
    const sameName = names.get(n.name);
    if (sameName !== undefined) {
      out.push(errorReport("COROSYNC_DUPLICATE_NODE_NAME", `Nodes ${sameName + 1} and ${i + 1} are both called ${n.name}.`, { field: field("nodes", i, "name"), name: n.name }));
    } else names.set(n.name, i);
    const sameId = ids.get(n.nodeid);
    if (sameId !== undefined) {
      out.push(errorReport("COROSYNC_DUPLICATE_NODE_ID", `Nodes ${c.nodes[sameId]?.name} and ${n.name} both have nodeid ${n.nodeid}.`, { field: field("nodes", i, "nodeid"), nodeid: n.nodeid }));
    } else ids.set(n.nodeid, i);
  });
  const links = linkCount(c);
  for (let link = 0; link < links; link++) {
    const linkNumber = c.links[link]?.linknumber ?? link;
    const seen = new Map<string, string>();
    c.nodes.forEach((n, i) => {
      const addr = n.addrs[link];
      if (addr === undefined) {
        out.push(
          errorReport("COROSYNC_LINK_ADDRESS_MISSING", `${n.name} has no address for link ${linkNumber}: every node needs one address on every link.`, {
            field: field("nodes", i, "addrs", link),
            node: n.name,
            link: linkNumber,
          }),
        );
        return;
      }
      const other = seen.get(addr.toLowerCase());
      if (other !== undefined) {
        out.push(
          errorReport("COROSYNC_DUPLICATE_ADDRESS", `${other} and ${n.name} both use ${addr} on link ${linkNumber}; each node needs its own address.`, {
            field: field("nodes", i, "addrs", link),
            address: addr,
            link: linkNumber,
            nodes: [other, n.name],
          }),
        );
      } else seen.set(addr.toLowerCase(), n.name);
    });
  }
  return out;
}

function quorumReports(c: TCorosyncConfig): TReport[] {
  const out: TReport[] = [];
  const q = c.quorum;
  if (q.expectedVotes === 1) {
    out.push(
      errorReport(
        "COROSYNC_EXPECTED_VOTES_ONE",
        "expected_votes: 1 lets every node be quorate on its own, so both halves of a split run the same guests: split brain. Use a QDevice or two_node instead.",
        { field: "quorum.expectedVotes" },
      ),
    );
  }
  if (c.nodes.length === 2 && !q.device && !q.twoNode) {
    out.push(
      errorReport(
        "COROSYNC_TWO_NODES_NO_TIEBREAKER",
        "With two nodes and no tie-breaker, losing either node (or the link between them) loses quorum on the other: the survivor stops its services. " +
          "Add a QDevice on a third machine (a NAS, a small VM) or set two_node: 1 with wait_for_all.",
        { field: "quorum" },
      ),
    );
  }
  if (c.nodes.length === 2 && q.twoNode && !q.device) {
    if (q.waitForAll === false) {
      out.push(
        errorReport(
          "COROSYNC_TWO_NODE_WITHOUT_WAIT_FOR_ALL",
          "two_node without wait_for_all lets both nodes become quorate alone after a restart while they cannot see each other: split brain. Leave wait_for_all on.",
          { field: "quorum.waitForAll" },
        ),
      );
    } else {
      out.push(
        warningReport(
          "COROSYNC_TWO_NODE",
          "two_node: 1 with wait_for_all: after a full cluster restart both nodes must be up before either becomes quorate. " +
            "When one node dies, the other stays quorate only if it was already running; fencing decides which node wins a split. " +
            "A QDevice on a third machine avoids both limits.",
          { field: "quorum.twoNode" },
        ),
      );
    }
  }
  const d = q.device;
  if (d) {
    if (c.nodes.length === 3) {
      out.push(
        warningReport(
          "COROSYNC_QDEVICE_ODD_NODES",
          "A QDevice on a three-node cluster is discouraged (pvecm): the cluster already breaks ties itself, and with ffsplit the witness becomes a near single point of failure for quorum.",
          { field: "quorum.device" },
        ),
      );
    }
    const clash = c.nodes.find((n) => n.name === d.host || n.addrs.includes(d.host));
    if (clash) {
      out.push(
        errorReport("COROSYNC_QDEVICE_ON_NODE", `The QDevice host ${d.host} is cluster node ${clash.name}; the witness must be a third machine.`, {
          field: "quorum.device.host",
          host: d.host,
        }),
      );
    }
  }
  return out;
}

function linkAndCryptoReports(c: TCorosyncConfig): TReport[] {
  const out: TReport[] = [];
  if (linkCount(c) === 1) {
    out.push(
      warningReport(
        "COROSYNC_SINGLE_LINK",
        "The cluster has one corosync link: one switch or cable failure partitions it. Add a second link on a separate network.",
        { field: "links" },
      ),
    );
  }
  if (c.cryptoCipher === null || c.cryptoCipher === "none" || c.cryptoHash === null || c.cryptoHash === "none" || c.secauth === false) {
    out.push(
      errorReport(
        "COROSYNC_CRYPTO_OFF",
        "Corosync traffic must be encrypted and authenticated: set crypto_cipher (aes256) and crypto_hash (sha256); the authkey is generated for you.",
        { field: "cryptoCipher" },
      ),
    );
  }
  if (!CLUSTER_NAME.test(c.clusterName)) {
    out.push(
      errorReport("COROSYNC_CLUSTER_NAME", `"${c.clusterName}" is not a valid cluster name: 1 to 15 letters, digits or "-".`, {
        field: "clusterName",
        clusterName: c.clusterName,
      }),
    );
  }
  return out;
}

export function validateCorosyncDesired(desired: TCorosyncConfig): TReport[] {
  const own = [...nodeReports(desired), ...quorumReports(desired), ...linkAndCryptoReports(desired)];
  return [...own, ...schemaReports(desired, own)];
}

// A ring address must be one of the host's own addresses, or corosync on it finds no local
// node ("No valid name found for local host"). Host names are resolved by corosync, not us,
// so only literal IPs are checked.
export function ringAddressIsLocal(address: string, localAddresses: readonly string[]): boolean | null {
  if (isIP(address) === 0) return null;
  const norm = (a: string) => a.toLowerCase().replace(/%.*$/, "");
  return localAddresses.some((a) => norm(a) === norm(address));
}

export function ringAddressReports(desired: TCorosyncConfig, addressesByHost: Record<string, readonly string[] | null>): TReport[] {
  return desired.nodes.flatMap((n, i) => {
    const local = addressesByHost[n.name];
    if (!local) return [];
    return n.addrs.flatMap((addr, link) =>
      ringAddressIsLocal(addr, local) === false
        ? [
            errorReport("COROSYNC_RING_ADDRESS_NOT_LOCAL", `${addr} (link ${desired.links[link]?.linknumber ?? link}) is not an address of ${n.name}; it has ${local.join(", ") || "none"}.`, {
              field: field("nodes", i, "addrs", link),
              node: n.name,
              address: addr,
              hostAddresses: [...local],
            }),
          ]
        : [],
    );
  });
}
