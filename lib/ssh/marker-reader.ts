// Finds where one command's output ends in a stream that carries many commands, one after
// another: the host prints `<marker><trailer>\n` after each command, where the marker is a
// random nonce of the session. Output is binary-safe (nothing is escaped); a command would
// have to print the session's nonce to confuse it, and the nonce never appears in a process's
// argv on the host (it arrives over stdin). Pure; unit-tested.

export type TMarkerFrame = { body: Buffer; trailer: string };

export class MarkerReader {
  private readonly marker: Buffer;
  private chunks: Buffer[] = [];
  private bytes = 0;
  // Absolute offset of the marker once seen; we then wait for the end of its trailer line.
  private markerAt = -1;

  constructor(marker: string) {
    this.marker = Buffer.from(marker, "utf8");
  }

  // Bytes received so far, for output limits.
  get size(): number {
    return this.bytes;
  }

  // Feeds a chunk; returns the frame once the marker and its whole trailer line have arrived.
  push(chunk: Buffer): TMarkerFrame | null {
    // Only the last marker-length bytes of earlier data can hold the start of a split marker.
    const searchFrom = Math.max(0, this.bytes - this.marker.length + 1);
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (this.markerAt < 0) {
      const window = this.tail(searchFrom);
      const at = window.indexOf(this.marker);
      if (at < 0) return null;
      this.markerAt = searchFrom + at;
    }
    const afterMarker = this.tail(this.markerAt + this.marker.length);
    const newline = afterMarker.indexOf(0x0a);
    if (newline < 0) return null;
    const all = Buffer.concat(this.chunks);
    return { body: all.subarray(0, this.markerAt), trailer: afterMarker.subarray(0, newline).toString("utf8") };
  }

  private tail(from: number): Buffer {
    let skipped = 0;
    const parts: Buffer[] = [];
    for (const chunk of this.chunks) {
      const end = skipped + chunk.length;
      if (end > from) parts.push(from > skipped ? chunk.subarray(from - skipped) : chunk);
      skipped = end;
    }
    return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts);
  }
}
