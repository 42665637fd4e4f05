import { buildPlan, commandStep, writeFileStep } from "@/lib/plan/build";
import type { TFileDiff, TPlan, TPlanStep } from "@/lib/plan/plan";
import { errorReport, type TReport } from "@/lib/reports/report";
import { shScript } from "@/lib/ssh/argv";
import type { TLinstorDesired, TLinstorDrbdOptions, TLinstorStoragePoolDesired } from "./desired";
import { haControllerSteps } from "./ha-controller";
import { CLIENT_CONF, CLIENT_DIR, type TLinstorClusterObserved, type TLinstorHostObserved } from "./probe";
import { validateLinstorDesired } from "./validate";

// (desired LINSTOR cluster, each node's facts, the controller's view) → the steps of seed 004
// in order: the client's controller list on every node, the services, `linstor node create`
// with the data interface as PrefNic, thin storage pools, controller-level DRBD options,
// resource groups, resources spawned from them, and the Proxmox `drbd:` storage. LINSTOR
// commands run on the controller's host. Every step has a check, so a re-run plans nothing
// and a resumed job skips what is done. Pure.

// A check on one node of `linstor -m node list` (a list, or a list of lists): `cond` is a
// constant Python expression over the node object n and the arguments a (a[0] is the node).
function nodeListCheck(cond: string): string {
  return [
    "linstor -m node list 2>/dev/null | python3 -c '",
    "import json, sys",
    "a = sys.argv[1:]",
    "items = [o for e in json.load(sys.stdin) for o in (e if isinstance(e, list) else [e])]",
    `sys.exit(0 if any(isinstance(n, dict) and n.get("name") == a[0] and ${cond} for n in items) else 1)`,
    "' \"$@\"",
  ].join("\n");
}

export const LINSTOR_CHECKS = {
  node: 'linstor -m node list 2>/dev/null | grep -qF -- "\\"name\\": \\"$1\\""',
  // $1 node, $2 interface, $3 address; read from the node list every client version prints.
  netif: nodeListCheck('any(i.get("name") == a[1] and i.get("address") == a[2] for i in n.get("net_interfaces") or [])'),
  // $1 node, $2 property, $3 value.
  nodeProp: nodeListCheck('(n.get("props") or {}).get(a[1]) == a[2]'),
  // $1 node, $2 pool.
  storagePool: 'linstor storage-pool list -n "$1" -s "$2" 2>/dev/null | grep -wF -- "$1" | grep -qwF -- "$2"',
  // $@: option=value pairs, each found in the controller's property list.
  controllerOptions:
    'out=$(linstor controller list-properties 2>/dev/null) || exit 1\nfor kv; do k=${kv%%=*}; v=${kv#*=}; printf "%s\\n" "$out" | grep -F -- "/$k " | grep -qwF -- "$v" || exit 1; done',
  group:
    'linstor -m resource-group list 2>/dev/null | grep -qF -- "\\"name\\": \\"$1\\"" || linstor -m resource-definition list 2>/dev/null | grep -qF -- "\\"resource_group_name\\": \\"$1\\""',
  definition: 'linstor -m resource-definition list 2>/dev/null | grep -qF -- "\\"name\\": \\"$1\\""',
  storage: "awk -v h=\"$1: $2\" '$0 == h { f = 1 } END { exit !f }' /etc/pve/storage.cfg",
} as const;

const check = (script: string, args: string[] = []) => ({ kind: "command" as const, argv: shScript(script, args) });

// The controllers clients (and Proxmox's plugin) try in turn: with drbd-reactor the controller
// may run on any node.
export function controllerAddresses(d: TLinstorDesired): string[] {
  if (d.controller.ha === "drbd-reactor") return d.nodes.map((n) => n.address);
  const host = d.nodes.find((n) => n.name === d.controller.host);
  return host ? [host.address] : [];
}

export function renderClientConf(d: TLinstorDesired): string {
  return `[global]\ncontrollers=${controllerAddresses(d).join(",")}\n`;
}

