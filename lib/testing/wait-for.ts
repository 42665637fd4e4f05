// Polls until `check` returns true; fails naming what it waited for, so a lab test that
// times out says which state never came.
export async function waitFor(what: string, limitMs: number, check: () => Promise<boolean>, everyMs = 500): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${limitMs / 1000}s waiting for ${what}`);
}
