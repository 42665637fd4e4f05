import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import {
  ZPacemakerStatus,
  emptyStatus,
  type TPacemakerFailure,
  type TPacemakerNode,
  type TPacemakerParentKind,
  type TPacemakerStatus,
} from "./model";
import { PENDING_ROLES, nonEmpty, normalizeAgent, normalizeRole } from "./normalize";
import { addFailureDetails, parseFailureLine } from "./text-failures";

// `crm status`, `crm_mon -1 [-r -n -R -A ...]` and `pcs status` text, Pacemaker 1.1 to 3.x
// (shared/corpus/INDEX.md, "Pacemaker text"): the 1.1 layout (summary lines, then
// `Online: [ ... ]`, then resources with or without a header), the 1.1.15–2.0.3 layout, and
// the 2.0.4+ bulleted `Cluster Summary:` / `Node List:` / `Full List of Resources:` layout.
// Nesting (clone > group > primitive, node > resources) is read from indentation, which
// every generation uses and which survives tabs turned into spaces.

const FORMAT = "crm-mon-text";
// Longer lines are not crm_mon output; skipping them keeps the regexes linear in the input.
const MAX_LINE = 4096;

type TSection = "summary" | "nodes" | "resources" | "failures" | "ignored";

const SECTIONS: Record<string, TSection> = {
  "cluster summary": "summary",
  "node list": "nodes",
  "full list of resources": "resources",
  "active resources": "resources",
  "inactive resources": "resources",
  "failed actions": "failures",
  "failed resource actions": "failures",
};

type TFlags = { maintenance: boolean; unmanaged: boolean; blocked: boolean; disabled: boolean; promotable: boolean };

type TContainer =
  | { kind: "node"; indent: number; name: string }
  | { kind: "clone"; indent: number; id: string; child: string; flags: TFlags }
  | { kind: "group" | "bundle"; indent: number; id: string; flags: TFlags };

const ROLE_WORDS = new Set([
  "Started",
  "Stopped",
  "Master",
  "Slave",
  "Promoted",
  "Unpromoted",
  "Starting",
  "Stopping",
  "Migrating",
  "Promoting",
  "Demoting",
  "Unknown",
]);

// Pending operations shown as a flag with --pending: `Started node1 (Monitoring)`.
const PENDING_FLAGS = new Set(["Monitoring", "Checking"]);

const PRIMITIVE = /^(\S+)(?:\s+\(([^()\s]*)\))?\s+\(([^()\s]+)\):\s*(.*)$/;
const CLONE_HEADER = /^(Clone Set|Master\/Slave Set|Multi-state Set):\s+(\S+)\s+\[([^\]\s]+)\](.*)$/;
const BUNDLE_HEADER = /^(?:[A-Za-z]+ container set|Container bundle(?: set)?):\s+(\S+)\s+\[([^\]]*)\](.*)$/;
const GROUP_HEADER = /^Resource Group:\s+(\S+)(.*)$/;
const CLONE_SUMMARY = /^(Started|Stopped|Masters|Slaves|Promoted|Unpromoted)(?:\s*\(([^)]*)\))?:\s*\[(.*)\]\s*$/;
const NODE_LIST = /^(Online|OFFLINE|GuestOnline|GuestOFFLINE|RemoteOnline|RemoteOFFLINE):\s*\[(.*)\]\s*$/;
const NODE_DETAIL = /^(Node|RemoteNode|GuestNode)\s+([^\s@:]+)(?:@(\S*?))?(?:\s+\(([^)]*)\))?:\s*(.*)$/;

function indentOf(line: string): number {
  let width = 0;
  for (const ch of line) {
    if (ch === " ") width += 1;
    else if (ch === "\t") width += 8;
    else break;
  }
  return width;
}

// The "(a, b)" groups after a name: flags, notes and user descriptions mixed together.
function parenGroups(text: string): string[] {
  return [...text.matchAll(/\(([^()]*)\)/g)].flatMap((m) => (m[1] ?? "").split(",").map((s) => s.trim()));
}