const DRBD_OPTION_NAMES: Record<keyof TLinstorDrbdOptions, string> = {
  afterSb0pri: "after-sb-0pri",
  afterSb1pri: "after-sb-1pri",
  afterSb2pri: "after-sb-2pri",
  maxBuffers: "max-buffers",
  rcvbufSize: "rcvbuf-size",
  sndbufSize: "sndbuf-size",
  cFillTarget: "c-fill-target",
  cMaxRate: "c-max-rate",
  cMinRate: "c-min-rate",
  cPlanAhead: "c-plan-ahead",
};

// The options whose value the controller does not hold yet. LINSTOR files them under
// DrbdOptions/<section>/<name>; the section differs by option and version, so match the name.
export function changedDrbdOptions(wanted: TLinstorDrbdOptions, props: Record<string, string> | null): [string, string][] {
  const pairs = Object.entries(DRBD_OPTION_NAMES).flatMap(([key, name]) => {
    const v = wanted[key as keyof TLinstorDrbdOptions];
    return v === null ? [] : [[name, String(v)] as [string, string]];
  });
  if (props === null) return pairs;
  return pairs.filter(([name, value]) => !Object.entries(props).some(([k, v]) => k.startsWith("DrbdOptions/") && k.endsWith(`/${name}`) && v === value));
}

const DRIVER_KIND: Record<TLinstorStoragePoolDesired["driver"], string> = { lvmthin: "LVM_THIN", zfsthin: "ZFS_THIN", filethin: "FILE_THIN" };

type TView = { hosts: Readonly<Record<string, TLinstorHostObserved>>; cluster: TLinstorClusterObserved };

function serviceSteps(d: TLinstorDesired, v: TView): { steps: TPlanStep[]; reports: TReport[] } {
  const steps: TPlanStep[] = [];
  const reports: TReport[] = [];
  if (!d.manageServices) return { steps, reports };
  const unit = (host: string, name: string) =>
    commandStep({
      id: `linstor-${name.replace("linstor-", "")}-${host}`,
      title: `Start ${name} on ${host} and at boot`,
      host,
      argv: ["systemctl", "enable", "--now", name],
      check: check('systemctl is-active --quiet "$1" && systemctl is-enabled --quiet "$1"', [name]),
      undo: { kind: "command", argv: ["systemctl", "disable", "--now", name] },
    });
  d.nodes.forEach((n, i) => {
    const o = v.hosts[n.name];
    const need = ["linstor-satellite", "linstor-client", ...(n.name === d.controller.host ? ["linstor-controller"] : [])];
    const missing = o?.packages === null ? [] : need.filter((p) => !(o?.packages ?? []).includes(p));
    if (missing.length > 0) {
      reports.push(
        errorReport("LINSTOR_PACKAGES_MISSING", `${n.name} lacks ${missing.join(", ")}: add LINBIT's repository and install them (with drbd-dkms for DRBD 9) first.`, {
          field: `nodes.${i}.name`,
          host: n.name,
          missing,
        }),
      );
    }
    if (n.name === d.controller.host && !o?.controllerActive) steps.unshift(unit(n.name, "linstor-controller"));
    if (!o?.satelliteActive || !o.satelliteEnabled) steps.push(unit(n.name, "linstor-satellite"));
  });
  return { steps, reports };
}

