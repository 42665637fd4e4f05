// Thrown by every parser for input it cannot read as its format. The CLI turns it into
// exit 2 and one line on stderr; the dashboard shows it as a report.
export class ParseError extends Error {
  readonly format: string;
  readonly line: number | null;

  constructor(format: string, message: string, line: number | null = null) {
    super(message);
    this.name = "ParseError";
    this.format = format;
    this.line = line;
  }

  oneLine(): string {
    const where = this.line === null ? "" : ` (line ${this.line})`;
    return `${this.format}: ${this.message}${where}`.replace(/[\r\n]+/g, " ");
  }
}
