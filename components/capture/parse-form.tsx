"use client";
import { useState } from "react";
import { useAction } from "next-safe-action/hooks";
import { parseCapture } from "@/lib/actions/parse";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { CaptureView } from "./capture-view";

export function ParseForm({ formats }: { formats: readonly string[] }) {
  const [text, setText] = useState("");
  const [format, setFormat] = useState("auto");
  const { execute, result, isPending } = useAction(parseCapture);
  return (
    <div className="space-y-6">
      <form
        aria-label="Read a capture"
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          execute({ text, format });
        }}
      >
        <Field id="capture" label="Capture" hint="Paste the output of cat /proc/drbd, crm_mon, pvecm status, ceph -s -f json, …">
          <textarea
            id="capture"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={12}
            spellCheck={false}
            className="block w-full rounded-md border border-slate-300 bg-white p-3 font-mono text-xs focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600"
          />
        </Field>
        <div className="flex items-end gap-3">
          <Field id="format" label="Format">
            <Select id="format" value={format} onChange={(e) => setFormat(e.target.value)} className="w-64">
              <option value="auto">recognise it</option>
              {formats.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={isPending || !text}>
            Read it
          </Button>
        </div>
        {result.serverError ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {result.serverError}
          </p>
        ) : null}
      </form>
      {result.data ? (
        <section aria-label="Reading">
          <h2 className="mb-3 text-sm font-semibold">
            Read as <span className="font-mono">{result.data.format}</span>
          </h2>
          <CaptureView format={result.data.format} model={result.data.model} />
        </section>
      ) : null}
    </div>
  );
}
