// The Python client prints `json.dumps(data, indent=2)`; JSON.stringify with 2 spaces gives the
// same text, except that JS numbers cannot hold LINSTOR's 64-bit values (ret_code masks,
// Long.MAX_VALUE capacities). Those travel as bigint and are written out digit for digit.
const MARK = "\u0000big:";

export function pythonJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${MARK}${v.toString()}` : v), 2);
  return `${text.replace(/"\\u0000big:(-?\d+)"/g, "$1")}\n`;
}