function nodeSteps(d: TLinstorDesired, v: TView, at: string): { steps: TPlanStep[]; reports: TReport[] } {
  const steps: TPlanStep[] = [];
  const reports: TReport[] = [];
  d.nodes.forEach((n, i) => {
    const known = v.cluster.nodes?.find((x) => x.name === n.name);
    const addrs = v.hosts[n.name]?.addresses ?? null;
    for (const [key, addr] of [["address", n.address], ["dataAddress", n.dataAddress]] as const) {
      if (addr !== null && addrs !== null && !addrs.includes(addr)) {
        reports.push(errorReport("LINSTOR_ADDRESS_NOT_ON_HOST", `${addr} is not an address of ${n.name} (it has ${addrs.join(", ") || "none"}).`, { field: `nodes.${i}.${key}`, host: n.name }));
      }
    }
    if (!known) {
      steps.push(
        commandStep({
          id: `linstor-node-${n.name}`,
          title: `Register ${n.name} (${n.address}) as a LINSTOR satellite`,
          host: at,
          argv: ["linstor", "node", "create", n.name, n.address],
          check: check(LINSTOR_CHECKS.node, [n.name]),
          undo: { kind: "command", argv: ["linstor", "node", "delete", n.name] },
        }),
      );
    } else if (known.netInterfaces.find((x) => x.name === "default")?.address !== n.address && !known.netInterfaces.some((x) => x.address === n.address)) {
      reports.push(
        errorReport("LINSTOR_NODE_EXISTS", `LINSTOR already knows ${n.name} at ${known.netInterfaces.map((x) => x.address).join(", ")}, not ${n.address}; this plan does not move nodes.`, {
          field: `nodes.${i}.address`,
          host: n.name,
        }),
      );
    }
    if (n.dataAddress === null) return;
    const netif = known?.netInterfaces.find((x) => x.name === d.dataInterface);
    if (netif && netif.address !== n.dataAddress) {
      reports.push(
        errorReport("LINSTOR_INTERFACE_EXISTS", `${n.name}'s interface ${d.dataInterface} already has ${netif.address}, not ${n.dataAddress}.`, { field: `nodes.${i}.dataAddress`, host: n.name }),
      );
      return;
    }
    if (!netif) {
      steps.push(
        commandStep({
          id: `linstor-netif-${n.name}`,
          title: `Add ${n.name}'s data interface ${d.dataInterface} (${n.dataAddress})`,
          host: at,
          argv: ["linstor", "node", "interface", "create", n.name, d.dataInterface, n.dataAddress],
          check: check(LINSTOR_CHECKS.netif, [n.name, d.dataInterface, n.dataAddress]),
          undo: { kind: "command", argv: ["linstor", "node", "interface", "delete", n.name, d.dataInterface] },
        }),
      );
    }
    if (v.cluster.nodeProps?.[n.name]?.PrefNic !== d.dataInterface) {
      steps.push(
        commandStep({
          id: `linstor-prefnic-${n.name}`,
          title: `Send ${n.name}'s DRBD traffic over ${d.dataInterface} (PrefNic)`,
          host: at,
          argv: ["linstor", "node", "set-property", n.name, "PrefNic", d.dataInterface],
          check: check(LINSTOR_CHECKS.nodeProp, [n.name, "PrefNic", d.dataInterface]),
          undo: { kind: "command", argv: ["linstor", "node", "set-property", n.name, "PrefNic"] },
        }),
      );
    }
  });
  return { steps, reports };
}

function poolSteps(d: TLinstorDesired, v: TView, at: string): { steps: TPlanStep[]; reports: TReport[] } {
  const steps: TPlanStep[] = [];
  const reports: TReport[] = [];
  d.storagePools.forEach((p, i) => {
    for (const node of p.nodes ?? d.nodes.map((n) => n.name)) {
      const existing = v.cluster.storagePools?.find((x) => x.pool === p.name && x.node === node);
      if (existing) {
        if (existing.providerKind !== DRIVER_KIND[p.driver] || (existing.backingPool !== null && existing.backingPool !== p.backing)) {
          reports.push(
            errorReport(
              "LINSTOR_STORAGE_POOL_EXISTS",
              `Storage pool ${p.name} already exists on ${node} (${existing.providerKind ?? "?"} on ${existing.backingPool ?? "?"}); choose another name. This plan does not change existing pools.`,
              { field: `storagePools.${i}.name`, pool: p.name, host: node },
            ),
          );
        }
        continue;
      }
      steps.push(
        commandStep({
          id: `linstor-pool-${p.name}-${node}`,
          title: `Create ${p.driver} storage pool ${p.name} on ${node} (${p.backing})`,
          host: at,
          argv: ["linstor", "storage-pool", "create", p.driver, node, p.name, p.backing],
          check: check(LINSTOR_CHECKS.storagePool, [node, p.name]),
          undo: { kind: "command", argv: ["linstor", "storage-pool", "delete", node, p.name] },
        }),
      );
    }
  });
  return { steps, reports };
}

