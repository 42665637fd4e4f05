import { describe, expect, it } from "vitest";
import { MarkerReader } from "./marker-reader";

const MARK = "3f1c9a0e5b7d2468";

// Feeds `text` split at the given offsets and returns what each push gave back.
function feed(text: string | Buffer, cuts: number[]) {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8");
  const reader = new MarkerReader(MARK);
  const bounds = [0, ...cuts, data.length];
  const frames = bounds.slice(1).map((end, i) => reader.push(data.subarray(bounds[i], end)));
  return { frames, reader };
}

describe("MarkerReader", () => {
  it("returns the output before the marker and the trailer line after it", () => {
    const { frames } = feed(`hello\nworld\n${MARK} 0\n`, []);
    expect(frames[0]?.body.toString()).toBe("hello\nworld\n");
    expect(frames[0]?.trailer).toBe(" 0");
  });

  it("finds a marker split across chunks at every possible point", () => {
    const text = `abc${MARK} 17\n`;
    for (let cut = 1; cut < text.length; cut++) {
      const { frames } = feed(text, [cut]);
      expect(frames[0], `cut at ${cut}`).toBeNull();
      expect(frames[1]?.body.toString(), `cut at ${cut}`).toBe("abc");
      expect(frames[1]?.trailer, `cut at ${cut}`).toBe(" 17");
    }
  });

  it("waits for the end of the trailer line", () => {
    const { frames } = feed(`out${MARK} 12`, []);
    expect(frames[0]).toBeNull();
    const reader = new MarkerReader(MARK);
    expect(reader.push(Buffer.from(`out${MARK} 1`))).toBeNull();
    expect(reader.push(Buffer.from("27\n"))).toEqual({ body: Buffer.from("out"), trailer: " 127" });
  });

  it("keeps output without a final newline and binary bytes intact", () => {
    const binary = Buffer.from([0, 255, 10, 13, 0x1b, 0x80]);
    const data = Buffer.concat([binary, Buffer.from(`${MARK} 0\n`)]);
    const { frames } = feed(data, [2, 5]);
    expect(frames.at(-1)?.body).toEqual(binary);
  });

  it("does not mistake a partial marker in the output for the real one", () => {
    const partial = MARK.slice(0, 10);
    const { frames, reader } = feed(`${partial}x${partial}\n${MARK} 3\n`, [5, 11]);
    expect(frames.at(-1)?.body.toString()).toBe(`${partial}x${partial}\n`);
    expect(frames.at(-1)?.trailer).toBe(" 3");
    expect(reader.size).toBe(partial.length * 2 + 2 + MARK.length + 3);
  });

  it("returns an empty body when the command printed nothing", () => {
    expect(feed(`${MARK}\n`, []).frames[0]).toEqual({ body: Buffer.alloc(0), trailer: "" });
  });
});
