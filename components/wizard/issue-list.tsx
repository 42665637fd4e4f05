import type { TWizardIssue } from "@/lib/wizard/model";

// What still blocks the current step, updated as the admin types; read out politely.
export function IssueList({ issues }: { issues: readonly TWizardIssue[] }) {
  return (
    <div aria-live="polite" aria-label="What this step still needs">
      {issues.length === 0 ? (
        <p className="text-sm text-green-800">This step is complete.</p>
      ) : (
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900">
          {issues.map((i, n) => (
            <li key={`${i.path}-${n}`}>{i.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const issueFor = (issues: readonly TWizardIssue[], path: string): string | undefined => issues.find((i) => i.path === path)?.message;