function groupSteps(d: TLinstorDesired, v: TView, at: string): { steps: TPlanStep[]; reports: TReport[] } {
  const steps: TPlanStep[] = [];
  const reports: TReport[] = [];
  const referenced = new Set((v.cluster.definitions ?? []).flatMap((r) => (r.resourceGroup ? [r.resourceGroup] : [])));
  d.resourceGroups.forEach((g, i) => {
    const known = v.cluster.groups?.find((x) => x.name === g.name);
    if (known) {
      if ((known.placeCount !== null && known.placeCount !== g.placeCount) || (known.storagePools.length > 0 && !known.storagePools.includes(g.storagePool))) {
        reports.push(
          errorReport(
            "LINSTOR_RESOURCE_GROUP_EXISTS",
            `Resource group ${g.name} already exists with ${known.placeCount ?? "?"} replicas on ${known.storagePools.join(", ") || "any pool"}; choose another name.`,
            { field: `resourceGroups.${i}.name`, group: g.name },
          ),
        );
      }
      return;
    }
    // Without `resource-group list` a group still shows through the definitions spawned from it.
    if (referenced.has(g.name)) return;
    steps.push(
      commandStep({
        id: `linstor-rg-${g.name}`,
        title: `Create resource group ${g.name}: ${g.placeCount} replicas in storage pool ${g.storagePool}`,
        host: at,
        argv: ["linstor", "resource-group", "create", g.name, "--place-count", String(g.placeCount), "--storage-pool", g.storagePool],
        check: check(LINSTOR_CHECKS.group, [g.name]),
        undo: { kind: "command", argv: ["linstor", "resource-group", "delete", g.name] },
      }),
    );
  });
  d.resources.forEach((r, i) => {
    const known = v.cluster.definitions?.find((x) => x.name === r.name);
    if (known) {
      if (known.resourceGroup !== null && known.resourceGroup !== r.resourceGroup) {
        reports.push(
          errorReport("LINSTOR_RESOURCE_EXISTS", `Resource ${r.name} already exists in resource group ${known.resourceGroup}; choose another name.`, { field: `resources.${i}.name` }),
        );
      }
      return;
    }
    steps.push(
      commandStep({
        id: `linstor-resource-${r.name}`,
        title: `Create resource ${r.name} (${r.sizeMib} MiB) from resource group ${r.resourceGroup}`,
        host: at,
        argv: ["linstor", "resource-group", "spawn-resources", r.resourceGroup, r.name, `${r.sizeMib}MiB`],
        check: check(LINSTOR_CHECKS.definition, [r.name]),
        undo: { kind: "command", argv: ["linstor", "resource-definition", "delete", r.name] },
        destructive: false,
      }),
    );
  });
  return { steps, reports };
}

function storageSteps(d: TLinstorDesired, v: TView, at: string): { steps: TPlanStep[]; reports: TReport[] } {
  const s = d.storage;
  if (!s) return { steps: [], reports: [] };
  const controllers = controllerAddresses(d).join(",");
  const existing = v.cluster.storages?.find((e) => e.id === s.id);
  if (existing) {
    if (existing.type !== "drbd" || existing.resourcegroup !== s.resourceGroup) {
      return {
        steps: [],
        reports: [
          errorReport("LINSTOR_STORAGE_ID_EXISTS", `Storage ${s.id} already exists in storage.cfg as ${existing.type}; choose another storage id.`, { field: "storage.id", storage: s.id }),
        ],
      };
    }
    if (existing.controller === controllers) return { steps: [], reports: [] };
    return {
      steps: [
        commandStep({
          id: `linstor-storage-${s.id}-controller`,
          title: `Point Proxmox storage ${s.id} at the controller(s) ${controllers}`,
          host: at,
          argv: ["pvesm", "set", s.id, "--controller", controllers],
          check: check("grep -A20 -xF -- \"drbd: $1\" /etc/pve/storage.cfg | grep -qxF -- \"$(printf '\\tcontroller %s' \"$2\")\"", [s.id, controllers]),
          ...(existing.controller ? { undo: { kind: "command" as const, argv: ["pvesm", "set", s.id, "--controller", existing.controller] } } : {}),
        }),
      ],
      reports: [],
    };
  }
  return {
    steps: [
      commandStep({
        id: `linstor-storage-${s.id}`,
        title: `Add LINSTOR storage ${s.id} to Proxmox (resource group ${s.resourceGroup}, controller ${controllers})`,
        host: at,
        argv: ["pvesm", "add", "drbd", s.id, "--resourcegroup", s.resourceGroup, "--controller", controllers, "--content", [...s.content].sort().join(",")],
        check: check(LINSTOR_CHECKS.storage, ["drbd", s.id]),
        undo: { kind: "command", argv: ["pvesm", "remove", s.id] },
      }),
    ],
    reports: [],
  };
}

