// printf-style helpers and PVE's time formats.
export const padL = (s: string | number, n: number) => String(s).padStart(n);
export const padR = (s: string | number, n: number) => String(s).padEnd(n);
const two = (n: number) => String(n).padStart(2, "0");

// Task log prefix, strftime("%F %H:%M:%S", localtime).
export function taskTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

// pvesr status, strftime("%Y-%m-%d_%H:%M:%S").
export const pvesrTime = (ms: number) => taskTime(ms).replace(" ", "_");

// Perl's scalar(localtime), as corosync-quorumtool's Date: and ha-manager's status times.
export function ctime(ms: number): string {
  const d = new Date(ms);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${days[d.getDay()]} ${months[d.getMonth()]} ${String(d.getDate()).padStart(2)} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}`;
}

// PVE::Format::render_bytes($v, 1): binary units with one decimal.
export function renderBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

// pvesh --output-format json: canonical (sorted keys), compact.
export function canonicalJson(value: unknown, pretty = false): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value), null, pretty ? 3 : undefined);
}

export const hex8 = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;
