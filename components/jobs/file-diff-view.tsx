import { diffLines, type TDiffLine } from "@/lib/plan/file-diff";
import type { TFileDiff } from "@/lib/plan/plan";

const LINE: Record<TDiffLine["kind"], string> = {
  add: "bg-green-950 text-green-200",
  remove: "bg-red-950 text-red-200",
  hunk: "text-sky-300",
  header: "text-slate-400",
  context: "text-slate-200",
};

export function FileDiffView({ diff }: { diff: TFileDiff }) {
  return (
    <figure className="space-y-1">
      <figcaption className="font-mono text-xs text-slate-700">
        {diff.path} on {diff.host}
        {diff.before === null && !diff.hidden ? " (new file)" : ""}
      </figcaption>
      {diff.hidden ? (
        <p className="text-xs text-slate-600">Sensitive file: its content is not shown.</p>
      ) : diff.patch === "" ? (
        <p className="text-xs text-slate-600">Already has this content.</p>
      ) : (
        <pre className="max-h-96 overflow-auto rounded bg-slate-950 p-2 font-mono text-xs leading-5">
          {diffLines(diff.patch).map((l, i) => (
            <div key={i} className={LINE[l.kind]}>
              {l.text || " "}
            </div>
          ))}
        </pre>
      )}
    </figure>
  );
}