export function planLinstorCluster(
  d: TLinstorDesired,
  hosts: Readonly<Record<string, TLinstorHostObserved>>,
  cluster: TLinstorClusterObserved,
): TPlan {
  const title = `LINSTOR on ${d.nodes.map((n) => n.name).join(", ")}`;
  const reports = validateLinstorDesired(d);
  for (const n of d.nodes) {
    if (!hosts[n.name]) reports.push(errorReport("LINSTOR_HOST_NOT_PROBED", `${n.name} was not probed; probe every node before planning.`, { host: n.name }));
  }
  if (d.controller.ha === "drbd-reactor") {
    const lacking = d.nodes.filter((n) => hosts[n.name]?.packages && !hosts[n.name]?.packages?.includes("drbd-reactor")).map((n) => n.name);
    if (lacking.length > 0) {
      reports.push(
        errorReport("LINSTOR_PACKAGES_MISSING", `${lacking.join(", ")} lack drbd-reactor, which the highly available controller needs: install it from LINBIT's repository first.`, {
          field: "controller.ha",
          hosts: lacking,
          missing: ["drbd-reactor"],
        }),
      );
    }
  }
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  const at = d.controller.host;
  const v: TView = { hosts, cluster };
  const content = renderClientConf(d);
  const confWrites = d.nodes
    .filter((n) => hosts[n.name]?.clientConf !== content)
    .map((n) =>
      writeFileStep({
        id: `linstor-client-conf-${n.name}`,
        title: `Point the linstor client on ${n.name} at ${controllerAddresses(d).join(", ")}`,
        host: n.name,
        path: CLIENT_CONF,
        content,
        observed: hosts[n.name]?.clientConf ?? null,
        mode: "0644",
      }),
    );
  const parts = [serviceSteps(d, v), nodeSteps(d, v, at), poolSteps(d, v, at), groupSteps(d, v, at), storageSteps(d, v, at)];
  reports.push(...parts.flatMap((p) => p.reports));
  if (reports.some((r) => r.severity === "error")) return buildPlan({ title, steps: [], reports });

  const options = changedDrbdOptions(d.drbdOptions, cluster.controllerProps);
  const optionSteps =
    options.length === 0
      ? []
      : [
          commandStep({
            id: "linstor-controller-drbd-options",
            title: `Set controller-wide DRBD options: ${options.map(([k, val]) => `${k} ${val}`).join(", ")}`,
            host: at,
            argv: ["linstor", "controller", "drbd-options", ...options.flatMap(([k, val]) => [`--${k}`, val])],
            check: check(LINSTOR_CHECKS.controllerOptions, options.map(([k, val]) => `${k}=${val}`)),
          }),
        ];
  const [services, nodes, pools, groups, storage] = parts;
  const ha = haControllerSteps(d, hosts, cluster, at);
  const diffs: TFileDiff[] = [...confWrites.map((w) => w.diff), ...ha.diffs];
  // The client package does not always ship /etc/linstor, and the atomic write needs it.
  const confSteps = confWrites.flatMap((w) =>
    hosts[w.step.host]?.clientConf === null
      ? [
          commandStep({
            id: `linstor-client-dir-${w.step.host}`,
            title: `Create ${CLIENT_DIR} on ${w.step.host}`,
            host: w.step.host,
            argv: ["mkdir", "-p", CLIENT_DIR],
            check: check('[ -d "$1" ]', [CLIENT_DIR]),
          }),
          w.step,
        ]
      : [w.step],
  );
  const steps = [
    ...confSteps,
    ...(services?.steps ?? []),
    ...(nodes?.steps ?? []),
    ...(pools?.steps ?? []),
    ...optionSteps,
    ...(groups?.steps ?? []),
    ...ha.steps,
    ...(storage?.steps ?? []),
  ];
  return buildPlan({ title, steps, diffs, reports });
}
