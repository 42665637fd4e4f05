import { ParseError } from "../common/parse-error";
import { inputLines } from "../common/text";
import { validated, ZOsRelease, type TOsRelease } from "./model";

const FORMAT = "os-release";
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

// os-release(5) values are shell-style: bare, "double quoted" (\ escapes $ " \ `) or 'single quoted'.
function unquote(raw: string, line: number): string {
  const text = raw.trim();
  const q = text[0];
  if (q !== '"' && q !== "'") return text;
  if (text.length < 2 || text[text.length - 1] !== q) throw new ParseError(FORMAT, `unterminated quote in ${text.slice(0, 40)}`, line);
  const body = text.slice(1, -1);
  return q === "'" ? body : body.replace(/\\([$"\\`])/g, "$1");
}

export function parseOsRelease(text: string): TOsRelease {
  const values = new Map<string, string>();
  inputLines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = ASSIGNMENT.exec(line);
    if (!m?.[1]) throw new ParseError(FORMAT, `not a KEY=value line: "${line.slice(0, 80)}"`, i + 1);
    values.set(m[1], unquote(m[2] ?? "", i + 1));
  });
  if (!values.has("ID") && !values.has("NAME") && !values.has("PRETTY_NAME")) {
    throw new ParseError(FORMAT, "no ID, NAME or PRETTY_NAME: not an os-release file");
  }
  const get = (key: string) => values.get(key) || null;
  return validated(
    ZOsRelease,
    {
      id: get("ID") ?? "linux",
      idLike: (get("ID_LIKE") ?? "").split(/\s+/).filter((s) => s !== ""),
      name: get("NAME"),
      prettyName: get("PRETTY_NAME"),
      version: get("VERSION"),
      versionId: get("VERSION_ID"),
      versionCodename: get("VERSION_CODENAME"),
    },
    FORMAT,
  );
}
