import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="text-sm text-slate-600">That cluster, host or job does not exist (any more).</p>
      <Link href="/" className="text-sm text-sky-700 underline">
        Back to the clusters
      </Link>
    </main>
  );
}
