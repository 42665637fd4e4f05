import { ParseError } from "../common/parse-error";
import { normalizeText } from "../common/text";

// The drbd.conf language: `keyword value ... ;` statements and `keyword ... { ... }` sections,
// `#` comments, double-quoted strings with backslash escapes. This file only builds the tree;
// parse-res.ts gives it meaning.

export const RES_FORMAT = "drbd-res";

export interface ConfWord {
  value: string;
  quoted: boolean;
}

export interface ConfStatement {
  words: ConfWord[];
  line: number;
  // null for `key value;`, the inner statements for `key ... { }`.
  block: ConfStatement[] | null;
}

type Token = { kind: "word"; word: ConfWord; line: number } | { kind: "{" | "}" | ";"; line: number };

const DELIMITERS = new Set(["{", "}", ";"]);
const WORD_END = new Set([..." \t\r\n\f\v{};\"#"].map((c) => c.charCodeAt(0)));
// Real files nest four deep (resource > on > volume > disk); the cap keeps garbage off the stack.
const MAX_DEPTH = 16;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "\n") {
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      i++;
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (DELIMITERS.has(c)) {
      tokens.push({ kind: c as "{" | "}" | ";", line });
      i++;
    } else if (c === '"') {
      const start = line;
      let value = "";
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined || d === "\n") throw new ParseError(RES_FORMAT, "unterminated string", start);
        i++;
        if (d === '"') break;
        if (d === "\\" && i < text.length && text[i] !== "\n") {
          value += text[i];
          i++;
        } else value += d;
      }
      tokens.push({ kind: "word", word: { value, quoted: true }, line: start });
    } else {
      const start = i;
      while (i < text.length && !WORD_END.has(text.charCodeAt(i))) i++;
      tokens.push({ kind: "word", word: { value: text.slice(start, i), quoted: false }, line });
    }
  }
  return tokens;
}

export function parseConfTree(input: string): ConfStatement[] {
  const tokens = tokenize(normalizeText(input));
  let pos = 0;

  const statements = (opener: ConfStatement | null, depth: number): ConfStatement[] => {
    if (depth > MAX_DEPTH) throw new ParseError(RES_FORMAT, "sections nested too deeply", opener?.line ?? null);
    const out: ConfStatement[] = [];
    let words: ConfWord[] = [];
    let line = 0;
    for (;;) {
      const t = tokens[pos++];
      if (t === undefined) {
        if (words.length > 0) throw new ParseError(RES_FORMAT, `missing ';' after '${text(words)}'`, line);
        if (opener) {
          throw new ParseError(RES_FORMAT, `missing '}' to close '${text(opener.words)} {'`, opener.line);
        }
        return out;
      }
      if (t.kind === "word") {
        if (words.length === 0) line = t.line;
        words.push(t.word);
      } else if (t.kind === ";") {
        if (words.length > 0) out.push({ words, line, block: null });
        words = [];
      } else if (t.kind === "{") {
        if (words.length === 0) throw new ParseError(RES_FORMAT, "'{' without a keyword before it", t.line);
        const section: ConfStatement = { words, line, block: null };
        section.block = statements(section, depth + 1);
        out.push(section);
        words = [];
      } else {
        if (words.length > 0) throw new ParseError(RES_FORMAT, `missing ';' after '${text(words)}'`, line);
        if (!opener) throw new ParseError(RES_FORMAT, "'}' without a matching '{'", t.line);
        return out;
      }
    }
  };
  return statements(null, 0);
}

function text(words: ConfWord[]): string {
  return words.map((w) => w.value).join(" ");
}
