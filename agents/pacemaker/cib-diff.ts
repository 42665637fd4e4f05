import { canonicalElement, resourceIds, type TCibElement, type TCibObserved } from "./cib-xml";
import type { TPacemakerDesired } from "./desired";
import { renderConstraints, renderResources } from "./render-cib";

// Desired vs observed CIB → the smallest list of changes, one per top-level element or
// attribute. Pure. Elements are compared whole (a primitive with its parameters and
// operations, a group with its members): a difference anywhere replaces that element.

export type TCibSection = "resources" | "constraints";

export type TCibChange =
  | { kind: "set-attribute"; set: "crm_config" | "rsc_defaults"; name: string; value: string; before: string | null }
  | { kind: "create"; section: TCibSection; id: string; element: TCibElement }
  | { kind: "replace"; section: TCibSection; id: string; element: TCibElement; before: TCibElement }
  | { kind: "delete"; section: TCibSection; id: string; before: TCibElement };

export type TCibDiffOptions = {
  // Remove resources and constraints the desired configuration does not list (never the
  // cli-* constraints `crm_resource --move/--ban` leave; those belong to operations).
  prune?: boolean;
};

const idOf = (el: TCibElement) => el.attrs.id ?? "";

function attributeChanges(set: "crm_config" | "rsc_defaults", desired: Record<string, string>, observed: Record<string, string>): TCibChange[] {
  return Object.entries(desired)
    .filter(([name, value]) => observed[name] !== value)
    .map(([name, value]) => ({ kind: "set-attribute", set, name, value, before: observed[name] ?? null }));
}

type TSectionChanges = { deletes: TCibChange[]; writes: TCibChange[] };

function sectionChanges(section: TCibSection, desired: TCibElement[], observed: TCibElement[], prune: boolean, keep: (el: TCibElement) => boolean): TSectionChanges {
  const byId = new Map(observed.map((el) => [idOf(el), el]));
  const deletes: TCibChange[] = [];
  const writes: TCibChange[] = [];
  const deleted = new Set<string>();
  const del = (el: TCibElement) => {
    if (deleted.has(idOf(el))) return;
    deleted.add(idOf(el));
    deletes.push({ kind: "delete", section, id: idOf(el), before: el });
  };
  const wantedIds = new Set(desired.flatMap((el) => (section === "resources" ? resourceIds(el) : [idOf(el)])));
  for (const want of desired) {
    const id = idOf(want);
    const have = byId.get(id);
    if (have && have.name === want.name) {
      if (canonicalElement(have) !== canonicalElement(want)) writes.push({ kind: "replace", section, id, element: want, before: have });
      continue;
    }
    // A resource changing shape (a primitive that becomes a group member, a group that gets
    // cloned) has its ids elsewhere in the CIB: those elements go first, or the ids clash.
    if (have) del(have);
    if (section === "resources") {
      const ids = new Set(resourceIds(want));
      for (const el of observed) if (idOf(el) !== id && resourceIds(el).some((r) => ids.has(r))) del(el);
    }
    writes.push({ kind: "create", section, id, element: want });
  }
  if (prune) {
    for (const el of observed) {
      const ids = section === "resources" ? resourceIds(el) : [idOf(el)];
      if (!ids.some((r) => wantedIds.has(r)) && keep(el)) del(el);
    }
  }
  return { deletes, writes };
}

export function diffPacemakerCib(desired: TPacemakerDesired, observed: TCibObserved, opts: TCibDiffOptions = {}): TCibChange[] {
  const prune = opts.prune ?? false;
  const managedResources = new Set(renderResources(desired).flatMap(resourceIds));
  const constraints = renderConstraints(desired);
  const managedConstraints = new Set(constraints.map(idOf));
  // When resources are pruned, constraints that point at them would be left dangling.
  const keepConstraint = (el: TCibElement) => !idOf(el).startsWith("cli-") && !managedConstraints.has(idOf(el));
  const resources = sectionChanges("resources", renderResources(desired), observed.resources, prune, (el) => !resourceIds(el).some((r) => managedResources.has(r)));
  const constraintChanges = sectionChanges("constraints", constraints, observed.constraints, prune, keepConstraint);
  // Constraints refer to resources by IDREF: they go before the resources they name and
  // come back after them.
  return [
    ...attributeChanges("crm_config", desired.properties, observed.properties),
    ...attributeChanges("rsc_defaults", desired.rscDefaults, observed.rscDefaults),
    ...constraintChanges.deletes,
    ...resources.deletes,
    ...resources.writes,
    ...constraintChanges.writes,
  ];
}