function flagsFrom(text: string): TFlags {
  const words = new Set(parenGroups(text));
  return {
    maintenance: words.has("maintenance"),
    unmanaged: words.has("unmanaged"),
    blocked: words.has("blocked"),
    disabled: words.has("disabled"),
    promotable: words.has("promotable"),
  };
}

class TextStatusParser {
  readonly status: TPacemakerStatus = emptyStatus();
  private readonly nodes = new Map<string, TPacemakerNode>();
  private section: TSection = "summary";
  private containers: TContainer[] = [];
  private failure: TPacemakerFailure | null = null;
  private failureIndent = 0;
  private failureContinues = false;
  private sawState = false;
  private errorLine: { text: string; line: number } | null = null;

  parse(input: string): TPacemakerStatus {
    const lines = inputLines(input);
    for (let i = 0; i < lines.length; i++) {
      const raw = (lines[i] ?? "").trimEnd();
      if (raw.length > MAX_LINE) continue;
      if (raw === "") {
        // Blank lines end blocks: without this, resources after a `Node x: standby` line in
        // the 1.1 layout would be taken as that node's resources (as in `crm_mon -n`).
        this.containers = [];
        this.failure = null;
        continue;
      }
      this.line(raw, i + 1);
    }
    if (!this.sawState && this.nodes.size === 0 && this.status.resources.length === 0) {
      if (this.errorLine !== null) {
        throw new ParseError(FORMAT, `no cluster status, only: ${this.errorLine.text}`, this.errorLine.line);
      }
      throw new ParseError(FORMAT, "no Pacemaker status found (expected crm_mon, crm status or pcs status output)", null);
    }
    this.status.nodes = [...this.nodes.values()];
    for (const node of this.status.nodes) node.isDc = node.name === this.status.dc;
    return ZPacemakerStatus.parse(this.status);
  }

  private line(raw: string, lineNo: number): void {
    const indent = indentOf(raw);
    const trimmed = raw.trim();
    const bullet = trimmed.startsWith("* ");
    const text = bullet ? trimmed.slice(2).trim() : trimmed;

    const header = /^([A-Z][A-Za-z ]*):$/.exec(text);
    if (header !== null && !bullet && header[1] !== undefined && header[1] !== "Resources") {
      this.section = SECTIONS[header[1].toLowerCase()] ?? "ignored";
      this.containers = [];
      this.failure = null;
      return;
    }
    if (this.global(text)) return;

    while (this.containers.length > 0 && (this.containers[this.containers.length - 1]?.indent ?? -1) >= indent) {
      this.containers.pop();
    }

    switch (this.section) {
      case "failures":
        this.failureLine(text, indent);
        return;
      case "ignored":
        return;
      case "summary":
        if (this.summaryLine(text)) return;
        break;
      default:
        break;
    }
    if (this.section !== "resources" && this.nodeLine(text, indent)) return;
    if (this.resourceLine(text, indent, bullet)) return;
    if (this.section === "summary" && /\b(?:error|not connected|could not connect|failed)\b/i.test(text)) {
      this.errorLine ??= { text, line: lineNo };
    }
  }

  // Lines that mean the same wherever they appear.
  private global(text: string): boolean {
    const name = /^Cluster name:\s*(\S+)/.exec(text);
    if (name !== null) {
      this.status.clusterName = name[1] ?? null;
      return true;
    }
    if (/^\*\*\* Resource management is DISABLED \*\*\*$/.test(text)) {
      this.status.maintenanceMode ??= true;
      return true;
    }
    if (/^The cluster will keep all resources stopped/.test(text)) {
      this.status.maintenanceMode = false;
      this.status.stopAllResources = true;
      return true;
    }
    if (/^No (?:active |inactive )?resources$/.test(text)) {
      this.sawState = true;
      return true;
    }
    return false;
  }

