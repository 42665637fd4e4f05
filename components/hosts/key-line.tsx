// One labelled line of a host key (fingerprint, algorithm, the command to check it on the host);
// the value carries the label so tests and screen readers find it by name.
export function KeyLine({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 py-1">
      <dt className="text-slate-600">{label}</dt>
      <dd aria-label={label} className="break-all font-mono text-xs text-slate-900">
        {value}
      </dd>
    </div>
  );
}
