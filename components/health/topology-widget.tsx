import Link from "next/link";
import type { TClusterHealth } from "@/lib/health/model";
import { clusterTopology, type TTopoState } from "@/lib/health/topology";
import { hostHref } from "./hosts-widget";

// Colours carry meaning, and the words do too: every shape has a title, and the list under
// the picture says the same for screen readers and for anyone who cannot tell red from green.
const STROKE: Record<TTopoState, string> = { ok: "#15803d", degraded: "#b45309", down: "#b91c1c", unknown: "#94a3b8" };
const FILL: Record<TTopoState, string> = { ok: "#dcfce7", degraded: "#fef3c7", down: "#fee2e2", unknown: "#f1f5f9" };
const WORD: Record<TTopoState, string> = { ok: "ok", degraded: "degraded", down: "down", unknown: "unknown" };

export function Topology({ model, clusterId }: { model: TClusterHealth; clusterId: string }) {
  const t = clusterTopology(model);
  const at = new Map(t.nodes.map((n) => [n.name, n]));
  return (
    <figure>
      <svg viewBox={`0 0 ${t.width} ${t.height}`} className="h-auto w-full max-w-xl" role="img" aria-label="Cluster topology">
        {t.witness
          ? t.nodes.map((n) => (
              <line key={`w-${n.name}`} x1={t.witness!.x} y1={t.witness!.y} x2={n.x} y2={n.y} stroke={STROKE[t.witness!.state]} strokeDasharray="4 4" strokeWidth={1.5} />
            ))
          : null}
        {t.edges.map((e) => {
          const a = at.get(e.a)!;
          const b = at.get(e.b)!;
          return (
            <line key={`${e.a}-${e.b}`} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={STROKE[e.state]} strokeWidth={e.state === "ok" ? 3 : 4} strokeDasharray={e.state === "down" ? "8 6" : undefined}>
              <title>{`${e.a} ↔ ${e.b}: ${e.detail}`}</title>
            </line>
          );
        })}
        {t.witness ? (
          <g>
            <title>{`QDevice ${t.witness.name}: ${t.witness.detail}`}</title>
            <rect x={t.witness.x - 45} y={t.witness.y - 14} width={90} height={28} rx={6} fill={FILL[t.witness.state]} stroke={STROKE[t.witness.state]} strokeWidth={2} />
            <text x={t.witness.x} y={t.witness.y + 4} textAnchor="middle" fontSize={12}>
              witness
            </text>
          </g>
        ) : null}
        {t.nodes.map((n) => (
          <a key={n.name} href={hostHref(clusterId, n.name)}>
            <title>{`${n.name}: ${n.detail}`}</title>
            <circle cx={n.x} cy={n.y} r={22} fill={FILL[n.state]} stroke={STROKE[n.state]} strokeWidth={3} />
            <text x={n.x} y={n.y + 4} textAnchor="middle" fontSize={12} fontWeight={600}>
              {n.name}
            </text>
            {n.resources.slice(0, 4).map((r, i) => (
              <text key={r.id} x={n.x} y={n.y + 38 + i * 13} textAnchor="middle" fontSize={10} fill={STROKE[r.state]}>
                {r.id}
              </text>
            ))}
            {n.resources.length > 4 ? (
              <text x={n.x} y={n.y + 38 + 4 * 13} textAnchor="middle" fontSize={10} fill="#475569">
                +{n.resources.length - 4} more
              </text>
            ) : null}
          </a>
        ))}
      </svg>
      <figcaption className="mt-1 text-xs text-slate-600">
        <ul aria-label="Topology in words" className="flex flex-wrap gap-x-4">
          {t.nodes.map((n) => (
            <li key={n.name}>
              <Link href={hostHref(clusterId, n.name)} className="text-sky-800 hover:underline">
                {n.name}
              </Link>
              : {WORD[n.state]} ({n.detail})
            </li>
          ))}
          {t.edges
            .filter((e) => e.state !== "ok")
            .map((e) => (
              <li key={`${e.a}-${e.b}`}>
                {e.a} ↔ {e.b}: {e.detail}
              </li>
            ))}
          {t.witness ? (
            <li>
              witness: {WORD[t.witness.state]} ({t.witness.detail})
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}
