import Link from "next/link";
import { LAYER_TITLE, type THealthLayer } from "@/lib/health/layers";
import { cn } from "@/lib/utils/cn";

export const layerHref = (clusterId: string, layer: THealthLayer) => `/clusters/${clusterId}/health/${layer}`;

// The layers this cluster has, the current one marked.
export function LayerNav({ clusterId, layers, current }: { clusterId: string; layers: readonly THealthLayer[]; current: THealthLayer | null }) {
  return (
    <nav aria-label="Health layers" className="flex flex-wrap gap-2 text-sm">
      <Link href={`/clusters/${clusterId}`} className="rounded border border-slate-200 px-2 py-0.5 text-sky-700 hover:bg-slate-50">
        Overview
      </Link>
      {layers.map((l) => (
        <Link
          key={l}
          href={layerHref(clusterId, l)}
          aria-current={l === current ? "page" : undefined}
          className={cn("rounded border px-2 py-0.5", l === current ? "border-sky-600 bg-sky-50 font-medium text-sky-900" : "border-slate-200 text-sky-700 hover:bg-slate-50")}
        >
          {LAYER_TITLE[l]}
        </Link>
      ))}
    </nav>
  );
}