  private summaryLine(text: string): boolean {
    const s = this.status;
    let m: RegExpExecArray | null;
    if ((m = /^Current DC:\s*(.*)$/.exec(text)) !== null) {
      this.dcLine(m[1] ?? "");
    } else if ((m = /^Stack:\s*(.*)$/.exec(text)) !== null) {
      s.stack = nonEmpty(m[1]?.replace(/\s*\(Pacemaker [^)]*\)$/, ""));
    } else if ((m = /^Last updated:\s*(.*)$/.exec(text)) !== null) {
      // "<date> on <node>": the node is where crm_mon ran, not part of the time.
      s.lastUpdated = nonEmpty(m[1]?.replace(/\s+on\s+\S+$/, ""));
    } else if ((m = /^Last change:\s*(.*)$/.exec(text)) !== null) {
      // "<date> by <user> via <client> on <node>", as XML splits into attributes.
      s.lastChange = nonEmpty(m[1]?.replace(/\s+(?:by|via|on)\s.*$/, ""));
    } else if ((m = /^Version:\s*(\S+)/.exec(text)) !== null) {
      s.dcVersion = m[1] ?? null;
    } else if ((m = /^(\d+) nodes? and (\d+) resources? configured/i.exec(text)) !== null) {
      s.nodesConfigured = Number(m[1]);
      s.resourcesConfigured = Number(m[2]);
    } else if ((m = /^(\d+) nodes? configured/i.exec(text)) !== null) {
      s.nodesConfigured = Number(m[1]);
    } else if ((m = /^(\d+) (?:resource instances?|resources?) configured\.?(?:\s*\((.*)\))?/i.exec(text)) !== null) {
      s.resourcesConfigured = Number(m[1]);
      const counts = m[2] ?? "";
      s.resourcesDisabled = Number(/(\d+) DISABLED/.exec(counts)?.[1] ?? 0);
      s.resourcesBlocked = Number(/(\d+) BLOCKED/.exec(counts)?.[1] ?? 0);
    } else {
      return false;
    }
    return true;
  }

  // `X (id) (version V) - [MIXED-VERSION ]partition with quorum`, `X - partition WITHOUT quorum`,
  // `NONE`; quorum is only known when there is a DC.
  private dcLine(value: string): void {
    this.sawState = true;
    const name = /^(\S+)/.exec(value)?.[1] ?? null;
    if (name === null || name === "NONE") {
      this.status.dc = null;
      this.status.quorate = null;
      return;
    }
    this.status.dc = name;
    this.status.quorate = /WITHOUT quorum/i.test(value) ? false : /with quorum/i.test(value) ? true : null;
    const version = /\(version ([^)]+)\)/.exec(value)?.[1];
    if (version !== undefined) this.status.dcVersion = version;
  }

  private node(name: string, patch: Partial<TPacemakerNode>): void {
    const existing = this.nodes.get(name);
    if (existing !== undefined) {
      if (existing.id === null && patch.id !== undefined) existing.id = patch.id;
      return;
    }
    this.nodes.set(name, {
      name,
      online: false,
      standby: false,
      maintenance: false,
      unclean: false,
      remote: false,
      id: null,
      isDc: false,
      pending: false,
      host: null,
      resourcesRunning: null,
      ...patch,
    });
  }

  private nodeLine(text: string, indent: number): boolean {
    const list = NODE_LIST.exec(text);
    if (list !== null) {
      const kind = list[1] ?? "";
      let last: string | null = null;
      for (const token of (list[2] ?? "").trim().split(/\s+/)) {
        if (token === "") continue;
        const id = /^\((.*)\)$/.exec(token);
        if (id !== null) {
          // `Online: [ node-2 (2) ]` with --show-detail: the id belongs to the name before it.
          const node = last === null ? undefined : this.nodes.get(last);
          if (node !== undefined) node.id ??= id[1] ?? null;
          continue;
        }
        const [name = token, host] = token.split("@");
        this.node(name, {
          online: !kind.endsWith("OFFLINE"),
          remote: kind.startsWith("Guest") || kind.startsWith("Remote"),
          host: nonEmpty(host),
        });
        last = name;
      }
      return true;
    }
    const detail = NODE_DETAIL.exec(text);
    if (detail === null) return false;
    const name = detail[2] ?? "";
    const state = (detail[5] ?? "").replace(/:$/, "");
    const unclean = /UNCLEAN/.test(state);
    this.node(name, {
      online: /^(?:online|standby|maintenance)\b/i.test(state) || /UNCLEAN \(online\)/.test(state),
      standby: /standby/i.test(state),
      maintenance: /maintenance/i.test(state),
      unclean,
      pending: /^(?:UNCLEAN \()?pending/i.test(state),
      remote: detail[1] !== "Node",
      id: nonEmpty(detail[4]),
      host: nonEmpty(detail[3]),
    });
    // With --group-by-node (or 1.1 `crm_mon -n`) the node's resources follow, indented.
    this.containers.push({ kind: "node", indent, name });
    return true;
  }

  private innermost<K extends TContainer["kind"]>(kind: K): Extract<TContainer, { kind: K }> | undefined {
    for (let i = this.containers.length - 1; i >= 0; i--) {
      const c = this.containers[i];
      if (c !== undefined && c.kind === kind) return c as Extract<TContainer, { kind: K }>;
    }
    return undefined;
  }

  // Parent, as in the XML parser: the innermost group/clone/bundle; members of a cloned group
  // get the group's configured id ("mysql-group", not "mysql-group:0") plus the clone as cloneId.
  private placement(): {
    parent: string | null;
    parentKind: TPacemakerParentKind | null;
    cloneId: string | null;
    flags: TFlags | null;
  } {
    const clone = this.innermost("clone");
    for (let i = this.containers.length - 1; i >= 0; i--) {
      const c = this.containers[i];
      if (c === undefined || c.kind === "node") continue;
      return { parent: c.id, parentKind: c.kind, cloneId: c.kind === "bundle" ? null : (clone?.id ?? null), flags: c.flags };
    }
    return { parent: null, parentKind: null, cloneId: null, flags: null };
  }

  private resourceLine(text: string, indent: number, bullet: boolean): boolean {
    let m: RegExpExecArray | null;
    if ((m = CLONE_HEADER.exec(text)) !== null) {
      const flags = flagsFrom(m[4] ?? "");
      flags.promotable ||= m[1] !== "Clone Set";
      this.containers.push({ kind: "clone", indent, id: m[2] ?? "", child: m[3] ?? "", flags });
      this.sawState = true;
      return true;
    }
    if ((m = BUNDLE_HEADER.exec(text)) !== null) {
      this.containers.push({ kind: "bundle", indent, id: m[1] ?? "", flags: flagsFrom(m[3] ?? "") });
      this.sawState = true;
      return true;
    }
    if ((m = GROUP_HEADER.exec(text)) !== null) {
      // The 2.x bulleted layout ends headers with ":", which must not be taken from
      // instance ids such as "mysql-group:0:".
      let id = m[1] ?? "";
      let rest = m[2] ?? "";
      if (bullet && rest === "" && id.endsWith(":")) id = id.slice(0, -1);
      rest = rest.replace(/:$/, "");
      if (this.innermost("clone") !== undefined) id = id.replace(/:\d+$/, "");
      this.containers.push({ kind: "group", indent, id, flags: flagsFrom(rest) });
      this.sawState = true;
      return true;
    }
    if (/^Replica\[\d+\]$/.test(text)) return true;
    if ((m = CLONE_SUMMARY.exec(text)) !== null) return this.cloneSummary(m[1] ?? "", m[2] ?? "", m[3] ?? "");
    if ((m = PRIMITIVE.exec(text)) !== null) return this.primitive(m[1] ?? "", m[3] ?? "", m[4] ?? "");
    return false;
  }

  // `Started: [ a b ]`, `Masters: [ a ]`, `Stopped (disabled): [ a b ]`: anonymous clone
  // instances collapsed into one line. Each listed node is one instance; the line names the
  // cloned resource (primitive or group) but not its agent.
  private cloneSummary(label: string, note: string, list: string): boolean {
    const clone = this.innermost("clone");
    if (clone === undefined) return false;
    const role = normalizeRole(label.replace(/s$/, ""));
    const notes = note.split(",").map((s) => s.trim());
    const targetRole = notes.includes("disabled") ? "Stopped" : notes.includes("target-role") ? role : null;
    for (const node of list.trim().split(/\s+/)) {
      if (node === "" || /^\(.*\)$/.test(node)) continue;
      this.status.resources.push({
        id: clone.child,
        agent: null,
        role,
        nodes: role === "Stopped" ? [] : [node],
        failed: false,
        managed: !(clone.flags.unmanaged || clone.flags.maintenance || clone.flags.blocked),
        parent: clone.id,
        parentKind: "clone",
        cloneId: clone.id,
        targetRole,
        blocked: clone.flags.blocked,
        orphaned: false,
        maintenance: clone.flags.maintenance,
        failureIgnored: false,
        pending: null,
      });
    }
    this.sawState = true;
    return true;
  }

  // `name\t(class:provider:type):\t[ORPHANED] [FAILED] Role [node | [ n1 n2 ]] [(flags)] [(description)]`
  private primitive(name: string, agent: string, rest: string): boolean {
    // --brief prints counts ("2/4 (ocf:pacemaker:Dummy): Active cluster02") instead of ids.
    if (/^\d+(?:\/\d+)?$/.test(name) && /^Active\b/.test(rest)) return true;
    const where = this.placement();
    const inherited = where.flags;
    let role: string | null = null;
    let failed = false;
    let orphaned = false;
    const nodes: string[] = [];
    for (const token of rest.matchAll(/\[([^\]]*)\]|\(([^()]*)\)|(\S+)/g)) {
      if (token[1] !== undefined) nodes.push(...token[1].trim().split(/\s+/).filter((n) => n !== ""));
      const word = token[3];
      if (word === undefined) continue;
      if (word === "FAILED") failed = true;
      else if (word === "ORPHANED" || word === "REMOVED") orphaned = true;
      else if (/[()]/.test(word)) continue; // the rest of a description with nested parentheses
      else if (role === null && ROLE_WORDS.has(word)) role = normalizeRole(word);
      else nodes.push(word);
    }
    const flags = parenGroups(rest);
    const targetRole = flags.includes("disabled")
      ? "Stopped"
      : (flags.map((f) => /^target-role:\s*(\w+)/.exec(f)?.[1]).find((r) => r !== undefined) ?? null);
    const maintenance = flags.includes("maintenance") || inherited?.maintenance === true;
    const blocked = flags.includes("blocked");
    const pendingFlag = flags.find((f) => PENDING_FLAGS.has(f)) ?? null;
    const clone = this.innermost("clone");
    // FAILED without a role word means Started (Unpromoted inside a promotable clone).
    const finalRole = role ?? (failed ? (clone?.flags.promotable === true ? "Unpromoted" : "Started") : "Unknown");
    const contextNode = this.innermost("node");
    if (nodes.length === 0 && contextNode !== undefined && finalRole !== "Stopped") nodes.push(contextNode.name);
    this.status.resources.push({
      id: name,
      agent: normalizeAgent(agent),
      role: finalRole,
      nodes,
      failed,
      managed: !(flags.includes("unmanaged") || maintenance || blocked || inherited?.unmanaged === true),
      parent: where.parent,
      parentKind: where.parentKind,
      cloneId: where.cloneId,
      targetRole: targetRole === null ? null : normalizeRole(targetRole),
      blocked,
      orphaned,
      maintenance,
      failureIgnored: flags.includes("failure ignored"),
      pending: pendingFlag ?? (PENDING_ROLES.has(finalRole) ? finalRole : null),
    });
    this.sawState = true;
    return true;
  }

  private failureLine(text: string, indent: number): void {
    const draft = parseFailureLine(text);
    if (draft !== null) {
      this.status.failures.push(draft.failure);
      this.failure = draft.failure;
      this.failureIndent = indent;
      this.failureContinues = draft.continues;
      this.sawState = true;
      return;
    }
    // A technical entry continues on lines indented under it, or (1.1, no bullets) on lines
    // at the same indentation after a first line ending in a comma.
    if (this.failure !== null && (this.failureContinues || indent > this.failureIndent)) {
      addFailureDetails(this.failure, text);
      this.failureContinues = /,\s*$/.test(text);
    }
  }
}

export function parseCrmMonText(input: string): TPacemakerStatus {
  return new TextStatusParser().parse(input);
}
