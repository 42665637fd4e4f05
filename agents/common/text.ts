// Text as found in the wild: CRLF endings, NUL bytes, a leading shell prompt line.
// Every text parser starts from these lines so none of them has to care.

const PROMPT = /^\s*(\[[^\]]*\]\s*)?[\w.-]+@[\w.-]+[^#$\n]*[#$]\s+\S/;

export function normalizeText(input: string): string {
  return input.replace(/\u0000/g, "").replace(/\r\n?/g, "\n");
}

export function inputLines(input: string): string[] {
  const lines = normalizeText(input).split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first >= 0 && PROMPT.test(lines[first] ?? "")) lines.splice(first, 1);
  return lines;
}

// JSON as drbd-utils prints it: bare nan/inf are not JSON, they become null.
export function parseLenientJson(input: string): unknown {
  const text = normalizeText(input).trim();
  const fixed = text.replace(/(:\s*)-?(nan|inf|infinity)\b/gi, "$1null");
  return JSON.parse(fixed);
}
