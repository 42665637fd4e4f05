// linstor-client's table: box drawing (╭─╮ ┊ ╞═╡ ╰─╯) by default, ASCII (+-+ | |=|) with
// --no-utf8. Each cell is padded with one space on each side; the rule lines span the full width.
export type TColumn = { title: string; align?: "left" | "right" };

const UTF8 = { tl: "╭", tr: "╮", bl: "╰", br: "╯", h: "─", v: "┊", hl: "╞", hr: "╡", hh: "═" };
const ASCII = { tl: "+", tr: "+", bl: "+", br: "+", h: "-", v: "|", hl: "|", hr: "|", hh: "=" };

export function renderTable(columns: TColumn[], rows: string[][], utf8: boolean): string {
  const g = utf8 ? UTF8 : ASCII;
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? "").length)));
  // Right-aligned columns (State, capacities) align their title to the right too.
  const line = (cells: string[]) =>
    `${g.v}${cells
      .map((cell, i) => ` ${columns[i]?.align === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)} `)
      .join(g.v)}${g.v}`;
  const inner = widths.reduce((a, w) => a + w + 3, 1) - 2;
  return [
    `${g.tl}${g.h.repeat(inner)}${g.tr}`,
    line(columns.map((c) => c.title)),
    `${g.hl}${g.hh.repeat(inner)}${g.hr}`,
    ...rows.map((r) => line(r)),
    `${g.bl}${g.h.repeat(inner)}${g.br}`,
  ]
    .map((l) => `${l}\n`)
    .join("");
}

// The client's approximate sizes: two decimals in the largest binary unit under 1024.
export function sizeText(kib: number): string {
  const units = ["KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}
